//go:build unix

package storage

import (
	"io/fs"
	"os"
	"syscall"
)

// checkModes is whether SecureDir looks at permission bits.
const checkModes = true

// ownedByMe reports whether the current user owns fi.
func ownedByMe(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}
