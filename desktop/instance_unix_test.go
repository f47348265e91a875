//go:build unix

package desktop

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

func TestInstancePathsRuntimeDir(t *testing.T) {
	isolate(t)
	runtimeDir := os.Getenv("XDG_RUNTIME_DIR")
	mustClaim(t, Message{Cmd: CmdShow})
	sock := filepath.Join(runtimeDir, testID+".sock")
	fi, err := os.Lstat(sock)
	if err != nil {
		t.Fatalf("socket not in XDG_RUNTIME_DIR: %v", err)
	}
	if fi.Mode().Type() != fs.ModeSocket {
		t.Errorf("%s is %v, want a socket", sock, fi.Mode().Type())
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("socket mode %#o lets others in", perm)
	}
}

func TestInstancePathsTempDir(t *testing.T) {
	tests := []struct {
		name       string
		runtimeDir func(t *testing.T) string
	}{
		{"no XDG_RUNTIME_DIR", func(*testing.T) string { return "" }},
		{"relative XDG_RUNTIME_DIR", func(*testing.T) string { return "run" }},
		{"XDG_RUNTIME_DIR open to others", func(t *testing.T) string {
			dir := shortTempDir(t)
			if err := os.Chmod(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			return dir
		}},
		{"XDG_RUNTIME_DIR missing", func(t *testing.T) string { return filepath.Join(t.TempDir(), "gone") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolate(t)
			t.Setenv("XDG_RUNTIME_DIR", tt.runtimeDir(t))
			// A umask that takes bits from 0700 is corrected for the
			// directory and the socket. It is process-wide; no test here
			// runs in parallel.
			umask := syscall.Umask(0o277)
			inst, ok, err := Claim(testID, Message{Cmd: CmdShow})
			syscall.Umask(umask)
			if err != nil || !ok {
				t.Fatalf("Claim = %v, %v", ok, err)
			}
			defer inst.Close()
			// And the lock file it left read-only does not stop the next.
			if _, ok, err := Claim(testID, Message{Cmd: CmdShow}); ok || err != nil {
				t.Fatalf("second Claim = %v, %v", ok, err)
			}
			receive(t, inst)
			dir := filepath.Join(os.TempDir(), testID+"-"+strconv.Itoa(os.Getuid()))
			fi, err := os.Lstat(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !fi.IsDir() || fi.Mode().Perm() != 0o700 {
				t.Errorf("%s: mode %v, want a 0700 directory", dir, fi.Mode())
			}
			sock := filepath.Join(dir, "instance.sock")
			fi, err = os.Lstat(sock)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Type() != fs.ModeSocket || fi.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s: mode %v, want a socket closed to others", sock, fi.Mode())
			}
		})
	}
}

func TestInstancePathsRefusesUnsafeDir(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, dir string)
	}{
		{"open to others", func(t *testing.T, dir string) {
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"symbolic link to a private directory", func(t *testing.T, dir string) {
			if err := os.Symlink(t.TempDir(), dir); err != nil {
				t.Fatal(err)
			}
		}},
		{"a file", func(t *testing.T, dir string) {
			if err := os.WriteFile(dir, nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolate(t)
			t.Setenv("XDG_RUNTIME_DIR", "")
			tt.prepare(t, filepath.Join(os.TempDir(), testID+"-"+strconv.Itoa(os.Getuid())))
			_, _, err := Claim(testID, Message{Cmd: CmdShow})
			if !errors.Is(err, ErrUnsafeDir) {
				t.Errorf("Claim = %v, want ErrUnsafeDir", err)
			}
		})
	}
}

func TestCheckPrivateDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		t.Fatal(err)
	}
	me := strconv.Itoa(os.Getuid())
	if err := checkPrivateDir(fi, me); err != nil {
		t.Errorf("our 0700 directory: %v", err)
	}
	// Another user's directory, which the test cannot make without root.
	if err := checkPrivateDir(fi, strconv.Itoa(os.Getuid()+1)); err == nil {
		t.Error("a directory of another uid passed")
	}
}

// TestInstancePerDisplayWithoutRuntimeDir: with no XDG_RUNTIME_DIR, the apps
// of two displays of one user are two instances, and a launch on a display
// reaches the app of that display, not the other's.
func TestInstancePerDisplayWithoutRuntimeDir(t *testing.T) {
	isolate(t)
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("DISPLAY", ":1")
	one := mustClaim(t, Message{Cmd: CmdShow})
	defer one.Close()
	t.Setenv("DISPLAY", "localhost:10.0")
	ten, ok, err := Claim(testID, Message{Cmd: CmdShow})
	if err != nil || !ok {
		t.Fatalf("the second display's app did not get its own instance: %v, %v", ok, err)
	}
	defer ten.Close()
	if _, ok, err := Claim(testID, Message{Cmd: CmdShow}); ok || err != nil {
		t.Fatalf("a second launch on display 10 = %v, %v; want a hand-over", ok, err)
	}
	receive(t, ten)
	for _, name := range []string{testID + "-" + strconv.Itoa(os.Getuid()) + "-1", testID + "-" + strconv.Itoa(os.Getuid()) + "-localhost-10.0"} {
		if _, err := os.Lstat(filepath.Join(os.TempDir(), name, "instance.sock")); err != nil {
			t.Errorf("no socket in %s: %v", name, err)
		}
	}
}

func TestClaimReplacesStaleSocket(t *testing.T) {
	isolate(t)
	sock, _, err := instancePaths(testID)
	if err != nil {
		t.Fatal(err)
	}
	leaveStaleSocket(t, sock)

	first := mustClaim(t, Message{Cmd: CmdShow})
	second := make(chan error, 1)
	go func() {
		_, _, err := Claim(testID, Message{Cmd: CmdShow})
		second <- err
	}()
	if got := receive(t, first); got.Cmd != CmdShow {
		t.Errorf("got %+v, want a show", got)
	}
	if err := <-second; err != nil {
		t.Errorf("second Claim: %v", err)
	}
}

// leaveStale leaves what a crashed instance leaves: its socket file.
func leaveStale(t *testing.T) {
	t.Helper()
	sock, _, err := instancePaths(testID)
	if err != nil {
		t.Fatal(err)
	}
	leaveStaleSocket(t, sock)
}

// leaveStaleSocket leaves a socket file at path with no listener behind it,
// as a crashed instance does.
func leaveStaleSocket(t *testing.T, path string) {
	t.Helper()
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	ln.SetUnlinkOnClose(false)
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(path); err != nil {
		t.Fatalf("stale socket: %v", err)
	}
	if c, err := net.Dial("unix", path); err == nil {
		c.Close()
		t.Fatal("stale socket accepts connections")
	}
}
