package storage_test

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/storage"
	"github.com/ssotray/ssotray/storage/secretstest"
)

// TestMain stops the private Secret Service that secretstest.Require may
// start for the keyring tests.
func TestMain(m *testing.M) { os.Exit(secretstest.Main(m)) }

// The real Secret Service: gnome-keyring under make test's
// dbus-run-session, or one the test starts itself.
func TestKeyringRealSecretService(t *testing.T) {
	secretstest.Require(t)
	k := storage.Keyring{Service: secretstest.Service(t)}
	const key = "refresh/corp"
	t.Cleanup(func() { k.Delete(key) })

	if _, err := k.Get(key); !errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrKeyringUnavailable) {
		t.Fatalf("Get before Set: %v, want ErrNotFound", err)
	}
	if err := k.Check(); err != nil {
		t.Fatalf("Check: %v", err)
	}
	for _, v := range []string{`{"refreshToken": "REFRESH-SECRET-1"}`, `{"refreshToken": "REFRESH-SECRET-2"}`} {
		if err := k.Set(key, []byte(v)); err != nil {
			t.Fatalf("Set: %v", err)
		}
		got, err := k.Get(key)
		if err != nil || string(got) != v {
			t.Fatalf("Get = %q, %v; want %q", got, err, v)
		}
	}
	// The value is really in the Secret Service: libsecret's own tool,
	// a separate client, reads it back.
	if tool, err := exec.LookPath("secret-tool"); err == nil {
		out, err := exec.Command(tool, "lookup", "service", k.Service, "username", key).Output()
		if err != nil || string(out) != `{"refreshToken": "REFRESH-SECRET-2"}` {
			t.Errorf("secret-tool lookup = %q, %v", out, err)
		}
	} else {
		t.Log("secret-tool is not installed; skipping the cross-check with libsecret")
	}
	// Other entries of the same service are separate.
	if err := k.Set("client/x.json", []byte("C")); err != nil {
		t.Fatal(err)
	}
	if got, _ := k.Get(key); string(got) != `{"refreshToken": "REFRESH-SECRET-2"}` {
		t.Errorf("another key's Set changed this one: %q", got)
	}
	if err := k.Delete("client/x.json"); err != nil {
		t.Fatal(err)
	}
	// A bigger value than a refresh token and client secret together.
	big := strings.Repeat("x", 8000)
	if err := k.Set(key, []byte(big)); err != nil {
		t.Fatalf("Set of %d bytes: %v", len(big), err)
	}
	if got, _ := k.Get(key); string(got) != big {
		t.Errorf("the big value came back as %d bytes", len(got))
	}
	if err := k.Delete(key); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := k.Get(key); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := k.Delete(key); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Delete of a missing key: %v, want ErrNotFound", err)
	}
}

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
