//go:build unix

package storage_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ssotray/ssotray/storage"
)

func TestSettingsSaveModes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "config", "ssotray")
	path := filepath.Join(dir, "settings.json")
	s := &storage.Settings{}
	s.SetSecretMode("corp", storage.SecretsKeyring)
	if err := s.Save(path); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700} {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, %v; want %v", p, fi.Mode().Perm(), err, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}
