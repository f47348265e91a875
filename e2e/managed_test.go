package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
)

// managedPersonsConfig is hand-written: comments, CRLF on one line, no
// final newline, and the corp portal under the person's own name "work".
const managedPersonsConfig = "# My AWS config. Do not lose this comment.\n" +
	"[default]\n" +
	"region = eu-west-1 ; inline comment\r\n" +
	"\n" +
	"; the work portal, added by hand last year\n" +
	"[sso-session work]\n" +
	"sso_start_url = https://d-1234567890.awsapps.com/start/\n" +
	"sso_region = eu-west-1\n" +
	"sso_registration_scopes = sso:account:access\n" +
	"\n" +
	"[profile apps-admin]\n" +
	"sso_session = apps\n" +
	"sso_account_id = 111111111111\n" +
	"sso_role_name = Admin\n" +
	"   # an indented comment at the end"

// managedFile lists three sign-ins: corp (which the person has as work),
// apps and data.
const managedFile = `{
  "signIns": [
    {"name": "corp", "startUrl": "https://d-1234567890.awsapps.com/start", "region": "eu-west-1"},
    {"name": "apps", "startUrl": "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws"},
    {"name": "data", "startUrl": "https://d-9876543210.awsapps.com/start", "region": "us-east-1", "scopes": ["sso:account:access", "codewhisperer:completions"]}
  ],
  "policy": {"secrets": "cli"}
}
`

// managedSteps starts the real app three times: with the managed file
// (screenshot of the main window), again with it, and with a malformed
// file; after each start it keeps the config, and status --json after the
// second.
var managedSteps = `
mkdir -p "$HOME/.aws" "$HOME/etc"
printf %s "$CONFIG" >"$HOME/.aws/config"
printf %s "$MANAGED" >"$HOME/etc/managed.json"
export SSOTRAY_MANAGED_FILE="$HOME/etc/managed.json"
` + guiSession(`
  start() {
    LIBGL_ALWAYS_SOFTWARE=1 "$BIN" >"$SHOTS/managed-app-$1.log" 2>&1 &
    app=$!
    timeout 30 xdotool search --sync --name "^ssotray" >/dev/null
    sleep 1.5
  }
  stop() { kill $app; wait $app || true; }
  start 1
  import -window root "$SHOTS/managed-main.png"
  stop
  cp "$HOME/.aws/config" "$SHOTS/managed-config-1"
  start 2
  "$BIN" status --json >"$SHOTS/managed-status.json" 2>"$SHOTS/managed-status.err"
  stop
  cp "$HOME/.aws/config" "$SHOTS/managed-config-2"
  printf "{\n  \"signIns\": [\n    {\"name\": \"x\",}\n  ]\n}\n" >"$SSOTRAY_MANAGED_FILE"
  start 3
  stop
  cp "$HOME/.aws/config" "$SHOTS/managed-config-3"`)

// TestManagedFileAtAppStart: the app adds the managed file's two missing
// sign-ins to a hand-written config that has the third under another name,
// keeping every byte; a second start changes nothing; status --json says
// which are managed; a malformed file changes nothing and is reported
// with its path and line; botocore and aws-sdk-go-v2 read the result.
func TestManagedFileAtAppStart(t *testing.T) {
	shots, out, err := runGUIScript(t, managedSteps, nil, "CONFIG="+managedPersonsConfig, "MANAGED="+managedFile)
	read := func(name string) []byte {
		b, _ := os.ReadFile(filepath.Join(shots, name))
		return b
	}
	if err != nil {
		t.Fatalf("GUI run: %v\n%s\nfirst start:\n%s", err, out, read("managed-app-1.log"))
	}
	first := read("managed-config-1")
	if !bytes.HasPrefix(first, []byte(managedPersonsConfig)) {
		t.Fatalf("the person's bytes changed:\n%q", first)
	}
	wantTail := "\n\n[sso-session apps]\n" +
		"sso_start_url = https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws\n" +
		"sso_region = eu-central-1\n" +
		"sso_registration_scopes = sso:account:access\n" +
		"\n[sso-session data]\n" +
		"sso_start_url = https://d-9876543210.awsapps.com/start\n" +
		"sso_region = us-east-1\n" +
		"sso_registration_scopes = sso:account:access, codewhisperer:completions\n"
	if tail := string(first[len(managedPersonsConfig):]); tail != wantTail {
		t.Errorf("the app added\n%q\nwant\n%q", tail, wantTail)
	}
	if log := string(read("managed-app-1.log")); !strings.Contains(log, "added apps") || !strings.Contains(log, "added data") || strings.Contains(log, "added corp") {
		t.Errorf("first start's log:\n%s", log)
	}
	if second := read("managed-config-2"); !bytes.Equal(second, first) {
		t.Errorf("the second start changed the config:\n%s", second)
	}
	if log := string(read("managed-app-2.log")); strings.Contains(log, "added") {
		t.Errorf("the second start added something:\n%s", log)
	}
	var st []map[string]any
	if err := json.Unmarshal(read("managed-status.json"), &st); err != nil {
		t.Fatalf("status --json: %v\n%s", err, read("managed-status.err"))
	}
	managed := map[string]any{}
	for _, s := range st {
		managed[s["name"].(string)] = s["managed"]
	}
	for name, want := range map[string]any{"work": true, "apps": true, "data": true} {
		if managed[name] != want {
			t.Errorf("status --json: %s managed = %v, want %v (all: %v)", name, managed[name], want, managed)
		}
	}
	// A malformed file: nothing changes; the problem names path and line.
	if third := read("managed-config-3"); !bytes.Equal(third, first) {
		t.Errorf("a malformed managed file changed the config:\n%s", third)
	}
	if log := string(read("managed-app-3.log")); !strings.Contains(log, "/etc/managed.json:3:18: invalid character '}'") {
		t.Errorf("third start's log does not name the file and line:\n%s", log)
	}

	// The real readers, on the result.
	h := newHome(t, string(first))
	got := h.py(t, `
import json, botocore.session
full = botocore.session.Session().full_config
print(json.dumps({k: [v.get("sso_start_url"), v.get("sso_region")] for k, v in sorted(full["sso_sessions"].items())}))
`)
	want := `{"apps": ["https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws", "eu-central-1"], "data": ["https://d-9876543210.awsapps.com/start", "us-east-1"], "work": ["https://d-1234567890.awsapps.com/start/", "eu-west-1"]}`
	if got != want {
		t.Errorf("botocore reads\n%s\nwant\n%s", got, want)
	}
	sc, err := config.LoadSharedConfigProfile(context.Background(), "apps-admin", func(o *config.LoadSharedConfigOptions) {
		o.ConfigFiles = []string{h.config}
		o.CredentialsFiles = []string{}
	})
	if err != nil {
		t.Fatalf("aws-sdk-go-v2: %v", err)
	}
	if sc.SSOSession == nil || sc.SSOSession.SSOStartURL != "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws" || sc.SSOSession.SSORegion != "eu-central-1" {
		t.Errorf("aws-sdk-go-v2 reads the apps session as %+v", sc.SSOSession)
	}
}
