package storage

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
)

// Secrets keeps small secret values by key: the OS keyring in production
// (Keyring), memory in tests (MemSecrets). Keys are namespaced, as
// RefreshSecretKey and ClientSecretKey make them; values are short text (JSON),
// because macOS and Windows keyrings limit their size to a few kilobytes.
type Secrets interface {
	// Get returns the value stored under key, or an error wrapping
	// ErrNotFound when there is none.
	Get(key string) ([]byte, error)
	// Set stores value under key, replacing any value there.
	Set(key string, value []byte) error
	// Delete removes key. A missing key gives an error wrapping
	// ErrNotFound, which callers that only want it gone may ignore.
	Delete(key string) error
}

// ErrKeyringUnavailable means the system keyring cannot be used now: no
// Secret Service on a headless Linux, a keychain that stays locked, a D-Bus
// session that is gone. Errors that wrap it are *KeyringUnavailableError.
var ErrKeyringUnavailable = errors.New("the system keyring is not available")

// KeyringUnavailableError is a keyring call that failed for a reason other
// than a missing key. Its message never holds a secret value.
type KeyringUnavailableError struct {
	// Err is what the keyring (or the D-Bus connection to it) answered.
	Err error
}

// Error returns "the system keyring is not available: REASON".
func (e *KeyringUnavailableError) Error() string {
	if e.Err == nil {
		return ErrKeyringUnavailable.Error()
	}
	return ErrKeyringUnavailable.Error() + ": " + e.Err.Error()
}

// Unwrap returns the keyring's own error.
func (e *KeyringUnavailableError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrKeyringUnavailable) true.
func (e *KeyringUnavailableError) Is(target error) bool { return target == ErrKeyringUnavailable }

// RefreshSecretKey is the key under which keyring mode keeps what refreshes
// the token cached under cacheKey (SignIn.CacheKey): "refresh/<cache key>".
func RefreshSecretKey(cacheKey string) string { return "refresh/" + cacheKey }

// ClientSecretKey is the key under which keyring mode keeps the client
// registration that the AWS CLI would keep in the file registrationFile
// (RegistrationFileName): "client/<registration file name>".
func ClientSecretKey(registrationFile string) string { return "client/" + registrationFile }

// probeKeyPrefix names the throw-away entries CheckSecrets writes.
const probeKeyPrefix = "probe/"

// CheckSecrets tells whether s works now by a real round trip: it stores a
// random value under a probe key, reads it back, compares and deletes it. Any
// failure comes back wrapping ErrKeyringUnavailable, because a keyring that
// cannot do this cannot keep a sign-in's secrets either.
func CheckSecrets(s Secrets) error {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return &KeyringUnavailableError{Err: fmt.Errorf("make a probe value: %w", err)}
	}
	key := probeKeyPrefix + hex.EncodeToString(b[:4])
	want := hex.EncodeToString(b[4:])
	if err := s.Set(key, []byte(want)); err != nil {
		return asUnavailable("store a probe value", err)
	}
	got, err := s.Get(key)
	delErr := s.Delete(key)
	if err != nil {
		return asUnavailable("read the probe value back", err)
	}
	if string(got) != want {
		return &KeyringUnavailableError{Err: errors.New("the probe value read back differs from the one stored")}
	}
	if delErr != nil {
		return asUnavailable("delete the probe value", delErr)
	}
	return nil
}

// asUnavailable wraps err in a KeyringUnavailableError unless it already is
// one. A probe key that vanished between Set and Get also means the keyring
// does not keep what it is given.
func asUnavailable(op string, err error) error {
	if errors.Is(err, ErrKeyringUnavailable) {
		return err
	}
	return &KeyringUnavailableError{Err: fmt.Errorf("%s: %w", op, err)}
}
