package desktop

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"strconv"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// endpoint returns the instance's named pipe and lock file for id. The
// pipe's name carries the user's SID and the Windows session, since named
// pipes are machine-wide: each user, and each session of one user (fast
// user switching, Remote Desktop), runs its own app. The lock file lives in
// the per-user private directory that instancePaths makes in %TEMP%.
func endpoint(id string) (addr, lock string, err error) {
	_, lock, err = instancePaths(id)
	if err != nil {
		return "", "", err
	}
	sid, err := userSID()
	if err != nil {
		return "", "", err
	}
	var session uint32
	if err := windows.ProcessIdToSessionId(windows.GetCurrentProcessId(), &session); err != nil {
		return "", "", fmt.Errorf("session ID: %w", err)
	}
	return `\\.\pipe\` + id + "-" + sid.String() + "-" + strconv.FormatUint(uint64(session), 10), lock, nil
}

// dial connects to the instance's pipe at addr and checks that the pipe
// belongs to this user, so a pipe another user created first under the
// same name (squatting) gets no message and is not taken for ssotray. The
// server may only identify this process, not act as it
// (SECURITY_IDENTIFICATION). While every instance of the pipe is busy it
// tries again until timeout.
func dial(addr string, timeout time.Duration) (net.Conn, error) {
	name, err := windows.UTF16PtrFromString(addr)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(timeout)
	for {
		h, err := windows.CreateFile(name, windows.GENERIC_READ|windows.GENERIC_WRITE, 0, nil, windows.OPEN_EXISTING,
			windows.FILE_FLAG_OVERLAPPED|windows.SECURITY_SQOS_PRESENT|windows.SECURITY_IDENTIFICATION, 0)
		if err == nil {
			if err := checkPipeOwner(h); err != nil {
				windows.CloseHandle(h)
				return nil, err
			}
			return newPipeConn(h, addr), nil
		}
		if !errors.Is(err, windows.ERROR_PIPE_BUSY) || time.Now().After(deadline) {
			return nil, &os.PathError{Op: "open", Path: addr, Err: err}
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// listen creates the pipe at addr (as the first instance of that name, so
// it fails if another process has it) with a security descriptor that makes
// this user its owner and lets only this user open it, refusing clients
// from other machines.
func listen(addr string) (net.Listener, error) {
	sid, err := userSID()
	if err != nil {
		return nil, err
	}
	sd, err := windows.SecurityDescriptorFromString(pipeSDDL(sid))
	if err != nil {
		return nil, fmt.Errorf("pipe security descriptor: %w", err)
	}
	l := &pipeListener{
		addr: addr,
		sa: &windows.SecurityAttributes{
			Length:             uint32(unsafe.Sizeof(windows.SecurityAttributes{})),
			SecurityDescriptor: sd,
		},
		closed: make(chan struct{}),
	}
	if l.next, err = l.create(true); err != nil {
		return nil, &os.PathError{Op: "create pipe", Path: addr, Err: err}
	}
	if l.closeEvent, err = windows.CreateEvent(nil, 1, 0, nil); err != nil {
		windows.CloseHandle(l.next)
		return nil, err
	}
	return l, nil
}

// pipeSDDL is the pipe's security descriptor: owner the user, and a
// protected DACL (no inherited entries) granting all access to the user
// alone. Administrators and SYSTEM get nothing.
func pipeSDDL(sid *windows.SID) string {
	return "O:" + sid.String() + "D:P(A;;GA;;;" + sid.String() + ")"
}

// checkPipeOwner fails unless the pipe h is owned by this user.
func checkPipeOwner(h windows.Handle) error {
	sd, err := windows.GetSecurityInfo(h, windows.SE_KERNEL_OBJECT, windows.OWNER_SECURITY_INFORMATION)
	if err != nil {
		return fmt.Errorf("owner of the pipe: %w", err)
	}
	owner, _, err := sd.Owner()
	if err != nil {
		return fmt.Errorf("owner of the pipe: %w", err)
	}
	me, err := userSID()
	if err != nil {
		return err
	}
	if !owner.Equals(me) {
		return fmt.Errorf("%w: the pipe belongs to %s, not to this user", ErrUnsafeDir, owner)
	}
	return nil
}

// userSID is the SID of the user this process runs as.
func userSID() (*windows.SID, error) {
	u, err := windows.GetCurrentProcessToken().GetTokenUser()
	if err != nil {
		return nil, fmt.Errorf("current user: %w", err)
	}
	return u.User.Sid, nil
}

// isRefused reports whether a dial error means that nobody listens: no
// pipe of that name exists.
func isRefused(err error) bool {
	return errors.Is(err, fs.ErrNotExist)
}
