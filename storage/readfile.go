package storage

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Size caps for the files storage reads. They only guard against a file
// that is not what it should be (a link to /dev/zero, a runaway log written
// over it): memory and time stay bounded whatever the file holds.
const (
	// maxCacheFileSize caps a token or registration file, and ssotray's
	// settings file. A real token file is under 8 KB (an access token and a
	// refresh token of about a kilobyte or two each, and eight short keys),
	// so 1 MiB is more than a hundred times anything Identity Center gives.
	maxCacheFileSize = 1 << 20
	// maxConfigFileSize caps ~/.aws/config. A config with a profile for
	// each of 1,000 accounts' roles is well under a megabyte; 16 MiB leaves
	// room for anything a person or a generator writes by hand or script.
	maxConfigFileSize = 16 << 20
)

// errNotRegular and errTooLarge are the reasons readRegular refuses a file.
var (
	errNotRegular = errors.New("not a regular file")
	errTooLarge   = errors.New("larger than")
)

// readRegular reads the file at path, following symbolic links, if it is a
// regular file of at most limit bytes. Anything else (a named pipe, a
// device, a socket, a directory, a link to one of them) is refused without
// reading, and a file over limit after reading at most limit+1 bytes, so
// that neither a read that never ends nor a huge allocation can happen.
// The open is non-blocking where the system has that, so opening a named
// pipe with no writer returns at once. Errors are *fs.PathError naming path;
// a missing file gives one that wraps fs.ErrNotExist.
func readRegular(path string, limit int64) ([]byte, error) {
	if fi, err := os.Stat(path); err != nil {
		return nil, err
	} else if err := checkRegular(fi, limit); err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlocking, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file may have been replaced between Stat and Open: check what
	// was opened.
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkRegular(fi, limit); err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w %s", errTooLarge, sizeText(limit))}
	}
	return data, nil
}

// checkRegular refuses anything but a regular file of at most limit bytes.
func checkRegular(fi fs.FileInfo, limit int64) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%w (%s)", errNotRegular, fileKind(fi.Mode()))
	}
	if fi.Size() > limit {
		return fmt.Errorf("%w %s", errTooLarge, sizeText(limit))
	}
	return nil
}

// fileKind names the type of a file that is not a regular one.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// sizeText writes a size cap for people.
func sizeText(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadConfigFile reads an AWS config file as LoadConfig does: only a
// regular file (not a named pipe, a device or a directory), of at most
// 16 MiB, so that no read hangs or fills memory.
func ReadConfigFile(path string) ([]byte, error) { return readRegular(path, maxConfigFileSize) }

// ReadFileLimited reads path if it is a regular file of at most limit
// bytes, for the other files ssotray keeps (lists of accounts, recently
// used roles); errors name the file.
func ReadFileLimited(path string, limit int64) ([]byte, error) { return readRegular(path, limit) }
