//go:build unix

package storage

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ssotray/ssotray/internal/filetest"
)

func TestSaveFileModes(t *testing.T) {
	home := t.TempDir()
	c := PathsFromHome(home).TokenCache()
	if err := c.Save("my-sso", cliToken()); err != nil {
		t.Fatal(err)
	}
	filetest.Mode(t, c.Path("my-sso"), 0o600)
	filetest.Mode(t, c.Dir, 0o700)
	filetest.OnlyFiles(t, c.Dir, CacheFileName("my-sso"))

	// An existing file with a wider mode is replaced by a 0600 one.
	if err := os.Chmod(c.Path("my-sso"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := c.Save("my-sso", cliToken()); err != nil {
		t.Fatal(err)
	}
	filetest.Mode(t, c.Path("my-sso"), 0o600)
}

func TestSaveKeepsExistingDirMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // umask-proof
		t.Fatal(err)
	}
	if err := NewTokenCache(dir).Save("k", cliToken()); err != nil {
		t.Fatal(err)
	}
	filetest.Mode(t, dir, 0o755)
}
