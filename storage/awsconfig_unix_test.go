//go:build unix

package storage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/internal/filetest"
)

func TestLoadConfigNoPermission(t *testing.T) {
	if !filetest.Unprivileged(t) {
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
