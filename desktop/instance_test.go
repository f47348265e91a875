package desktop

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"net"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const testID = "t.ssotray"

// claimResult is what Claim returned in another goroutine.
type claimResult struct {
	inst *Instance
	ok   bool
	err  error
}

func TestClaimFirstWinsSecondDelivers(t *testing.T) {
	isolate(t)
	first := mustClaim(t, Message{Cmd: CmdShow})

	want := Message{Cmd: CmdAdd, Name: "corp", StartURL: "https://corp.awsapps.com/start", Region: "eu-west-1"}
	second := make(chan claimResult, 1)
	go func() {
		inst, ok, err := Claim(testID, want)
		second <- claimResult{inst, ok, err}
	}()
	if diff := cmp.Diff(want, receive(t, first)); diff != "" {
		t.Errorf("message mismatch (-want +got):\n%s", diff)
	}
	r := <-second
	if r.inst != nil || r.ok || r.err != nil {
		t.Fatalf("second Claim = %v, %v, %v; want nil, false, nil", r.inst, r.ok, r.err)
	}
	// The second launch holds nothing; closing it is harmless.
	if err := r.inst.Close(); err != nil {
		t.Errorf("Close on the nil Instance: %v", err)
	}
	if r.inst.Messages() != nil {
		t.Error("Messages on the nil Instance is not nil")
	}
}

func TestClaimConcurrentLaunches(t *testing.T) {
	isolate(t)
	// After a crash: every launch finds nobody listening, and only one may
	// take over.
	leaveStale(t)

	const n = 8
	results := make(chan claimResult, n)
	var start sync.WaitGroup
	start.Add(1)
	for range n {
		go func() {
			start.Wait()
			inst, ok, err := Claim(testID, Message{Cmd: CmdShow})
			results <- claimResult{inst, ok, err}
		}()
	}
	start.Done()
	var winner *Instance
	for range n {
		r := <-results
		if r.err != nil {
			t.Fatalf("Claim: %v", r.err)
		}
		if !r.ok {
			continue
		}
		if winner != nil {
			t.Fatal("two launches both became the instance")
		}
		winner = r.inst
		t.Cleanup(func() { _ = winner.Close() })
	}
	if winner == nil {
		t.Fatal("no launch became the instance")
	}
	for range n - 1 {
		receive(t, winner)
	}
}

