//go:build unix

package storage

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/ssotray/ssotray/internal/filetest"
)

func TestAddSSOSessionFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "dotfiles-config")
	link := filepath.Join(dir, "config")
	if err := os.WriteFile(real, []byte("[default]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("dotfiles-config", link); err != nil {
		t.Fatal(err)
	}
	if err := AddSSOSession(link, "corp", "https://d-1234567890.awsapps.com/start", "eu-west-1"); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	got, _ := os.ReadFile(real)
	if string(got) != "[default]\n\n"+newSection {
		t.Errorf("target:\n%s", got)
	}
}

func TestAddSSOSessionNoPermission(t *testing.T) {
	if !filetest.Unprivileged(t) {
		return
	}
	path := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(path, []byte("[default]\n"), 0o200); err != nil {
		t.Fatal(err)
	}
	if err := AddSSOSession(path, "corp", "https://d-1234567890.awsapps.com/start", "eu-west-1"); err == nil {
		t.Fatal("wrote a file it could not read")
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "[default]\n" {
		t.Errorf("file changed: %q", got)
	}
}

// A dangling chain of links (config -> b -> dotfiles/c, c missing) is
// followed to its end: the file is created there and both links stay.
func TestAddSSOSessionFollowsADanglingChain(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "config"), filepath.Join(dir, "b")
	c := filepath.Join(dir, "dotfiles", "c")
	if err := os.Symlink("b", a); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("dotfiles", "c"), b); err != nil {
		t.Fatal(err)
	}
	if err := AddSSOSession(a, "corp", "https://d-1234567890.awsapps.com/start", "eu-west-1"); err != nil {
		t.Fatal(err)
	}
	for _, link := range []string{a, b} {
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link: %v", filepath.Base(link), err)
		}
	}
	if got, err := os.ReadFile(c); err != nil || string(got) != newSection {
		t.Errorf("end of the chain: %q, %v", got, err)
	}

	// A loop is refused, and nothing is written.
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink("loop2", loop); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop", filepath.Join(dir, "loop2")); err != nil {
		t.Fatal(err)
	}
	if err := AddSSOSession(loop, "corp", "https://d-1234567890.awsapps.com/start", "eu-west-1"); err == nil {
		t.Error("a loop of links was written through")
	}
	for _, link := range []string{loop, filepath.Join(dir, "loop2")} {
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link: %v", filepath.Base(link), err)
		}
	}
}
