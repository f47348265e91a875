package desktop

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Timeouts of the single-instance protocol.
const (
	// dialTimeout bounds connecting to the running instance.
	dialTimeout = time.Second
	// deliverTimeout bounds sending a message and reading its "ok".
	deliverTimeout = 3 * time.Second
	// readTimeout bounds how long the running instance waits for a
	// message, and then for room in the Messages channel.
	readTimeout = 2 * time.Second
	// lockTimeout bounds waiting for another launch to finish claiming.
	lockTimeout = 5 * time.Second
)

// messageBuffer is how many messages wait for the UI before senders block.
const messageBuffer = 8

// ErrUnsafeDir is returned by Claim when the directory for the instance's
// socket is not a directory of ours that only we can enter: a symbolic link,
// a directory of another user, or one others can read or write.
var ErrUnsafeDir = errors.New("unsafe directory for the instance socket")

// Instance is the one running ssotray of this user. It listens for one
// line of JSON per connection, answered "ok\n", on the usual local channel
// of the system: a Unix domain socket on Linux and macOS
// (instance_socket.go), a named pipe on Windows (instance_pipe_windows.go).
//
// The socket is $XDG_RUNTIME_DIR/<id>.sock when XDG_RUNTIME_DIR is a
// directory of ours with mode 0700, else <temp>/<id>-<uid>[-<display>]/instance.sock in
// a directory that Claim creates with mode 0700 and checks (ours, not a
// link, 0700) every time. On Windows the pipe is
// \\.\pipe\<id>-<user SID>-<session>, which only the user may open, and
// the lock file sits in <temp>\<id>-<rid>, %TEMP% being private to the
// user already.
type Instance struct {
	ln   net.Listener
	msgs chan Message
	done chan struct{}
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

// Claim becomes the one instance of id for this user, or, if another holds
// it, delivers msg to it and returns (nil, false, nil). The second launch
// should then exit. A socket left by an instance that died (the file is
// there but nobody accepts) is replaced; a named pipe goes with its process. A lock file next to the socket
// serialises launches, so two at once cannot both take over a stale socket.
// msg must be valid (a known Cmd, at most 4 KiB encoded) even when it ends
// up unused. An error means neither outcome could be had (an unsafe
// directory, an instance that does not answer); the caller may then run
// without the guard.
func Claim(id string, msg Message) (*Instance, bool, error) {
	if !validID(id) {
		return nil, false, fmt.Errorf("single instance: invalid ID %q", id)
	}
	line, err := msg.encode()
	if err != nil {
		return nil, false, fmt.Errorf("single instance: %w", err)
	}
	addr, lock, err := endpoint(id)
	if err != nil {
		return nil, false, fmt.Errorf("single instance: %w", err)
	}
	unlock, err := lockFile(lock, lockTimeout)
	if err != nil {
		return nil, false, fmt.Errorf("single instance: lock %s: %w", lock, err)
	}
	conn, err := dial(addr, dialTimeout)
	if err == nil {
		unlock()
		if err := deliver(conn, line); err != nil {
			return nil, false, fmt.Errorf("single instance: deliver to %s: %w", addr, err)
		}
		return nil, false, nil
	}
	defer unlock()
	if !isRefused(err) {
		return nil, false, fmt.Errorf("single instance: %s does not answer: %w", addr, err)
	}
	ln, err := listen(addr)
	if err != nil {
		return nil, false, fmt.Errorf("single instance: %w", err)
	}
	i := &Instance{
		ln:   ln,
		msgs: make(chan Message, messageBuffer),
		done: make(chan struct{}),
	}
	i.wg.Add(1)
	go i.serve()
	return i, true, nil
}

// Messages delivers what later launches ask for. It is closed by Close.
// The UI should keep reading it: a sender waits about two seconds for room
// and then gives up.
func (i *Instance) Messages() <-chan Message {
	if i == nil {
		return nil
	}
	return i.msgs
}

// Close stops listening, removes the socket and closes Messages, after
// waiting for connections in progress. Closing a nil or closed Instance does
// nothing.
func (i *Instance) Close() error {
	if i == nil {
		return nil
	}
	i.once.Do(func() {
		close(i.done)
		i.err = i.ln.Close() // a net.Listen socket unlinks its file here
		i.wg.Wait()
		close(i.msgs)
	})
	return i.err
}

// serve accepts connections until Close.
func (i *Instance) serve() {
	defer i.wg.Done()
	for {
		c, err := i.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			// Out of file descriptors or similar: wait and try again.
			select {
			case <-i.done:
				return
			case <-time.After(50 * time.Millisecond):
			}
			continue
		}
		i.wg.Add(1)
		go i.handle(c)
	}
}

