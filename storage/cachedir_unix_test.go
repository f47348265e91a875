//go:build unix

package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ssotray/ssotray/internal/filetest"
)

func TestSecureDirTightensOurOwn(t *testing.T) {
	c := NewTokenCache(filepath.Join(t.TempDir(), "cache"))
	if w := c.SecureDir(); w != nil {
		t.Errorf("missing directory: %v", w)
	}
	if err := os.Mkdir(c.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if w := c.SecureDir(); w != nil {
		t.Errorf("private directory: %v", w)
	}
	if err := os.Chmod(c.Dir, 0o777); err != nil {
		t.Fatal(err)
	}
	w := c.SecureDir()
	if w == nil || !strings.Contains(w.Error(), c.Dir) || !strings.Contains(w.Error(), "0777") || !strings.Contains(w.Error(), "made it 0700") {
		t.Errorf("warning %v", w)
	}
	if fi, _ := os.Stat(c.Dir); fi.Mode().Perm() != 0o700 {
		t.Errorf("mode %04o, want 0700", fi.Mode().Perm())
	}
	if w := c.SecureDir(); w != nil {
		t.Errorf("after tightening: %v", w)
	}
}

// A directory that belongs to someone else is reported, not changed.
func TestSecureDirLeavesAnothersDirectory(t *testing.T) {
	c := NewTokenCache(filepath.Join(t.TempDir(), "cache"))
	if os.Geteuid() == 0 {
		// Root gives a 0777 directory to nobody.
		if err := os.Mkdir(c.Dir, 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(c.Dir, 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(c.Dir, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	} else {
		// Anyone else has one at hand: /tmp, root's and open to all.
		c = NewTokenCache("/tmp")
		if fi, err := os.Stat(c.Dir); err != nil || fi.Mode().Perm() != 0o777 || fi.Sys().(*syscall.Stat_t).Uid == uint32(os.Geteuid()) {
			t.Fatalf("/tmp is not a directory of another user open to all: %v %v", fi.Mode(), err)
		}
	}
	if w := c.SecureDir(); w == nil || !strings.Contains(w.Error(), "another user") {
		t.Errorf("warning %v", w)
	}
	if fi, _ := os.Stat(c.Dir); fi.Mode().Perm() != 0o777 {
		t.Errorf("mode %04o changed", fi.Mode().Perm())
	}
}

func TestCheckWritable(t *testing.T) {
	if !filetest.Unprivileged(t) {
		return
	}
	c := NewTokenCache(filepath.Join(t.TempDir(), "sso", "cache"))
	if err := c.CheckWritable(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(c.Dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("created: %v %v", fi.Mode(), err)
	}
	if entries, _ := os.ReadDir(c.Dir); len(entries) != 0 {
		t.Errorf("left %v behind", entries)
	}
	if err := os.Chmod(c.Dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(c.Dir, 0o700)
	err := c.CheckWritable()
	var ce *CacheError
	if !errors.As(err, &ce) || ce.Path != c.Dir || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("read-only directory: %v", err)
	}
}
