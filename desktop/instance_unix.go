//go:build unix

package desktop

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strconv"
	"syscall"
)

// useRuntimeDir: XDG_RUNTIME_DIR is where a Unix session keeps sockets.
const useRuntimeDir = true

func currentUID() (string, error) { return strconv.Itoa(os.Getuid()), nil }

// checkPrivateDir accepts a directory (not a link to one) owned by uid with
// mode 0700.
func checkPrivateDir(fi fs.FileInfo, uid string) error {
	if fi.Mode().Type() != fs.ModeDir {
		return fmt.Errorf("not a directory (%v)", fi.Mode().Type())
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return errors.New("owner unknown")
	}
	if owner := strconv.FormatUint(uint64(st.Uid), 10); owner != uid {
		return fmt.Errorf("owned by uid %s, not %s", owner, uid)
	}
	if perm := fi.Mode().Perm(); perm != 0o700 {
		return fmt.Errorf("mode %#o, not 0700", perm)
	}
	return nil
}

// isRefused reports whether a dial error means that nobody listens: the
// socket file is missing, or left over with no listener behind it.
func isRefused(err error) bool {
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, fs.ErrNotExist)
}

// maxSocketPath is the longest socket path bind accepts: sun_path is 108
// bytes on Linux, where the name need not end in NUL, and 104 on macOS and
// the BSDs, where it must.
func maxSocketPath() int {
	if runtime.GOOS == "linux" || runtime.GOOS == "android" {
		return 108
	}
	return 103
}
