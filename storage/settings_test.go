package storage_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/storage"
)

func TestSettingsMissingFileMeansDefaults(t *testing.T) {
	s, err := storage.LoadSettings(filepath.Join(t.TempDir(), "ssotray", "settings.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.SecretMode("corp"); got != storage.SecretsCLI {
		t.Errorf("default mode %q, want cli", got)
	}
}

func TestSettingsRoundTripKeepsUnknownKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ssotray", "settings.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	orig := `{"version": 2, "window": {"width": 640}, "signIns": {"corp": {"secrets": "keyring", "colour": "blue"}, "old": {"pinned": true}}}`
	if err := os.WriteFile(path, []byte(orig), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := storage.LoadSettings(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.SecretMode("corp") != storage.SecretsKeyring || s.SecretMode("old") != storage.SecretsCLI || s.SecretMode("new") != storage.SecretsCLI {
		t.Errorf("modes: corp %q old %q new %q", s.SecretMode("corp"), s.SecretMode("old"), s.SecretMode("new"))
	}
	s.SetSecretMode("old", storage.SecretsKeyring)
	s.SetSecretMode("corp", storage.SecretsCLI)
	s.SetSecretMode("new", storage.SecretsKeyring)
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	var got, want any
	data, _ := os.ReadFile(path)
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("saved file is not JSON: %v\n%s", err, data)
	}
	json.Unmarshal([]byte(`{"version": 2, "window": {"width": 640}, "signIns": {
		"corp": {"secrets": "cli", "colour": "blue"}, "old": {"pinned": true, "secrets": "keyring"}, "new": {"secrets": "keyring"}}}`), &want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("saved settings (-want +got):\n%s", diff)
	}
	if !strings.HasSuffix(string(data), "}\n") {
		t.Errorf("no trailing newline: %q", data)
	}
	back, err := storage.LoadSettings(path)
	if err != nil || back.SecretMode("new") != storage.SecretsKeyring || back.SecretMode("corp") != storage.SecretsCLI {
		t.Errorf("reload: %v", err)
	}
}

func TestSettingsMalformed(t *testing.T) {
	tests := []struct {
		name, data, reason string
	}{
		{"empty", "", "the file is empty"},
		{"not JSON", `{"signIns": {`, "not valid JSON"},
		{"not an object", `["corp"]`, "not a JSON object"},
		{"null", `null`, "not a JSON object"},
		{"signIns not an object", `{"signIns": []}`, "signIns is not a JSON object"},
		{"entry not an object", `{"signIns": {"corp": "keyring"}}`, `signIns["corp"] is not a JSON object`},
		{"mode not a string", `{"signIns": {"corp": {"secrets": true}}}`, `signIns["corp"].secrets is not a string`},
		{"unknown mode", `{"signIns": {"corp": {"secrets": "vault"}}}`, `unknown secret mode "vault"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "settings.json")
			if err := os.WriteFile(path, []byte(tc.data), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := storage.LoadSettings(path)
			var se *storage.SettingsError
			if !errors.As(err, &se) || se.Path != path || !errors.Is(err, storage.ErrUnreadable) {
				t.Fatalf("LoadSettings = %v; want a *SettingsError for %s wrapping ErrUnreadable", err, path)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("error %q does not name the file and %q", err, tc.reason)
			}
			// Save refuses to replace it; UpdateSettings too; the bytes stay.
			s := &storage.Settings{}
			s.SetSecretMode("corp", storage.SecretsKeyring)
			if err := s.Save(path); !errors.Is(err, storage.ErrUnreadable) || !strings.Contains(err.Error(), "not replacing it") {
				t.Errorf("Save over a malformed file: %v", err)
			}
			if err := storage.UpdateSettings(path, func(*storage.Settings) error { return nil }); !errors.Is(err, storage.ErrUnreadable) {
				t.Errorf("UpdateSettings over a malformed file: %v", err)
			}
			if got, _ := os.ReadFile(path); string(got) != tc.data {
				t.Errorf("the malformed file was changed to %q", got)
			}
			// Overwrite is the explicit way to replace it.
			if err := s.Overwrite(path); err != nil {
				t.Fatal(err)
			}
			if back, err := storage.LoadSettings(path); err != nil || back.SecretMode("corp") != storage.SecretsKeyring {
				t.Errorf("after Overwrite: %v", err)
			}
		})
	}
}

func TestUpdateSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.json")
	err := storage.UpdateSettings(path, func(s *storage.Settings) error {
		s.SetSecretMode("corp", storage.SecretsKeyring)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("changed my mind")
	err = storage.UpdateSettings(path, func(s *storage.Settings) error {
		s.SetSecretMode("corp", storage.SecretsCLI)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	if s, _ := storage.LoadSettings(path); s.SecretMode("corp") != storage.SecretsKeyring {
		t.Error("a failed update was saved")
	}
}

func TestParseSecretMode(t *testing.T) {
	for _, tc := range []struct {
		in    string
		want  storage.SecretMode
		label string
		ok    bool
	}{
		{"cli", storage.SecretsCLI, "AWS CLI compatible", true},
		{"keyring", storage.SecretsKeyring, "Keyring", true},
		{"", "", "", false},
		{"Keyring", "", "", false},
	} {
		got, err := storage.ParseSecretMode(tc.in)
		if (err == nil) != tc.ok || got != tc.want || (tc.ok && got.Label() != tc.label) {
			t.Errorf("ParseSecretMode(%q) = %q (%q), %v", tc.in, got, got.Label(), err)
		}
	}
}
