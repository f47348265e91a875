package secretstest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// Silent is a Secret Service that never answers; see SilentBus.
type Silent struct {
	// Addr is the bus address, for a child process's
	// DBUS_SESSION_BUS_ADDRESS.
	Addr string
	// Called is closed when the first call reaches the service.
	Called <-chan struct{}
}

// SilentBus starts a private D-Bus session bus on which this test process
// owns org.freedesktop.secrets and never answers a call to it: every
// method call is taken and left without a reply, as a Secret Service that
// hangs does. The bus stops when the test ends, and with it every call
// left waiting.
func SilentBus(t testing.TB) Silent {
	t.Helper()
	if _, err := exec.LookPath("dbus-daemon"); err != nil {
		t.Fatalf("the silent Secret Service needs dbus-daemon: %v", err)
	}
	dir, err := os.MkdirTemp("", "ssotray-silent-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	bus := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1",
		"--address=unix:path="+filepath.Join(dir, "bus"))
	out, err := bus.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := bus.Start(); err != nil {
		t.Fatalf("start dbus-daemon: %v", err)
	}
	t.Cleanup(func() {
		_ = bus.Process.Kill()
		_ = bus.Wait()
	})
	addr, err := readLine(out, 10*time.Second)
	if err != nil {
		t.Fatalf("dbus-daemon did not print its address: %v", err)
	}
	closed, called := make(chan struct{}), make(chan struct{})
	conn, err := dbus.Connect(addr, dbus.WithHandler(silentHandler{closed, called, &sync.Once{}}))
	if err != nil {
		t.Fatalf("connect to the private bus: %v", err)
	}
	t.Cleanup(func() {
		close(closed)
		_ = conn.Close()
	})
	reply, err := conn.RequestName("org.freedesktop.secrets", dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own org.freedesktop.secrets: %v (reply %d)", err, reply)
	}
	return Silent{Addr: addr, Called: called}
}

// silentHandler takes every method call on every object and never
// replies: godbus runs each call in a goroutine of its own, which waits
// until closed is closed (the test's end) and then answers with an error.
type silentHandler struct {
	closed <-chan struct{}
	called chan struct{}
	once   *sync.Once
}

func (h silentHandler) LookupObject(dbus.ObjectPath) (dbus.ServerObject, bool) { return h, true }
func (h silentHandler) LookupInterface(string) (dbus.Interface, bool)          { return h, true }
func (h silentHandler) LookupMethod(string) (dbus.Method, bool)                { return silentMethod(h), true }

// silentMethod is a method whose call does not return before the test's
// end. It decodes no arguments, so any call signature is taken.
type silentMethod silentHandler

func (silentMethod) DecodeArguments(*dbus.Conn, string, *dbus.Message, []any) ([]any, error) {
	return nil, nil
}
func (m silentMethod) Call(...any) ([]any, error) {
	m.once.Do(func() { close(m.called) })
	<-m.closed
	return nil, errors.New("the silent Secret Service stopped")
}
func (silentMethod) NumArguments() int     { return 0 }
func (silentMethod) NumReturns() int       { return 0 }
func (silentMethod) ArgumentValue(int) any { return nil }
func (silentMethod) ReturnValue(int) any   { return nil }
