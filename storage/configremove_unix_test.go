//go:build unix

package storage

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRemoveSSOSessionFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real-config")
	link := filepath.Join(dir, "config")
	if err := os.WriteFile(target, []byte("[sso-session corp]\nsso_region = x\n[default]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real-config", link); err != nil {
		t.Fatal(err)
	}
	if err := RemoveSSOSession(link, "corp"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	if got, _ := os.ReadFile(target); string(got) != "[default]\n" {
		t.Errorf("target = %q", got)
	}
}
