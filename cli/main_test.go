package cli_test

import (
	"os"
	"testing"

	"github.com/ssotray/ssotray/internal/filetest"
)

// TestMain serves filetest.Hold's holder.
func TestMain(m *testing.M) {
	filetest.ServeHold()
	os.Exit(m.Run())
}
