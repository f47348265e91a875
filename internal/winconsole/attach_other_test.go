//go:build !windows

package winconsole

import (
	"os"
	"testing"
)

func TestAttachDoesNothing(t *testing.T) {
	out := os.Stdout
	if Attach() || os.Stdout != out {
		t.Error("Attach changed something outside Windows")
	}
}
