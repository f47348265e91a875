//go:build linux

package storage_test

import (
	"path/filepath"
	"testing"

	"github.com/ssotray/ssotray/storage"
)

func TestDefaultSettingsFileHonoursXDG(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	got, err := storage.DefaultSettingsFile()
	if err != nil || got != filepath.Join(dir, "ssotray", "settings.json") {
		t.Errorf("DefaultSettingsFile() = %q, %v", got, err)
	}
}
