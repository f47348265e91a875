package filetest

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// holdEnv names the file that a test binary started by Hold opens.
const holdEnv = "SSOTRAY_FILETEST_HOLD"

// ServeHold makes this test binary act as the holder Hold starts, when it
// was started so; otherwise it returns at once. Call it first in TestMain:
//
//	func TestMain(m *testing.M) { filetest.ServeHold(); os.Exit(m.Run()) }
func ServeHold() {
	path := os.Getenv(holdEnv)
	if path == "" {
		return
	}
	f, err := openHolder(path, os.Getenv(holdEnv+"_DENY_WRITE") == "1")
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	fmt.Println("held")
	_, _ = io.Copy(io.Discard, os.Stdin) // until Hold's release closes it
	f.Close()
	os.Exit(0)
}

// Hold starts another process, this test binary again (see ServeHold), that
// opens path with os.Open and keeps it open until release is called or the
// test ends. os.Open shares reading and writing but not deletion, as
// Python's open() and C's fopen() do, so on Windows the file can then be
// neither replaced nor removed, only written in place; on Unix nothing
// changes. Hold returns once the file is open, with no sleep.
func Hold(t testing.TB, path string) (release func()) {
	t.Helper()
	return hold(t, path, false)
}

// HoldDenyingWrites is Hold with a holder that also forbids others to
// write the file (FILE_SHARE_READ alone, as .NET's File.OpenRead opens), so
// that on Windows it can be neither replaced, removed nor written.
func HoldDenyingWrites(t testing.TB, path string) (release func()) {
	t.Helper()
	return hold(t, path, true)
}

func hold(t testing.TB, path string, denyWrite bool) (release func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
	if denyWrite {
		cmd.Env = append(cmd.Env, holdEnv+"_DENY_WRITE=1")
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	released := false
	release = func() {
		if released {
			return
		}
		released = true
		stdin.Close()
		if err := cmd.Wait(); err != nil {
			t.Errorf("holder of %s: %v", path, err)
		}
	}
	t.Cleanup(release)
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "held" {
		release()
		t.Fatalf("holder of %s: %q, %v (does TestMain call filetest.ServeHold?)", path, line, err)
	}
	return release
}
