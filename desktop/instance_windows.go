package desktop

import (
	"fmt"
	"io/fs"
	"os/user"
	"strings"
)

// useRuntimeDir: XDG_RUNTIME_DIR means nothing on Windows, and its owner
// and mode could not be checked the Unix way.
const useRuntimeDir = false

// currentUID is the relative ID, the last part of the user's SID, which
// names the directory of the lock file: %TEMP% is per user anyway.
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
