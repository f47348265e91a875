package atomicfile

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/ssotray/ssotray/internal/filetest"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	path := filepath.Join(dir, "f.json")
	if err := Write(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("two"), 0o640); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "two" {
		t.Fatalf("ReadFile = %q, %v", got, err)
	}
	if runtime.GOOS != "windows" {
		filetest.Mode(t, path, 0o640)
		filetest.Mode(t, dir, 0o700)
		filetest.Mode(t, filepath.Dir(dir), 0o700)
	}
	filetest.OnlyFiles(t, dir, "f.json")
}

func TestWriteFileAtomicFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	// Renaming a file over a non-empty directory fails after the temporary
	// file was written.
	path := filepath.Join(dir, "target")
	if err := os.MkdirAll(filepath.Join(path, "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("data"), 0o600); err == nil {
		t.Fatal("replaced a directory")
	}
	filetest.OnlyFiles(t, dir, "target")
}

func TestWriteFileAtomicParentIsFile(t *testing.T) {
	dir := t.TempDir()
	parent := filepath.Join(dir, "file")
	if err := os.WriteFile(parent, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(parent, "x"), []byte("data"), 0o600); err == nil {
		t.Fatal("wrote under a file")
	}
}
