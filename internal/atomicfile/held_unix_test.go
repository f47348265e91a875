//go:build !windows

package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// On Unix a reader never blocks a replace or a removal: no wait, and the
// reader keeps the old contents.
func TestWriteAndRemoveNeverWaitForReaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	noWait := func(d time.Duration) { t.Errorf("waited %v", d) }
	if err := write(path, []byte("new"), 0o600, noWait); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 8)
	n, _ := f.Read(buf)
	if string(buf[:n]) != "old" {
		t.Errorf("the reader sees %q, want old", buf[:n])
	}
	if err := remove(path, noWait); err != nil {
		t.Fatal(err)
	}
}
