// Package filetest holds the file assertions that the tests of several
// packages share: a file's permission bits, and what a directory holds
// (so that a test sees no temporary file left behind).
package filetest

import (
	"io/fs"
	"os"
	"runtime"
	"slices"
	"testing"
)

// Mode fails t unless path has exactly the permission bits want. On
// Windows, which has no such bits (Go shows 0666, or 0444 when read-only,
// and ACLs decide who may read), it checks only that path exists.
func Mode(t testing.TB, path string, want fs.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("mode of %s = %#o, want %#o", path, got, want)
	}
}

// OnlyFiles fails t unless dir holds exactly the entries names, in
// os.ReadDir's order (sorted by name).
func OnlyFiles(t testing.TB, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, 0, len(entries))
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("files in %s = %q, want %q", dir, got, names)
	}
}
