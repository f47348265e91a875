//go:build unix

// These checks run the machine's Python (botocore). The Windows suite runs
// under Wine, which has no Windows Python, so they build for Unix only.

package managed_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// After AddMissing, botocore reads the person's bytes and the added
// sessions as the AWS CLI would.
func TestAddMissingBotocoreReads(t *testing.T) {
	configFile, f := writeFiles(t, personsConfig)
	if _, err := f.AddMissing(configFile); err != nil {
		t.Fatal(err)
	}
	botocoreReads(t, configFile)
}

// botocoreReads checks that botocore reads the sessions: each sso-session's
// start URL, Region and scopes, and the person's profile for apps.
func botocoreReads(t *testing.T, configFile string) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 not found: this check needs python3 with botocore")
	}
	const script = `
import json, sys
import botocore.session
s = botocore.session.Session()
full = s.full_config
out = {name: [v.get("sso_start_url"), v.get("sso_region"), v.get("sso_registration_scopes")] for name, v in full.get("sso_sessions", {}).items()}
out["profile apps-admin"] = [full["profiles"]["apps-admin"].get("sso_session")]
print(json.dumps(out, sort_keys=True))
`
	cmd := exec.Command(py, "-c", script)
	cmd.Env = append(os.Environ(), "AWS_CONFIG_FILE="+configFile, "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(filepath.Dir(configFile), "none"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("botocore: %v\n%s", err, stderr.String())
	}
	var got map[string][]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("botocore printed %s", out)
	}
	want := map[string][]any{
		"work":               {"https://d-1234567890.awsapps.com/start/", "eu-west-1", "sso:account:access"},
		"apps":               {"https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws", "eu-central-1", "sso:account:access, codewhisperer:completions"},
		"data":               {"https://d-9876543210.awsapps.com/start", "us-east-1", "sso:account:access"},
		"profile apps-admin": {"apps"},
	}
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			t.Errorf("botocore %s = %v, want %v", k, got[k], v)
		}
	}
}
