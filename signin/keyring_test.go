package signin_test

import (
	"context"
	"errors"
	"os"
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
