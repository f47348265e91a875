// Package secretstest gives tests a real Secret Service, the way
// net/http/httptest gives them a real server: gnome-keyring-daemon on a
// private D-Bus session bus, unlocked, with its files in a temporary
// directory. Tests that use storage.Keyring call Require; the package's
// TestMain calls Main so that what Require started is stopped.
//
// go-keyring reaches the keyring through godbus's shared session-bus
// connection, which is made once per process from DBUS_SESSION_BUS_ADDRESS.
// So the bus is chosen once per process, and a test that needs a different
// bus (a dead one) runs in a child process: see InChild.
package secretstest

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// childEnv names the test a child process started by InChild runs.
const childEnv = "SSOTRAY_SECRETSTEST_CHILD"

var (
	once     sync.Once
	startErr error
	stop     func()
)

// Require makes sure this process reaches an unlocked Secret Service. When
// DBUS_SESSION_BUS_ADDRESS is set (make test runs everything inside
// dbus-run-session with gnome-keyring unlocked) it uses that bus. Otherwise,
// on Linux, it starts once per process a private dbus-daemon and an unlocked
// gnome-keyring-daemon with throw-away XDG_DATA_HOME and XDG_RUNTIME_DIR,
// and points DBUS_SESSION_BUS_ADDRESS at that bus. On macOS and Windows the
// system's own keychain is used. It fails the test, never skips it, when no
// Secret Service can be had.
func Require(t testing.TB) {
	t.Helper()
	once.Do(func() {
		if runtime.GOOS != "linux" || os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
			return
		}
		stop, startErr = start()
	})
	if startErr != nil {
		t.Fatalf("no Secret Service for the keyring tests: %v (install dbus and gnome-keyring, or run under dbus-run-session)", startErr)
	}
	switch {
	case runtime.GOOS != "linux":
		t.Logf("using the system keyring of %s", runtime.GOOS)
	case stop != nil:
		t.Logf("using a private gnome-keyring on %s", os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
	default:
		t.Logf("using the session's Secret Service on %s", os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
	}
}

// Main runs the tests and then stops the bus and keyring Require started.
// Use it as: func TestMain(m *testing.M) { os.Exit(secretstest.Main(m)) }.
func Main(m *testing.M) int {
	code := m.Run()
	if stop != nil {
		stop()
	}
	return code
}

// start runs dbus-daemon and gnome-keyring-daemon.
func start() (func(), error) {
	for _, bin := range []string{"dbus-daemon", "gnome-keyring-daemon"} {
		if _, err := exec.LookPath(bin); err != nil {
			return nil, err
		}
	}
	// A short directory name: a Unix socket path must fit in 108 bytes.
	dir, err := os.MkdirTemp("", "ssotray-bus-")
	if err != nil {
		return nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	run := filepath.Join(dir, "run")
	data := filepath.Join(dir, "data")
	for _, d := range []string{run, data} {
		if err := os.Mkdir(d, 0o700); err != nil {
			cleanup()
			return nil, err
		}
	}
	bus := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1",
		"--address=unix:path="+filepath.Join(dir, "bus"))
	out, err := bus.StdoutPipe()
	if err != nil {
		cleanup()
		return nil, err
	}
	if err := bus.Start(); err != nil {
		cleanup()
		return nil, fmt.Errorf("start dbus-daemon: %w", err)
	}
	stopBus := func() {
		_ = bus.Process.Kill()
		_ = bus.Wait()
		cleanup()
	}
	addr, err := readLine(out, 10*time.Second)
	if err != nil {
		stopBus()
		return nil, fmt.Errorf("dbus-daemon did not print its address: %w", err)
	}
	// gnome-keyring-daemon forks; the parent exits once the daemon owns
	// org.freedesktop.secrets, and the daemon exits when the bus goes away.
	keyring := exec.Command("gnome-keyring-daemon", "--unlock", "--components=secrets")
	keyring.Env = append(os.Environ(), "DBUS_SESSION_BUS_ADDRESS="+addr, "XDG_DATA_HOME="+data, "XDG_RUNTIME_DIR="+run)
	keyring.Stdin = strings.NewReader("secretstest")
	// Output goes to a file, not a pipe: the forked daemon could hold a
	// pipe open and keep a reader waiting.
	logFile := filepath.Join(dir, "gnome-keyring.log")
	log, err := os.Create(logFile)
	if err != nil {
		stopBus()
		return nil, err
	}
	keyring.Stdout, keyring.Stderr = log, log
	err = keyring.Run()
	log.Close()
	if err != nil {
		msg, _ := os.ReadFile(logFile)
		stopBus()
		return nil, fmt.Errorf("start gnome-keyring-daemon: %w: %s", err, msg)
	}
	if err := os.Setenv("DBUS_SESSION_BUS_ADDRESS", addr); err != nil {
		stopBus()
		return nil, err
	}
	return func() {
		os.Unsetenv("DBUS_SESSION_BUS_ADDRESS")
		stopBus()
	}, nil
}

// readLine reads the first line from r within timeout.
func readLine(r interface{ Read([]byte) (int, error) }, timeout time.Duration) (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		line, err := bufio.NewReader(r).ReadString('\n')
		done <- result{strings.TrimSpace(line), err}
	}()
	select {
	case res := <-done:
		if res.line == "" {
			return "", errors.Join(errors.New("no output"), res.err)
		}
		return res.line, nil
	case <-time.After(timeout):
		return "", errors.New("timed out")
	}
}

