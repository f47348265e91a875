package atomicfile

import (
	"errors"
	"path/filepath"
	"unsafe"

	"golang.org/x/sys/windows"
)

// replace renames tmp over path. It first asks for POSIX semantics
// (FileRenameInfoEx with FILE_RENAME_FLAG_POSIX_SEMANTICS, Windows 10 1607
// and later, NTFS), which replaces path even while others have it open with
// FILE_SHARE_DELETE, as a Unix rename does. Where the system or file system
// does not support that it falls back to MoveFileEx with
// MOVEFILE_REPLACE_EXISTING, as os.Rename does (Rust's std::fs::rename
// does the same, rust-lang/rust#131072).
//
// Neither can replace a file that another program opened without
// FILE_SHARE_DELETE, which is the default share mode of Go's os.Open,
// Python's open() and C's fopen(): that fails with ERROR_ACCESS_DENIED or
// ERROR_SHARING_VIOLATION (MS-FSA 2.1.5.14.11.2), and the caller tries
// again (see retryHeld).
func replace(tmp, path string) error {
	err := renamePOSIX(tmp, path)
	if err == nil || !unsupported(err) {
		return err
	}
	from, err := windows.UTF16PtrFromString(tmp)
	if err != nil {
		return err
	}
	to, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	return windows.MoveFileEx(from, to, windows.MOVEFILE_REPLACE_EXISTING|windows.MOVEFILE_WRITE_THROUGH)
}

// fileRenameInfo is FILE_RENAME_INFO with its Flags member (the union's
// form used with FileRenameInfoEx) and room for the name after it.
type fileRenameInfo struct {
	Flags          uint32
	RootDirectory  windows.Handle
	FileNameLength uint32
	FileName       [1]uint16
}

// renamePOSIX renames tmp over path with FILE_RENAME_FLAG_POSIX_SEMANTICS.
func renamePOSIX(tmp, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	name, err := windows.UTF16FromString(abs)
	if err != nil {
		return err
	}
	from, err := windows.UTF16PtrFromString(tmp)
	if err != nil {
		return err
	}
	h, err := windows.CreateFile(from, windows.DELETE|windows.SYNCHRONIZE,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, windows.FILE_FLAG_OPEN_REPARSE_POINT, 0)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(h)

	n := len(name) - 1 // without the terminating NUL
	size := int(unsafe.Offsetof(fileRenameInfo{}.FileName)) + (n+1)*2
	buf := make([]byte, max(size, int(unsafe.Sizeof(fileRenameInfo{}))))
	info := (*fileRenameInfo)(unsafe.Pointer(&buf[0]))
	info.Flags = windows.FILE_RENAME_REPLACE_IF_EXISTS | windows.FILE_RENAME_POSIX_SEMANTICS
	info.FileNameLength = uint32(n * 2)
	copy(unsafe.Slice(&info.FileName[0], n+1), name)
	return windows.SetFileInformationByHandle(h, windows.FileRenameInfoEx, &buf[0], uint32(len(buf)))
}

// unsupported reports whether err means the system or the file system has
// no POSIX rename (older Windows, FAT, some network shares, Wine).
func unsupported(err error) bool {
	return errors.Is(err, windows.ERROR_INVALID_PARAMETER) ||
		errors.Is(err, windows.ERROR_NOT_SUPPORTED) ||
		errors.Is(err, windows.ERROR_INVALID_FUNCTION) ||
		errors.Is(err, windows.ERROR_CALL_NOT_IMPLEMENTED)
}

// isHeld reports whether err means another program holds the file open in
// a way that forbids replacing or removing it (no FILE_SHARE_DELETE), or
// is about to delete it. ERROR_ACCESS_DENIED is also what a read-only file
// or a missing permission gives; those fail again after the last try, so
// the caller is still told.
func isHeld(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) ||
		errors.Is(err, windows.ERROR_ACCESS_DENIED) ||
		errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
