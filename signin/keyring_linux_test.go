package signin_test

// A keyring-mode sign-in whose Secret Service is gone, which only Linux
// has (D-Bus). The other keyring tests run on every OS.

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
	"github.com/ssotray/ssotray/storage/secretstest"
)

// With DBUS_SESSION_BUS_ADDRESS at a dead socket, a keyring-mode sign-in
// says the keyring is unavailable, quickly, and its access token stays
// usable. In a child process: the D-Bus connection is made once per process.
func TestKeyringModeDeadBus(t *testing.T) {
	t.Parallel()
	if !secretstest.InChild(t, "DBUS_SESSION_BUS_ADDRESS="+secretstest.DeadBusAddress(t)) {
		return
	}
	e := newKeyringEnv(t, storage.Keyring{Service: secretstest.Service(t)})
	// Written while the keyring still worked: a keyring-mode token file.
	if err := e.paths.TokenCache().Save("corp", storage.Token{
		StartURL: corpStartURL, Region: "eu-west-1", AccessToken: "ACCESS-1", ExpiresAt: t0.Add(time.Hour),
	}); err != nil {
		t.Fatal(err)
	}
	settings := &storage.Settings{}
	settings.SetSecretMode("corp", storage.SecretsKeyring)
	if err := settings.Save(settingsFile(e.paths)); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(e.tokenFile())

	start := time.Now()
	if err := e.m.CheckKeyring(); !errors.Is(err, signin.ErrKeyringUnavailable) {
		t.Errorf("CheckKeyring = %v", err)
	}
	s, err := e.m.Status("corp")
	if err != nil || s.State != signin.SignedIn || s.Remaining(t0) != time.Hour || !errors.Is(s.SecretsProblem, signin.ErrKeyringUnavailable) {
		t.Errorf("status: %v %v left %v problem %v", err, s.State, s.Remaining(t0), s.SecretsProblem)
	}
	t.Logf("status problem: %v", s.SecretsProblem)
	if _, err := e.m.Refresh(context.Background(), "corp"); !errors.Is(err, signin.ErrKeyringUnavailable) || !strings.Contains(err.Error(), "the system keyring is not available") {
		t.Errorf("Refresh = %v", err)
	}
	if err := e.m.SetSecretMode("old", storage.SecretsKeyring); !errors.Is(err, signin.ErrKeyringUnavailable) {
		t.Errorf("switching old to keyring: %v", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("took %v with a dead bus", elapsed)
	}
	// The access token is untouched: the AWS CLI and SDKs keep working.
	if after, _ := os.ReadFile(e.tokenFile()); string(after) != string(before) {
		t.Errorf("token file changed:\n%s\n%s", before, after)
	}
	tok, err := e.paths.TokenCache().Load("corp")
	if err != nil || tok.AccessToken != "ACCESS-1" {
		t.Errorf("access token: %v", err)
	}
	if mode, _ := e.m.SecretMode("old"); mode != storage.SecretsCLI {
		t.Errorf("old switched to %q", mode)
	}
	if _, err := os.Stat(filepath.Join(e.paths.CacheDir(), storage.CacheFileName("https://d-2222222222.awsapps.com/start"))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("old's token file: %v", err)
	}
}
