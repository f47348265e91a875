// Package atomicfile replaces files so that a reader sees the old file or the
// new one, never a part: a temporary file in the same directory, synced,
// then renamed over the target. storage uses it for the AWS files and
// ssotray's settings, desktop for the start-at-login entries.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"
)

// Write replaces path with data so that a reader sees either the old
// file or the new one, never a part. The parent directory is created 0700 if
// it is missing (an existing directory keeps its mode); the data goes to a
// temporary file in the same directory, which is given perm, synced, closed
// and renamed over path; then the directory is synced so the rename survives
// a crash. The temporary file is removed on any failure.
//
// On Windows another program that has path open without sharing deletion
// (Python's open(), Go's os.Open) blocks the rename; Write then tries again
// for a couple of seconds (about 2.5 s) and, if the file is still held,
// returns an error wrapping [ErrHeld], leaving path as it was.
func Write(path string, data []byte, perm os.FileMode) error {
	return write(path, data, perm, time.Sleep)
}

// write is Write with the wait between tries as a parameter, for tests.
func write(path string, data []byte, perm os.FileMode, wait func(time.Duration)) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create directory: %w", err)
	}
	// The name starts with a dot and ends in neither .json nor .desktop, so
	// tools scanning the directory (aws sso logout, a desktop's autostart)
	// skip it.
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close() // already closed on most paths; the first error matters
			_ = os.Remove(tmp)
		}
	}()
	if err := f.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("set file mode: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("write temporary file: %w", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync temporary file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close temporary file: %w", err)
	}
	if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
		// Windows answers "Access is denied", which is no reason to wait.
		return fmt.Errorf("replace file: %s is a directory", path)
	}
	if err := retryHeld(func() error { return replace(tmp, path) }, wait); err != nil {
		return fmt.Errorf("replace file: %w", err)
	}
	return syncDir(dir)
}

// syncDir flushes a directory entry change to disk. Windows cannot sync a
// directory and needs no such step; some file systems answer EINVAL, which
// means they cannot either.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil && !errors.Is(err, syscall.EINVAL) {
		return fmt.Errorf("sync directory: %w", err)
	}
	return nil
}