// LockedBus starts a private D-Bus session bus on which the Secret Service
// is gnome-keyring with its login keyring locked: the bus starts
// gnome-keyring-daemon on first use (D-Bus activation, as on a desktop where
// the keyring was not unlocked at login), and nobody unlocks it. It returns
// the bus address; the bus and the daemon stop when the test ends. Use it
// with InChild.
func LockedBus(t testing.TB) string {
	t.Helper()
	for _, bin := range []string{"dbus-daemon", "gnome-keyring-daemon"} {
		if _, err := exec.LookPath(bin); err != nil {
			t.Fatalf("the locked-keyring test needs %s: %v", bin, err)
		}
	}
	dir, err := os.MkdirTemp("", "ssotray-locked-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	for _, d := range []string{"run", "data", "home"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	bus := exec.Command("dbus-daemon", "--session", "--nofork", "--print-address=1",
		"--address=unix:path="+filepath.Join(dir, "bus"))
	// Activated services inherit the bus's environment: keep the keyring's
	// files in the temporary directory.
	bus.Env = append(os.Environ(), "HOME="+filepath.Join(dir, "home"),
		"XDG_DATA_HOME="+filepath.Join(dir, "data"), "XDG_RUNTIME_DIR="+filepath.Join(dir, "run"))
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
	return addr
}

// DeadBusAddress returns a D-Bus address where nothing listens: a socket
// path in a temporary directory that is never created.
func DeadBusAddress(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "ssotray-dead-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return "unix:path=" + filepath.Join(dir, "bus")
}

// IsChild reports whether this process is the child InChild started for
// the calling test; the parent computes the child's environment only when
// it is not.
func IsChild(t testing.TB) bool { return os.Getenv(childEnv) == t.Name() }

// InChild runs the calling top-level test again in a child process of the test binary
// with env added (for example DBUS_SESSION_BUS_ADDRESS=DeadBusAddress(t)),
// because the D-Bus connection is made once per process. In the child it
// returns true, and the test goes on to make its checks; in the parent it
// waits for the child, fails the test with the child's output if the child
// failed or did not run the test, and returns false.
func InChild(t *testing.T, env ...string) bool {
	t.Helper()
	if IsChild(t) {
		return true
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = append(append(os.Environ(), childEnv+"="+t.Name()), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child process: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("the child process did not run %s:\n%s", t.Name(), out)
	}
	t.Logf("child process:\n%s", out)
	return false
}

// Service returns a keyring service name of the test's own, so that runs
// never meet each other's entries (or a person's own).
func Service(t testing.TB) string {
	t.Helper()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return "ssotray-test-" + hex.EncodeToString(b[:])
}
