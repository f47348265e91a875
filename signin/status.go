package signin

import (
	"errors"
	"time"

	"github.com/ssotray/ssotray/storage"
)

// State is what a sign-in's token cache says.
type State string

// The states a sign-in can be in.
const (
	SignedIn   State = "signed-in"  // a token that has not expired
	Expired    State = "expired"    // a token whose time is up
	SignedOut  State = "signed-out" // no token file
	Unreadable State = "unreadable" // a token file that cannot be used
)

// expiryMargin treats a token as expired a little early, as x/oauth2 does, so
// nothing is handed a token that dies in flight.
const (
	expiryMargin       = 10 * time.Second
	defaultCallTimeout = 30 * time.Second
	// defaultStatusKeyringWait is Options.StatusKeyringWait's default: long
	// enough for any keyring that answers, short beside the 30 s a keyring
	// call is otherwise given (storage.DefaultKeyringTimeout) for an unlock
	// prompt that a status has no business waiting for.
	defaultStatusKeyringWait = 5 * time.Second
)

// Status is one sign-in and what its token cache holds.
type Status struct {
	storage.SignIn
	State       State
	ExpiresAt   time.Time // zero when there is no readable token
	Refreshable bool
	CacheFile   string
	// Problem says why the cache file is unreadable; it never quotes the file.
	Problem error
	// SecretMode is where the sign-in keeps its refresh token and client
	// secret; empty when the settings file cannot be read.
	SecretMode storage.SecretMode
	// SecretsProblem says why the secrets cannot be had: in keyring mode, a
	// keyring that is not available (errors.Is ErrKeyringUnavailable) or an
	// entry that is missing (ErrSecretsMissing); or a settings file that
	// cannot be read. The access token in the cache file stays usable
	// until it expires either way. It never holds a secret.
	SecretsProblem error
}

// Remaining returns the time left at now, or 0 once expired.
func (s Status) Remaining(now time.Time) time.Duration {
	if s.ExpiresAt.IsZero() || !now.Before(s.ExpiresAt) {
		return 0
	}
	return s.ExpiresAt.Sub(now)
}

// statusOf reads the cache, and in keyring mode the keyring, for one
// sign-in. The keyring is asked (through ask) only when the answer matters:
// for a readable token file without the secrets, to tell whether it can be
// refreshed. A signed-out sign-in needs no keyring; signing in checks it
// before any code is shown.
func (m *Manager) statusOf(in storage.SignIn, now time.Time, settings *storage.Settings, settingsErr error, ask *keyringQuestions) Status {
	s := Status{SignIn: in, CacheFile: m.cache.Path(in.CacheKey)}
	if settingsErr != nil {
		s.SecretsProblem = repairHint(in.Name, settingsErr)
	} else {
		s.SecretMode = settings.SecretMode(in.Name)
	}
	tok, err := m.cache.Load(in.CacheKey)
	if s.SecretMode == storage.SecretsKeyring && err == nil && tok.Secrets().IsZero() {
		sec, secErr := ask.tokenSecrets(in.CacheKey)
		if secErr == nil {
			tok = tok.WithSecrets(sec)
		} else {
			s.SecretsProblem = secErr
		}
	}
	switch {
	case errors.Is(err, storage.ErrNotFound):
		s.State = SignedOut
	case err != nil:
		s.State, s.Problem = Unreadable, err
	default:
		s.ExpiresAt = tok.ExpiresAt
		s.Refreshable = tok.Refreshable(now)
		s.State = SignedIn
		if !now.Add(expiryMargin).Before(tok.ExpiresAt) {
			s.State = Expired
		}
	}
	return s
}
