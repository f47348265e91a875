package signin

import (
	"errors"
	"fmt"
	"time"

	"github.com/ssotray/ssotray/storage"
)

// keyringQuestions asks the keyring what one status needs, within one
// deadline for all its questions together, and stops asking once the
// keyring has failed to answer: a keyring that hangs costs one wait
// (Options.StatusKeyringWait), not one per sign-in, and every sign-in
// that needed it gets the same error.
type keyringQuestions struct {
	m        *Manager
	deadline time.Time
	wait     time.Duration
	down     error // why the keyring is not asked again
}

// newKeyringQuestions starts the deadline for one status.
func (m *Manager) newKeyringQuestions() *keyringQuestions {
	w := m.opts.StatusKeyringWait
	return &keyringQuestions{m: m, deadline: time.Now().Add(w), wait: w}
}

// tokenSecrets reads the keyring entry for the token under key, as
// Manager.readTokenSecrets does, giving up at the deadline. A question
// given up on goes on in the background (go-keyring cannot be cancelled)
// until the keyring's own timeout; its answer is dropped.
func (q *keyringQuestions) tokenSecrets(key string) (storage.TokenSecrets, error) {
	if q.down != nil {
		return storage.TokenSecrets{}, q.down
	}
	type answer struct {
		sec storage.TokenSecrets
		err error
	}
	done := make(chan answer, 1)
	go func() {
		sec, err := q.m.readTokenSecrets(key)
		done <- answer{sec, err}
	}()
	timer := time.NewTimer(time.Until(q.deadline))
	defer timer.Stop()
	select {
	case a := <-done:
		if errors.Is(a.err, storage.ErrKeyringUnavailable) {
			q.down = a.err
		}
		return a.sec, a.err
	case <-timer.C:
		q.down = &storage.KeyringUnavailableError{Err: fmt.Errorf("no answer within %s", q.wait)}
		return storage.TokenSecrets{}, q.down
	}
}
