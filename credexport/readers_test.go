package credexport_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
)

// helperCommand is a credential_process command line that runs this test
// binary, which then prints testCreds through Write (see TestMain).
func helperCommand(t *testing.T) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(exe, " \"") {
		t.Fatalf("test binary path %q needs quoting", exe)
	}
	return exe
}

// TestProcesscredsReadsProcess does the same with aws-sdk-go-v2's
// credential_process provider.
func TestProcesscredsReadsProcess(t *testing.T) {
	t.Setenv(helperEnv, "1")
	p := processcreds.NewProvider(helperCommand(t))
	got, err := p.Retrieve(context.Background())
	if err != nil {
		t.Fatalf("processcreds: %v", err)
	}
	want := testCreds.Expiration.Truncate(time.Second)
	if got.AccessKeyID != testCreds.AccessKeyID || got.SecretAccessKey != testCreds.SecretAccessKey ||
		got.SessionToken != testCreds.SessionToken || !got.CanExpire || !got.Expires.Equal(want) {
		t.Errorf("processcreds got %+v, want %+v expiring %v", got, testCreds, want)
	}
}
