package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/ssotray/ssotray/internal/filetest"
)

// hold opens path as Go's os.Open does (share read and write, not delete),
// the default of most readers, and returns the handle.
func hold(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// waitsThenRelease returns a wait function that records each wait and
// closes f at the nth.
func waitsThenRelease(f *os.File, n int, waits *[]time.Duration) func(time.Duration) {
	return func(d time.Duration) {
		*waits = append(*waits, d)
		if len(*waits) == n {
			f.Close()
		}
	}
}

func TestWriteWaitsForAHeldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "token.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := hold(t, path)
	var waits []time.Duration
	if err := write(path, []byte("new"), 0o600, waitsThenRelease(f, 3, &waits)); err != nil {
		t.Fatalf("write while held, released at the third wait: %v", err)
	}
	if want := backoff[:3]; !slices.Equal(waits, want) {
		t.Errorf("waits = %v, want %v", waits, want)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("file = %q, want new", got)
	}
	filetest.OnlyFiles(t, dir, "token.json")
}

func TestWriteGivesUpOnAFileHeldThroughout(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "token.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	hold(t, path)
	var waits []time.Duration
	err := write(path, []byte("new"), 0o600, func(d time.Duration) { waits = append(waits, d) })
	if !errors.Is(err, ErrHeld) {
		t.Fatalf("write = %v, want ErrHeld", err)
	}
	if !slices.Equal(waits, backoff) {
		t.Errorf("waits = %v, want %v", waits, backoff)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("file = %q, want it untouched", got)
	}
	filetest.OnlyFiles(t, dir, "token.json")
}

func TestRemoveWaitsForAHeldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := hold(t, path)
	var waits []time.Duration
	if err := remove(path, waitsThenRelease(f, 2, &waits)); err != nil {
		t.Fatalf("remove while held, released at the second wait: %v", err)
	}
	if len(waits) != 2 {
		t.Errorf("waits = %v, want two", waits)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("file still there: %v", err)
	}

	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	hold(t, path)
	if err := remove(path, func(time.Duration) {}); !errors.Is(err, ErrHeld) {
		t.Errorf("remove of a file held throughout = %v, want ErrHeld", err)
	}
}

// A reader that shares deletion (FILE_SHARE_DELETE) does not block the
// POSIX rename where the system has it; where it does not (Wine, FAT), the
// MoveFileEx fallback waits for it like any other holder.
func TestWriteOverAReaderThatSharesDeletion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "token.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := holdSharingDelete(t, path)
	var waits []time.Duration
	if err := write(path, []byte("new"), 0o600, waitsThenRelease(f, 1, &waits)); err != nil {
		t.Fatal(err)
	}
	t.Logf("waits with a FILE_SHARE_DELETE reader: %v (none where POSIX rename is supported)", waits)
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("file = %q, want new", got)
	}
}