func TestInstanceDropsBadMessages(t *testing.T) {
	tests := []struct {
		name string
		send string
	}{
		{"not JSON", "hello\n"},
		{"unknown command", `{"cmd":"rm -rf"}` + "\n"},
		{"no command", `{"name":"corp"}` + "\n"},
		{"no newline before close", `{"cmd":"show"}`},
		{"exactly one byte too long", `{"cmd":"add","name":"` + strings.Repeat("x", maxMessageSize-len(`{"cmd":"add","name":""}`+"\n")+1) + `"}` + "\n"},
		{"far too long", `{"cmd":"add","name":"` + strings.Repeat("x", 1<<20) + `"}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			isolate(t)
			inst := mustClaim(t, Message{Cmd: CmdShow})
			if reply := sendRaw(t, tt.send); reply != "" {
				t.Errorf("reply %q, want none", reply)
			}
			// The instance still works, and the bad message never arrived.
			if _, ok, err := Claim(testID, Message{Cmd: CmdAdd, Name: "after"}); ok || err != nil {
				t.Fatalf("Claim after the bad message = %v, %v", ok, err)
			}
			if got := receive(t, inst); got.Name != "after" {
				t.Errorf("first message %+v, want the one sent after", got)
			}
		})
	}
}

func TestInstanceAcceptsLargestMessage(t *testing.T) {
	isolate(t)
	inst := mustClaim(t, Message{Cmd: CmdShow})
	pad := maxMessageSize - len(`{"cmd":"add","name":""}`+"\n")
	msg := Message{Cmd: CmdAdd, Name: strings.Repeat("x", pad)}
	if _, ok, err := Claim(testID, msg); ok || err != nil {
		t.Fatalf("Claim = %v, %v", ok, err)
	}
	if got := receive(t, inst); got.Name != msg.Name {
		t.Errorf("got a name of %d bytes, want %d", len(got.Name), pad)
	}
	// One more byte, and the sender refuses before connecting.
	msg.Name += "x"
	if _, _, err := Claim(testID, msg); err == nil {
		t.Error("Claim with an oversized message succeeded")
	}
}

func TestInstanceSilentClientBlocksNobody(t *testing.T) {
	isolate(t)
	inst := mustClaim(t, Message{Cmd: CmdShow})
	silent := dialTest(t)
	defer silent.Close()
	start := time.Now()
	if _, ok, err := Claim(testID, Message{Cmd: CmdShow}); ok || err != nil {
		t.Fatalf("Claim = %v, %v", ok, err)
	}
	receive(t, inst)
	if d := time.Since(start); d >= readTimeout {
		t.Errorf("delivery took %v, as long as the silent client's timeout", d)
	}
}

func TestInstanceClose(t *testing.T) {
	isolate(t)
	inst, ok, err := Claim(testID, Message{Cmd: CmdShow})
	if err != nil || !ok {
		t.Fatalf("Claim = %v, %v", ok, err)
	}
	// A client in the middle of a message must not hold Close up.
	idle := dialTest(t)
	defer idle.Close()
	if _, err := idle.Write([]byte(`{"cmd":`)); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	if err := inst.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if d := time.Since(start); d >= readTimeout {
		t.Errorf("Close took %v", d)
	}
	if err := inst.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	// The socket file, or the pipe, is gone.
	addr, _, _ := endpoint(testID)
	if c, err := dial(addr, time.Second); !errors.Is(err, fs.ErrNotExist) {
		if c != nil {
			c.Close()
		}
		t.Errorf("dial after Close: %v, want not found", err)
	}
	if _, open := <-inst.Messages(); open {
		t.Error("Messages still open after Close")
	}
	// The next launch becomes the instance.
	mustClaim(t, Message{Cmd: CmdShow})
}

func TestClaimRejectsBadArguments(t *testing.T) {
	isolate(t)
	for _, id := range []string{"", "../x", "a/b", ".x"} {
		if _, _, err := Claim(id, Message{Cmd: CmdShow}); err == nil {
			t.Errorf("Claim(%q) succeeded", id)
		}
	}
	if _, _, err := Claim(testID, Message{Cmd: "quit"}); err == nil {
		t.Error("Claim with an unknown command succeeded")
	}
}

// isolate points XDG_RUNTIME_DIR and the temporary directory at fresh
// directories of the test.
func isolate(t *testing.T) {
	t.Helper()
	runtimeDir := shortTempDir(t)
	tmp := shortTempDir(t)
	t.Setenv("XDG_RUNTIME_DIR", runtimeDir)
	t.Setenv("TMPDIR", tmp)
	t.Setenv("TMP", tmp)
	t.Setenv("TEMP", tmp)
	// No display: the fallback directory's name has no session in it.
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
}

func mustClaim(t *testing.T, msg Message) *Instance {
	t.Helper()
	inst, ok, err := Claim(testID, msg)
	if err != nil {
		t.Fatalf("Claim: %v", err)
	}
	if !ok {
		t.Fatal("Claim: another instance holds it")
	}
	t.Cleanup(func() { _ = inst.Close() })
	return inst
}

func receive(t *testing.T, inst *Instance) Message {
	t.Helper()
	select {
	case m := <-inst.Messages():
		return m
	case <-time.After(5 * time.Second):
		t.Fatal("no message within 5 s")
		return Message{}
	}
}

// sendRaw sends data as a client would and returns the reply, "" if the
// instance closed the connection without one.
func sendRaw(t *testing.T, data string) string {
	t.Helper()
	c := dialTest(t)
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	// The instance may stop reading and hang up before all is written.
	_, _ = io.WriteString(c, data)
	// A Unix socket can say that nothing more comes; a byte-mode pipe
	// cannot, and the instance then stops waiting after readTimeout.
	if uc, ok := c.(*net.UnixConn); ok {
		_ = uc.CloseWrite()
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the instance neither answered nor hung up")
	}
	return reply
}

// dialTest connects to the test's instance as a client would.
func dialTest(t *testing.T) net.Conn {
	t.Helper()
	addr, _, err := endpoint(testID)
	if err != nil {
		t.Fatal(err)
	}
	c, err := dial(addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// shortTempDir is a 0700 directory removed after the test. Unlike
// t.TempDir, its name leaves out the test's, since a socket path must fit
// in 104 bytes on macOS, whose temporary directory is long already.
func shortTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "sst-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}
