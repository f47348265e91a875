//go:build unix

package profiles

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ssotray/ssotray/internal/filetest"
)

func TestWriteModes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config")
	writeFile(t, path, sessionConfig, 0o640)
	p := mustPlan(t, sessionConfig, corp, list(acct("111111111111", "A", "Admin")), Options{})
	if err := Write(path, p); err != nil {
		t.Fatal(err)
	}
	filetest.Mode(t, path, 0o640)
	filetest.Mode(t, path+".bak", 0o600)

	// A new file is 0600 in a new 0700 directory, with no backup.
	newDir := filepath.Join(t.TempDir(), ".aws")
	path = filepath.Join(newDir, "config")
	p = mustPlan(t, "", storageLegacy, list(acct("111111111111", "A", "Admin")), Options{})
	if err := Write(path, p); err != nil {
		t.Fatal(err)
	}
	filetest.Mode(t, path, 0o600)
	filetest.Mode(t, newDir, 0o700)
	filetest.OnlyFiles(t, newDir, "config")
	if got := readFile(t, path); got != string(p.Bytes()) || got == "" {
		t.Errorf("config:\n%s", got)
	}
}

func TestWriteFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "dotfiles-config")
	link := filepath.Join(dir, "config")
	writeFile(t, real, sessionConfig, 0o600)
	if err := os.Symlink("dotfiles-config", link); err != nil {
		t.Fatal(err)
	}
	p := mustPlan(t, sessionConfig, corp, list(acct("111111111111", "A", "Admin")), Options{})
	if err := Write(link, p); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if got := readFile(t, real); got != string(p.Bytes()) {
		t.Errorf("target:\n%s", got)
	}
	if got := readFile(t, real+".bak"); got != sessionConfig {
		t.Errorf("backup:\n%s", got)
	}
}
