package signin_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/internal/filetest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
	"github.com/ssotray/ssotray/storage/secretstest"
)

// TestMain stops the private Secret Service that secretstest.Require may
// start for the keyring tests, and serves filetest.Hold's holder.
func TestMain(m *testing.M) {
	filetest.ServeHold()
	os.Exit(secretstest.Main(m))
}

// A whole keyring-mode sign-in, refresh, switch and sign-out against the
// real Secret Service (gnome-keyring).
func TestKeyringModeWithRealSecretService(t *testing.T) {
	secretstest.Require(t)
	k := storage.Keyring{Service: secretstest.Service(t)}
	e := newKeyringEnv(t, k)
	regKey := storage.ClientSecretKey(corpRegFile)
	t.Cleanup(func() {
		k.Delete("refresh/corp")
		k.Delete(regKey)
	})
	if err := e.m.CheckKeyring(); err != nil {
		t.Fatalf("CheckKeyring: %v", err)
	}
	if err := e.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	e.signIn(t)
	cacheDirHasNoSecrets(t, e.paths.CacheDir())
	if got := keyringTokenSecrets(t, k, "corp"); got.RefreshToken != "REFRESH-SECRET-1" || got.ClientSecret != "CLIENT-SECRET" {
		t.Errorf("gnome-keyring holds %v", got)
	}
	if _, err := k.Get(regKey); err != nil {
		t.Errorf("registration entry: %v", err)
	}
	if s, _ := e.m.Status("corp"); s.State != signin.SignedIn || !s.Refreshable || s.SecretsProblem != nil {
		t.Errorf("status %v refreshable %v problem %v", s.State, s.Refreshable, s.SecretsProblem)
	}

	e.clock.Advance(50 * time.Minute)
	e.scriptToken("ACCESS-2", "REFRESH-SECRET-2")
	tok, err := e.m.Refresh(context.Background(), "corp")
	if err != nil || tok.AccessToken != "ACCESS-2" {
		t.Fatalf("Refresh: %v %v", tok, err)
	}
	if got := keyringTokenSecrets(t, k, "corp"); got.RefreshToken != "REFRESH-SECRET-2" {
		t.Error("the rotated refresh token is not in gnome-keyring")
	}
	cacheDirHasNoSecrets(t, e.paths.CacheDir())

	// Back to compatible mode and to the keyring again: no copy left.
	if err := e.m.SetSecretMode("corp", storage.SecretsCLI); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"refresh/corp", regKey} {
		if _, err := k.Get(key); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("after switching to cli, %s: %v", key, err)
		}
	}
	data, _ := os.ReadFile(e.tokenFile())
	if !strings.Contains(string(data), `"refreshToken": "REFRESH-SECRET-2"`) {
		t.Errorf("token file lacks the refresh token after switching to cli")
	}
	if err := e.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	cacheDirHasNoSecrets(t, e.paths.CacheDir())

	removed, warning, err := e.m.SignOut(context.Background(), "corp")
	if err != nil || warning != nil || !removed {
		t.Fatalf("SignOut: %v %v %v", removed, warning, err)
	}
	for _, key := range []string{"refresh/corp", regKey} {
		if _, err := k.Get(key); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("after sign-out, %s: %v", key, err)
		}
	}
}

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
