//go:build unix

package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadConfigNoPermission(t *testing.T) {
	if !unprivileged(t) {
		return
	}
	path := filepath.Join(t.TempDir(), "locked")
	if err := os.WriteFile(path, []byte("[default]\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err := LoadConfig(path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("LoadConfig error = %v, want one naming the file", err)
	}
}
