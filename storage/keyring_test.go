package storage_test

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

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
	// a separate client, reads it back (Linux).
	if tool, err := exec.LookPath("secret-tool"); runtime.GOOS == "linux" && err == nil {
		out, err := exec.Command(tool, "lookup", "service", k.Service, "username", key).Output()
		if err != nil || string(out) != `{"refreshToken": "REFRESH-SECRET-2"}` {
			t.Errorf("secret-tool lookup = %q, %v", out, err)
		}
	} else if runtime.GOOS == "linux" {
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
	// A bigger value than a refresh token and client secret together: split
	// across entries where one entry holds less (Windows 2,560 bytes, macOS
	// about 2,000 here).
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
