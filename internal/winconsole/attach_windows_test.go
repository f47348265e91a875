package winconsole

import (
	"os"
	"testing"
)

// A console program, as this test is, has its console already: Attach
// leaves its streams alone.
func TestAttachLeavesAConsoleProgramAlone(t *testing.T) {
	out, errOut, in := os.Stdout, os.Stderr, os.Stdin
	if Attach() {
		t.Error("attached a program that has a console")
	}
	if os.Stdout != out || os.Stderr != errOut || os.Stdin != in {
		t.Error("Attach replaced the standard streams")
	}
}
