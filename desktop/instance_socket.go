//go:build !windows

package desktop

import (
	"fmt"
	"net"
	"os"
	"time"
)

// endpoint returns the instance's socket path and lock file for id.
func endpoint(id string) (addr, lock string, err error) {
	sock, lock, err := instancePaths(id)
	if err != nil {
		return "", "", err
	}
	if len(sock) > maxSocketPath() {
		return "", "", fmt.Errorf("socket path %s is longer than the %d bytes allowed", sock, maxSocketPath())
	}
	return sock, lock, nil
}

// dial connects to the instance listening on the socket at addr.
func dial(addr string, timeout time.Duration) (net.Conn, error) {
	return net.DialTimeout("unix", addr, timeout)
}

// listen listens on the socket at addr, replacing a stale socket file (the
// caller holds the lock and found nobody listening), and makes it 0600.
func listen(addr string) (net.Listener, error) {
	if err := removeIfExists(addr); err != nil {
		return nil, fmt.Errorf("remove stale socket: %w", err)
	}
	ln, err := net.Listen("unix", addr)
	if err != nil {
		return nil, err
	}
	// The directory already keeps others out; this is belt and braces.
	if err := os.Chmod(addr, 0o600); err != nil {
		_ = ln.Close()
		return nil, err
	}
	return ln, nil
}
