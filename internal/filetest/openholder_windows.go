package filetest

import (
	"io"
	"os"

	"golang.org/x/sys/windows"
)

// openHolder opens path for reading as os.Open does (sharing reading and
// writing, not deletion) or, with denyWrite, sharing reading alone.
func openHolder(path string, denyWrite bool) (io.Closer, error) {
	if !denyWrite {
		return os.Open(path)
	}
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return nil, err
	}
	h, err := windows.CreateFile(p, windows.GENERIC_READ, windows.FILE_SHARE_READ, nil,
		windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(h), path), nil
}
