//go:build unix

package storage_test

import (
	"path/filepath"
	"testing"

	"github.com/ssotray/ssotray/internal/filetest"
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
	filetest.Mode(t, path, 0o600)
	filetest.Mode(t, dir, 0o700)
	filetest.OnlyFiles(t, dir, "settings.json")
}
