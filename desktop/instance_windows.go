package desktop

import (
	"errors"
	"fmt"
	"io/fs"
	"os/user"
	"strings"

	"golang.org/x/sys/windows"
)

// useRuntimeDir: XDG_RUNTIME_DIR means nothing on Windows, and its owner
// and mode could not be checked the Unix way.
const useRuntimeDir = false

// currentUID is the relative ID, the last part of the user's SID: the whole
// SID would make the socket path longer than AF_UNIX allows, and %TEMP% is
// per user anyway.
func currentUID() (string, error) {
	u, err := user.Current()
	if err != nil {
		return "", err
	}
	return u.Uid[strings.LastIndexByte(u.Uid, '-')+1:], nil
}

// checkPrivateDir accepts a directory that is not a link or junction; the
// per-user %TEMP% already keeps other users out.
func checkPrivateDir(fi fs.FileInfo, _ string) error {
	if fi.Mode().Type() != fs.ModeDir {
		return fmt.Errorf("not a directory (%v)", fi.Mode().Type())
	}
	return nil
}

// isRefused reports whether a dial error means that nobody listens.
func isRefused(err error) bool {
	return errors.Is(err, windows.WSAECONNREFUSED) || errors.Is(err, fs.ErrNotExist)
}

// maxSocketPath: sun_path is 108 bytes on Windows too.
func maxSocketPath() int { return 108 }
