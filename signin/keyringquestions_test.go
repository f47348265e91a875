package signin_test

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// hangingSecrets is a keyring that never answers a Get until the test ends.
type hangingSecrets struct {
	mu      sync.Mutex
	asked   []string
	release chan struct{}
}

func (h *hangingSecrets) Get(key string) ([]byte, error) {
	h.mu.Lock()
	h.asked = append(h.asked, key)
	h.mu.Unlock()
	<-h.release
	return nil, errors.New("released")
}
func (h *hangingSecrets) Set(string, []byte) error { <-h.release; return errors.New("released") }
func (h *hangingSecrets) Delete(string) error      { <-h.release; return errors.New("released") }

// A keyring that never answers holds up a status once, for
// StatusKeyringWait, not once per sign-in; a signed-out sign-in does not
// ask it at all, and every sign-in that needed it says it is unavailable.
func TestStatusesWithAKeyringThatNeverAnswers(t *testing.T) {
	paths := storage.PathsFromHome(t.TempDir())
	if err := os.MkdirAll(filepath.Dir(paths.ConfigFile), 0o700); err != nil {
		t.Fatal(err)
	}
	var config string
	settings := &storage.Settings{}
	for _, name := range []string{"a", "b", "c"} {
		config += "[sso-session " + name + "]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n\n"
		settings.SetSecretMode(name, storage.SecretsKeyring)
	}
	if err := os.WriteFile(paths.ConfigFile, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := settings.Save(settingsFile(paths)); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "b"} { // c is signed out
		if err := paths.TokenCache().Save(name, storage.Token{
			StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1", AccessToken: "ACCESS", ExpiresAt: time.Now().Add(time.Hour),
		}); err != nil {
			t.Fatal(err)
		}
	}
	keyring := &hangingSecrets{release: make(chan struct{})}
	t.Cleanup(func() { close(keyring.release) })
	const wait = 100 * time.Millisecond
	m := signin.New(paths, func(o *signin.Options) {
		o.Settings = settingsFile(paths)
		o.Secrets = keyring
		o.StatusKeyringWait = wait
	})

	done := make(chan []signin.Status, 1)
	start := time.Now()
	go func() {
		st, _, err := m.Statuses()
		if err != nil {
			t.Error(err)
		}
		done <- st
	}()
	var statuses []signin.Status
	select {
	case statuses = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Statuses did not return within 5 s")
	}
	if took := time.Since(start); took > 10*wait {
		t.Errorf("Statuses took %s; want about one wait of %s", took, wait)
	}
	keyring.mu.Lock()
	asked := len(keyring.asked)
	keyring.mu.Unlock()
	if asked != 1 {
		t.Errorf("the keyring was asked %d times, want once", asked)
	}
	for _, s := range statuses {
		switch s.Name {
		case "a", "b":
			if s.State != signin.SignedIn || !errors.Is(s.SecretsProblem, signin.ErrKeyringUnavailable) {
				t.Errorf("%s: %s, %v; want signed in with the keyring unavailable", s.Name, s.State, s.SecretsProblem)
			}
		case "c":
			if s.State != signin.SignedOut || s.SecretsProblem != nil {
				t.Errorf("c: %s, %v; want signed out with no keyring problem", s.State, s.SecretsProblem)
			}
		}
	}
}
