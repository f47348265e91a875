package desktop

import (
	"errors"
	"net"
	"os"
	"sync"

	"golang.org/x/sys/windows"
)

// pipeBuffer is the size of each pipe instance's buffers; a message is at
// most maxMessageSize.
const pipeBuffer = 4096

// pipeListener accepts connections on a named pipe: one pipe instance waits
// for a client, and each one that connects becomes a net.Conn (an *os.File
// opened for overlapped I/O, which the Go runtime polls and gives
// deadlines, Go 1.25 and later) while a new instance takes its place.
type pipeListener struct {
	addr string
	sa   *windows.SecurityAttributes

	closed     chan struct{}
	closeEvent windows.Handle // set by Close to end a waiting Accept
	closeOnce  sync.Once

	mu   sync.Mutex     // one Accept at a time; guards next
	next windows.Handle // the instance waiting for a client; 0 when none
}

// create makes a new instance of the pipe; first fails if the pipe exists.
func (l *pipeListener) create(first bool) (windows.Handle, error) {
	name, err := windows.UTF16PtrFromString(l.addr)
	if err != nil {
		return 0, err
	}
	mode := uint32(windows.PIPE_ACCESS_DUPLEX | windows.FILE_FLAG_OVERLAPPED)
	if first {
		mode |= windows.FILE_FLAG_FIRST_PIPE_INSTANCE
	}
	return windows.CreateNamedPipe(name, mode,
		windows.PIPE_TYPE_BYTE|windows.PIPE_READMODE_BYTE|windows.PIPE_WAIT|windows.PIPE_REJECT_REMOTE_CLIENTS,
		windows.PIPE_UNLIMITED_INSTANCES, pipeBuffer, pipeBuffer, 0, l.sa)
}

// Accept waits for a client on the waiting instance.
func (l *pipeListener) Accept() (net.Conn, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for {
		select {
		case <-l.closed:
			return nil, net.ErrClosed
		default:
		}
		if l.next == 0 {
			h, err := l.create(false)
			if err != nil {
				return nil, &os.PathError{Op: "create pipe", Path: l.addr, Err: err}
			}
			l.next = h
		}
		err := l.connect(l.next)
		if errors.Is(err, net.ErrClosed) {
			return nil, err
		}
		h := l.next
		l.next = 0
		if err != nil {
			// The client left before it was connected: drop the instance.
			windows.CloseHandle(h)
			continue
		}
		return newPipeConn(h, l.addr), nil
	}
}

// connect waits for a client to connect to the instance h, or for Close.
func (l *pipeListener) connect(h windows.Handle) error {
	ev, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		return err
	}
	defer windows.CloseHandle(ev)
	ol := &windows.Overlapped{HEvent: ev} // on the heap: the kernel writes to it
	err = windows.ConnectNamedPipe(h, ol)
	switch {
	case err == nil, errors.Is(err, windows.ERROR_PIPE_CONNECTED):
		return nil
	case !errors.Is(err, windows.ERROR_IO_PENDING):
		return err
	}
	which, err := windows.WaitForMultipleObjects([]windows.Handle{ev, l.closeEvent}, false, windows.INFINITE)
	if err != nil || which != windows.WAIT_OBJECT_0 {
		_ = windows.CancelIoEx(h, ol)
		var n uint32
		_ = windows.GetOverlappedResult(h, ol, &n, true) // the kernel is done with ol
		return net.ErrClosed
	}
	var n uint32
	return windows.GetOverlappedResult(h, ol, &n, false)
}

// Close ends a waiting Accept and removes the pipe's waiting instance;
// connections already accepted stay open.
func (l *pipeListener) Close() error {
	l.closeOnce.Do(func() {
		close(l.closed)
		_ = windows.SetEvent(l.closeEvent)
	})
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.next != 0 {
		windows.CloseHandle(l.next)
		l.next = 0
	}
	return nil
}

// Addr returns the pipe's name.
func (l *pipeListener) Addr() net.Addr { return pipeAddr(l.addr) }

// pipeAddr is a pipe's name as a net.Addr.
type pipeAddr string

func (pipeAddr) Network() string  { return "pipe" }
func (a pipeAddr) String() string { return string(a) }

// pipeConn is one end of a connected pipe instance.
type pipeConn struct {
	*os.File
	addr pipeAddr
}

// newPipeConn wraps the overlapped pipe handle h.
func newPipeConn(h windows.Handle, addr string) net.Conn {
	return pipeConn{File: os.NewFile(uintptr(h), addr), addr: pipeAddr(addr)}
}

func (c pipeConn) LocalAddr() net.Addr  { return c.addr }
func (c pipeConn) RemoteAddr() net.Addr { return c.addr }
