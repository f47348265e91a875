//go:build linux || freebsd || netbsd || openbsd || dragonfly

package desktop

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// TestTrayHostAmbientBus asks the session bus the test runs on, if any (make
// test runs inside dbus-run-session), and checks the answer against a query
// of our own. It only reads: claiming the watcher name there would fool the
// tray tests of other packages running at the same time.
func TestTrayHostAmbientBus(t *testing.T) {
	addr := os.Getenv("DBUS_SESSION_BUS_ADDRESS")
	if addr == "" {
		if TrayHostAvailable(context.Background()) {
			t.Error("TrayHostAvailable = true with no session bus")
		}
		return
	}
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatalf("connect to the session bus %s: %v", addr, err)
	}
	defer conn.Close()
	var want bool
	if err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, watcherName).Store(&want); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if got := TrayHostAvailable(ctx); got != want {
		t.Errorf("TrayHostAvailable = %v, but the bus says %v", got, want)
	}
}

// TestTrayHostPrivateBus runs a bus of its own, so that it can own the
// watcher name without disturbing anything else.
func TestTrayHostPrivateBus(t *testing.T) {
	addr := startBus(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	if TrayHostAvailable(ctx) {
		t.Fatal("TrayHostAvailable = true on a bus with no watcher")
	}

	watcher, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer watcher.Close()
	reply, err := watcher.RequestName(watcherName, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName = %v, %v", reply, err)
	}
	if !TrayHostAvailable(ctx) {
		t.Fatal("TrayHostAvailable = false with a watcher on the bus")
	}

	if _, err := watcher.ReleaseName(watcherName); err != nil {
		t.Fatal(err)
	}
	if TrayHostAvailable(ctx) {
		t.Fatal("TrayHostAvailable = true after the watcher left")
	}
}

func TestTrayHostNoBus(t *testing.T) {
	// A bus socket that accepts but never says a word.
	silent := filepath.Join(t.TempDir(), "silent")
	ln, err := net.Listen("unix", silent)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()

	tests := []struct {
		name    string
		addr    string
		timeout time.Duration
		within  time.Duration
	}{
		// Unset, the bus is neither searched for nor autolaunched.
		{"no address", "", time.Minute, 250 * time.Millisecond},
		{"autolaunch", "autolaunch:", time.Minute, 250 * time.Millisecond},
		{"nothing listening", "unix:path=" + filepath.Join(t.TempDir(), "none"), time.Minute, 2 * time.Second},
		{"garbled address", "nonsense", time.Minute, 2 * time.Second},
		{"bus never answers", "unix:path=" + silent, 200 * time.Millisecond, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("DBUS_SESSION_BUS_ADDRESS", tt.addr)
			if tt.addr == "" {
				os.Unsetenv("DBUS_SESSION_BUS_ADDRESS")
			}
			ctx, cancel := context.WithTimeout(context.Background(), tt.timeout)
			defer cancel()
			start := time.Now()
			if TrayHostAvailable(ctx) {
				t.Error("TrayHostAvailable = true")
			}
			if d := time.Since(start); d > tt.within {
				t.Errorf("took %v, want under %v", d, tt.within)
			}
		})
	}
}

// startBus runs a private dbus-daemon for the test and returns its address.
func startBus(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Fatalf("dbus-daemon is needed to test the tray host check (Debian: apt-get install dbus-daemon): %v", err)
	}
	sock := filepath.Join(t.TempDir(), "bus")
	cmd := exec.Command("dbus-daemon", "--session", "--nofork", "--nopidfile",
		"--address=unix:path="+sock, "--print-address=1")
	// It complains about fd limits it may not raise; show that only if it
	// fails.
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case addr := <-line:
		if addr == "" {
			_ = cmd.Wait()
			t.Fatalf("dbus-daemon printed no address: %s", stderr.String())
		}
		return addr
	case <-time.After(10 * time.Second):
		t.Fatal("dbus-daemon printed no address within 10 s")
		return ""
	}
}
