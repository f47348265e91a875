package storage

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/zalando/go-keyring"
)

// DefaultKeyringTimeout bounds one keyring call when Keyring.Timeout is zero.
// A Secret Service that shows an unlock prompt waits for the person, so this
// is generous; a missing or dead D-Bus answers at once.
const DefaultKeyringTimeout = 30 * time.Second

// Keyring is the OS keyring through github.com/zalando/go-keyring: the
// Secret Service over D-Bus on Linux (gnome-keyring, KeePassXC, KWallet's
// bridge), the login keychain on macOS, the Credential Manager on Windows.
// Entries are stored with Service as the service and the key as the user
// name. It needs no cgo.
//
// A missing entry gives an error wrapping ErrNotFound; every other failure
// (no D-Bus session, no Secret Service, a locked keyring, a call that takes
// longer than Timeout) gives a *KeyringUnavailableError. One entry holds
// at most 2,560 bytes on Windows (the Credential Manager's
// CRED_MAX_CREDENTIAL_BLOB_SIZE) and about 3,000 on macOS (go-keyring's
// 4,096-byte command line to the security tool, base64); a longer value is
// split across entries, up to maxSplitEntries.
type Keyring struct {
	// Service groups ssotray's entries, normally "ssotray".
	Service string
	// Timeout bounds each call. Default: DefaultKeyringTimeout.
	Timeout time.Duration
}

var _ Secrets = Keyring{}

// Get returns the value stored under key.
func (k Keyring) Get(key string) ([]byte, error) { return k.split().Get(key) }

// Set stores value under key, replacing any value there. A value longer
// than one entry of this OS's keyring holds (maxKeyringValue) is split
// across several entries (see splitSecrets).
func (k Keyring) Set(key string, value []byte) error { return k.split().Set(key, value) }

// Delete removes key, and the entries of a split value.
func (k Keyring) Delete(key string) error { return k.split().Delete(key) }

// split is k's entries, values split to fit this OS's keyring.
func (k Keyring) split() splitSecrets {
	return splitSecrets{entries: keyringEntries{k}, max: maxKeyringValue}
}

// keyringEntries is the OS keyring's entries one to one, with no
// splitting: what go-keyring gives, with storage's errors.
type keyringEntries struct{ k Keyring }

func (e keyringEntries) Get(key string) ([]byte, error) {
	var v string
	err := e.k.do(func() error {
		var err error
		v, err = keyring.Get(e.k.Service, key)
		return err
	})
	if err != nil {
		return nil, e.k.wrap("read", key, err)
	}
	return []byte(v), nil
}

func (e keyringEntries) Set(key string, value []byte) error {
	if err := e.k.do(func() error { return keyring.Set(e.k.Service, key, string(value)) }); err != nil {
		return e.k.wrap("store", key, err)
	}
	return nil
}

func (e keyringEntries) Delete(key string) error {
	if err := e.k.do(func() error { return keyring.Delete(e.k.Service, key) }); err != nil {
		return e.k.wrap("delete", key, err)
	}
	return nil
}

// Check tells whether the keyring works now, by a real round trip on a
// probe entry (CheckSecrets). On Linux a locked keyring may show its unlock
// prompt; an error wraps ErrKeyringUnavailable.
func (k Keyring) Check() error { return CheckSecrets(k) }

// errKeyringTimeout is a keyring call that did not return within Timeout.
var errKeyringTimeout = errors.New("the keyring did not answer in time")

// do runs call with the timeout. A call that times out keeps running in the
// background (go-keyring cannot be cancelled) and its result is dropped.
func (k Keyring) do(call func() error) error {
	timeout := k.Timeout
	if timeout <= 0 {
		timeout = DefaultKeyringTimeout
	}
	done := make(chan error, 1)
	go func() { done <- call() }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return fmt.Errorf("%w (%s)", errKeyringTimeout, timeout)
	}
}

// wrap maps go-keyring's errors onto storage's. The key is named (keys are
// not secret); the value never is.
func (k Keyring) wrap(op, key string, err error) error {
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return fmt.Errorf("keyring entry %q: %w", key, ErrNotFound)
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return fmt.Errorf("keyring entry %q: %w", key, ErrSecretTooBig)
	}
	return &KeyringUnavailableError{Err: fmt.Errorf("%s keyring entry %q: %w", op, key, oneLineError{err})}
}

// oneLineError shows a keyring's error as one line: a Secret Service
// written in Python answers a failure with its whole traceback, several
// lines whose last names the exception. It keeps the error for errors.Is
// and errors.As.
type oneLineError struct{ err error }

// maxReason limits the text kept of a keyring's own error.
const maxReason = 200

// Error returns the last line of the error that is not blank, with control
// characters and runs of spaces made one space, cut at maxReason runes.
func (e oneLineError) Error() string { return oneLine(e.err.Error(), maxReason) }

// Unwrap returns the keyring's error.
func (e oneLineError) Unwrap() error { return e.err }

// oneLine returns the last non-blank line of s as printable text of at most
// limit runes, ending in "…" when cut.
func oneLine(s string, limit int) string {
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.TrimSpace(lines[i]) != "" {
			s = lines[i]
			break
		}
	}
	var b strings.Builder
	n := 0
	for _, f := range strings.FieldsFunc(strings.ToValidUTF8(s, " "), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || !unicode.IsPrint(r)
	}) {
		if n > 0 {
			b.WriteByte(' ')
			n++
		}
		for _, r := range f {
			if n >= limit {
				return strings.TrimRight(b.String(), " ") + "…"
			}
			b.WriteRune(r)
			n++
		}
	}
	return b.String()
}
