package desktop

import (
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/windows"
)

// leaveStale leaves what a crashed instance leaves on Windows: nothing, as
// a named pipe goes with the last handle to it.
func leaveStale(*testing.T) {}

// The pipe is named for the user and session, owned by the user, and only
// the user may open it.
func TestPipeIsTheUsersAlone(t *testing.T) {
	isolate(t)
	mustClaim(t, Message{Cmd: CmdShow})
	me, err := userSID()
	if err != nil {
		t.Fatal(err)
	}
	addr, _, err := endpoint(testID)
	if err != nil {
		t.Fatal(err)
	}
	if want := `\\.\pipe\` + testID + "-" + me.String() + "-"; !strings.HasPrefix(addr, want) {
		t.Errorf("pipe %s, want it to start with %s", addr, want)
	}
	c := dialTest(t)
	defer c.Close()
	h := windows.Handle(c.(pipeConn).Fd())
	if err := checkPipeOwner(h); err != nil {
		t.Errorf("owner: %v", err)
	}
	sd, err := windows.GetSecurityInfo(h,
		windows.SE_KERNEL_OBJECT, windows.DACL_SECURITY_INFORMATION)
	if err != nil {
		t.Fatal(err)
	}
	dacl, _, err := sd.DACL()
	if err != nil || dacl == nil {
		t.Fatalf("DACL: %v, %v", dacl, err)
	}
	if dacl.AceCount != 1 {
		t.Fatalf("the DACL has %d entries (%s), want the user's alone", dacl.AceCount, sd)
	}
	var ace *windows.ACCESS_ALLOWED_ACE
	if err := windows.GetAce(dacl, 0, &ace); err != nil {
		t.Fatal(err)
	}
	sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
	if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || !sid.Equals(me) {
		t.Errorf("the DACL's entry is type %d for %s, want allow for %s", ace.Header.AceType, sid, me)
	}
}

// The security descriptor the pipe is made with.
func TestPipeSDDL(t *testing.T) {
	sid, err := windows.StringToSid("S-1-5-21-1-2-3-1001")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pipeSDDL(sid), "O:S-1-5-21-1-2-3-1001D:P(A;;GA;;;S-1-5-21-1-2-3-1001)"; got != want {
		t.Errorf("pipeSDDL = %s, want %s", got, want)
	}
}
