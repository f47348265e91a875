//go:build !windows

package atomicfile

import "os"

// replace renames tmp over path. On Unix a rename replaces a file that
// others have open; they keep reading the old one.
func replace(tmp, path string) error { return os.Rename(tmp, path) }

// isHeld reports whether err means another program holds the file open.
// Unix has no mandatory sharing modes, so it never does.
func isHeld(error) bool { return false }
