//go:build unix

// These checks run the machine's Python (botocore). The Windows suite runs
// under Wine, which has no Windows Python, so they build for Unix only.

package credexport_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/credexport"
)

// TestBotocoreReadsProcess gives botocore a profile whose credential_process
// is our process output and checks that it gets exactly our keys and expiry.
func TestBotocoreReadsProcess(t *testing.T) {
	dir := t.TempDir()
	config := filepath.Join(dir, "config")
	if err := os.WriteFile(config, []byte("[profile ssotray-test]\ncredential_process = "+helperCommand(t)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	script := `
import json, botocore.session
c = botocore.session.Session(profile="ssotray-test").get_credentials()
f = c.get_frozen_credentials()
print(json.dumps({"id": f.access_key, "secret": f.secret_key, "token": f.token,
                  "expiry": c._expiry_time.isoformat()}))
`
	cmd := exec.Command("python3", "-c", script)
	cmd.Env = append(os.Environ(),
		helperEnv+"=1",
		"AWS_CONFIG_FILE="+config,
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "credentials"),
		"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_SESSION_TOKEN=", "AWS_PROFILE=",
	)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 botocore: %v\n%s", err, stderr.String())
	}
	var got struct{ ID, Secret, Token, Expiry string }
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("botocore output %q: %v", out, err)
	}
	want := struct{ ID, Secret, Token, Expiry string }{
		testCreds.AccessKeyID, testCreds.SecretAccessKey, testCreds.SessionToken, "2099-01-02T03:04:05+00:00",
	}
	if got != want {
		t.Errorf("botocore got %+v\nwant %+v", got, want)
	}
}

// TestProcessJSONMatchesPython checks the JSON string quoting against
// Python's json.dumps, which the CLI uses, on values no real key has but a
// fake or future one might.
func TestProcessJSONMatchesPython(t *testing.T) {
	c := accounts.Credentials{
		AccessKeyID:     "AKID\"quote\\back",
		SecretAccessKey: "tab\tnl\ncr\rbs\bff\fnul\x00del\x7f",
		SessionToken:    "é€😀<>&\u2028",
	}
	var b bytes.Buffer
	if err := credexport.Write(&b, c, "process"); err != nil {
		t.Fatal(err)
	}
	script := `
import json, sys
d = {"Version": 1, "AccessKeyId": sys.argv[1], "SecretAccessKey": sys.argv[2], "SessionToken": sys.argv[3]}
sys.stdout.write(json.dumps(d, indent=2, separators=(",", ": ")) + "\n")
`
	// NUL cannot travel in argv; Python gets it from an escape instead.
	cmd := exec.Command("python3", "-c", strings.Replace(script, "sys.argv[2]", "sys.argv[2].replace('NUL', '\\x00')", 1),
		c.AccessKeyID, strings.Replace(c.SecretAccessKey, "\x00", "NUL", 1), c.SessionToken)
	want, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	if b.String() != string(want) {
		t.Errorf("Write =\n%s\njson.dumps =\n%s", b.String(), want)
	}
}
