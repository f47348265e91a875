package signin

import (
	"errors"
	"fmt"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/internal/atomicfile"
)

// ErrTokenUnsaved is wrapped by a refresh's or a sign-in's error when
// Identity Center issued a token that could not be written because another
// program holds the token file open (only Windows forbids replacing an open
// file). Identity Center rotates the refresh token on every refresh, so the
// new one is the only one that still works: the Manager keeps it in memory,
// uses it for the next refresh, and writes it as soon as the file is free
// (at the next refresh, or SaveUnsaved).
var ErrTokenUnsaved = errors.New("the new token is kept in memory until it can be written")

// UnsavedError is ErrTokenUnsaved with the file and the reason.
type UnsavedError struct {
	Path string
	Err  error
}

// Error says in plain words what happened and what to do.
func (e *UnsavedError) Error() string {
	return fmt.Sprintf("another program has %s open, so the new token could not be written; "+
		"ssotray keeps it and writes it as soon as that program closes the file "+
		"(if ssotray stops before then, the session ends and you sign in again)", e.Path)
}

// Unwrap returns ErrTokenUnsaved and the storage error.
func (e *UnsavedError) Unwrap() []error { return []error{ErrTokenUnsaved, e.Err} }

// keepIfHeld keeps tok for t when err says the token file was held, and
// forgets a kept token once a save succeeded. It returns err, as an
// *UnsavedError when kept. Called with m.mu held.
func (m *Manager) keepIfHeld(t flow.Target, tok flow.Token, err error) error {
	key := cacheKey(t)
	if err == nil {
		delete(m.unsaved, key)
		return nil
	}
	if !errors.Is(err, atomicfile.ErrHeld) {
		return err
	}
	if m.unsaved == nil {
		m.unsaved = map[string]flow.Token{}
	}
	m.unsaved[key] = tok
	m.opts.Logf("token of %s kept in memory: %v", t.Name, err)
	return &UnsavedError{Path: m.cache.Path(key), Err: err}
}

// unsavedToken returns the token kept for t, after trying once more to
// write it. A kept token is dropped when the file now holds a token that
// lasts longer (another program refreshed since and wrote its own), and
// when writing it succeeds; then the caller reads the file as usual. Called
// with m.mu held.
func (m *Manager) unsavedToken(t flow.Target) (flow.Token, bool) {
	key := cacheKey(t)
	kept, ok := m.unsaved[key]
	if !ok {
		return flow.Token{}, false
	}
	if disk, err := m.cache.Load(key); err == nil && disk.ExpiresAt.After(kept.ExpiresAt) {
		delete(m.unsaved, key)
		return flow.Token{}, false
	}
	if err := m.saveToken(t, kept); err != nil {
		return kept, true
	}
	delete(m.unsaved, key)
	m.opts.Logf("token of %s written after the file was released", t.Name)
	return flow.Token{}, false
}

// SaveUnsaved writes name's token that was kept in memory because another
// program held its file (see ErrTokenUnsaved). It returns nil when there is
// none or it is written now, and an *UnsavedError while the file is still
// held.
func (m *Manager) SaveUnsaved(name string) error {
	in, err := m.Find(name)
	if err != nil {
		return err
	}
	t := Target(in)
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, still := m.unsavedToken(t); still {
		return &UnsavedError{Path: m.cache.Path(cacheKey(t)), Err: atomicfile.ErrHeld}
	}
	return nil
}

// HasUnsaved reports whether name has a token kept in memory.
func (m *Manager) HasUnsaved(name string) bool {
	in, err := m.Find(name)
	if err != nil {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.unsaved[cacheKey(Target(in))]
	return ok
}
