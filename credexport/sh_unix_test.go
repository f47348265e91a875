//go:build unix

package credexport_test

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/credexport"
)

// TestEnvEvaluatedBySh runs the env formats through a POSIX shell.
func TestEnvEvaluatedBySh(t *testing.T) {
	for _, f := range []string{"env", "env-no-export"} {
		t.Run(f, func(t *testing.T) {
			out := t.TempDir() + "/out"
			var b bytes.Buffer
			if err := credexport.Write(&b, testCreds, f); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(out, b.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			script := `eval "$(cat "$1")"; printf '%s\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION"`
			got, err := exec.Command("sh", "-c", script, "sh", out).Output()
			if err != nil {
				t.Fatalf("sh: %v", err)
			}
			want := strings.Join([]string{testCreds.AccessKeyID, testCreds.SecretAccessKey, testCreds.SessionToken, "2099-01-02T03:04:05+00:00"}, "\n") + "\n"
			if string(got) != want {
				t.Errorf("sh read\n%q\nwant\n%q", got, want)
			}
		})
	}
}
