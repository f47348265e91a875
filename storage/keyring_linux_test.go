package storage_test

// The Secret Service's own failures, which only Linux has: a D-Bus session
// that is gone, a keyring that is locked. macOS and Windows run the rest of
// the keyring tests against their own keyrings.

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/storage"
	"github.com/ssotray/ssotray/storage/secretstest"
)

// With the D-Bus address pointing at a socket nobody listens on, every call
// says the keyring is unavailable, at once. It runs in a child process
// because go-keyring's D-Bus connection is made once per process.
func TestKeyringDeadBus(t *testing.T) {
	t.Parallel()
	if !secretstest.InChild(t, "DBUS_SESSION_BUS_ADDRESS="+secretstest.DeadBusAddress(t)) {
		return
	}
	k := storage.Keyring{Service: secretstest.Service(t)}
	start := time.Now()
	err := k.Check()
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("Check took %v", elapsed)
	}
	var kerr *storage.KeyringUnavailableError
	if !errors.Is(err, storage.ErrKeyringUnavailable) || !errors.As(err, &kerr) {
		t.Fatalf("Check = %v; want a *KeyringUnavailableError", err)
	}
	if !strings.HasPrefix(err.Error(), "the system keyring is not available: ") {
		t.Errorf("message %q", err)
	}
	t.Logf("Check: %v", err)
	if _, err := k.Get("refresh/corp"); !errors.Is(err, storage.ErrKeyringUnavailable) || errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Get = %v", err)
	}
	if err := k.Set("refresh/corp", []byte("REFRESH-SECRET")); !errors.Is(err, storage.ErrKeyringUnavailable) || strings.Contains(err.Error(), "REFRESH-SECRET") {
		t.Errorf("Set = %v", err)
	}
	if err := k.Delete("refresh/corp"); !errors.Is(err, storage.ErrKeyringUnavailable) {
		t.Errorf("Delete = %v", err)
	}
}

// A Secret Service whose keyring is locked (gnome-keyring started by D-Bus
// activation and never unlocked, as after a login without the keyring
// password): every call says the keyring is unavailable, quickly, and does
// not hang waiting for a prompt nobody can answer.
func TestKeyringLocked(t *testing.T) {
	t.Parallel()
	var env []string
	if !secretstest.IsChild(t) {
		env = append(env, "DBUS_SESSION_BUS_ADDRESS="+secretstest.LockedBus(t))
	}
	if !secretstest.InChild(t, env...) {
		return
	}
	k := storage.Keyring{Service: secretstest.Service(t)}
	k.Timeout = 10 * time.Second
	start := time.Now()
	err := k.Check()
	if !errors.Is(err, storage.ErrKeyringUnavailable) {
		t.Fatalf("Check on a locked keyring = %v", err)
	}
	if _, err := k.Get("refresh/corp"); !errors.Is(err, storage.ErrKeyringUnavailable) {
		t.Errorf("Get = %v", err)
	}
	if elapsed := time.Since(start); elapsed > 8*time.Second {
		t.Errorf("took %v", elapsed)
	}
	t.Logf("Check: %v", err)
}