// handle reads one message from c, queues it and answers "ok". Anything
// too long, malformed, unknown or late is dropped with no answer.
func (i *Instance) handle(c net.Conn) {
	defer i.wg.Done()
	defer c.Close()
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-i.done:
			_ = c.Close() // interrupts the read
		case <-finished:
		}
	}()

	_ = c.SetDeadline(time.Now().Add(readTimeout))
	line, err := bufio.NewReader(io.LimitReader(c, maxMessageSize+1)).ReadBytes('\n')
	if err != nil || len(line) > maxMessageSize {
		return
	}
	m, err := decodeMessage(line)
	if err != nil {
		return
	}
	t := time.NewTimer(readTimeout)
	defer t.Stop()
	select {
	case i.msgs <- m:
	case <-i.done:
		return
	case <-t.C:
		return
	}
	_, _ = io.WriteString(c, "ok\n")
}

// deliver sends line on c and waits for "ok".
func deliver(c net.Conn, line []byte) error {
	defer c.Close()
	if err := c.SetDeadline(time.Now().Add(deliverTimeout)); err != nil {
		return err
	}
	if _, err := c.Write(line); err != nil {
		return err
	}
	reply, err := bufio.NewReader(io.LimitReader(c, 16)).ReadString('\n')
	if errors.Is(err, io.EOF) {
		return errors.New("the running instance did not accept the message")
	}
	if err != nil {
		return err
	}
	if reply != "ok\n" {
		return fmt.Errorf("unexpected reply %q", reply)
	}
	return nil
}

// sessionSuffix tells one graphical session of the user from another where
// XDG_RUNTIME_DIR, which is per session, is missing: "-" and the display
// (":1" gives "-1", "host:10.0" gives "-host-10.0"), or "" with none. Two
// logins on two displays then run an app each, and a launch brings forward
// the app of its own display.
func sessionSuffix() string {
	display := os.Getenv("WAYLAND_DISPLAY")
	if d := os.Getenv("DISPLAY"); d != "" {
		display = d
	}
	var b strings.Builder
	for _, r := range display {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	if s := strings.Trim(b.String(), "-."); s != "" {
		return "-" + s
	}
	return ""
}

// instancePaths picks the socket and lock file paths for id, creating and
// checking the private directory when XDG_RUNTIME_DIR cannot be used.
func instancePaths(id string) (sock, lock string, err error) {
	uid, err := currentUID()
	if err != nil {
		return "", "", err
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); useRuntimeDir && filepath.IsAbs(dir) {
		if fi, err := os.Stat(dir); err == nil && checkPrivateDir(fi, uid) == nil {
			return filepath.Join(dir, id+".sock"), filepath.Join(dir, id+".lock"), nil
		}
	}
	dir := filepath.Join(os.TempDir(), id+"-"+uid+sessionSuffix())
	switch err := os.Mkdir(dir, 0o700); {
	case err == nil:
		// The umask may have taken bits away; 0700 is what we check for.
		if err := os.Chmod(dir, 0o700); err != nil {
			return "", "", err
		}
	case !errors.Is(err, fs.ErrExist):
		return "", "", err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return "", "", err
	}
	if err := checkPrivateDir(fi, uid); err != nil {
		return "", "", fmt.Errorf("%w: %s: %w", ErrUnsafeDir, dir, err)
	}
	return filepath.Join(dir, "instance.sock"), filepath.Join(dir, "instance.lock"), nil
}
