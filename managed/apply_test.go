package managed_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/ssotray/ssotray/internal/filetest"
	"github.com/ssotray/ssotray/managed"
	"github.com/ssotray/ssotray/storage"
)

// personsConfig is a config a person wrote by hand: comments of both
// kinds, CRLF on one line, no final newline, a profile that already names
// a managed sign-in it expects IT to provide, and the "corp" portal under
// the person's own name "work".
const personsConfig = "# My AWS config. Do not lose this comment.\n" +
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
	"region = eu-central-1\n" +
	"   # an indented comment at the end"

// threeSignIns is the managed file: corp (which the person has as work),
// apps and data.
const threeSignIns = `{
  "signIns": [
    {"name": "corp", "startUrl": "https://d-1234567890.awsapps.com/start", "region": "eu-west-1"},
    {"name": "apps", "startUrl": "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws", "scopes": ["sso:account:access", "codewhisperer:completions"]},
    {"name": "data", "startUrl": "https://d-9876543210.awsapps.com/start", "region": "us-east-1"}
  ]
}`

func writeFiles(t *testing.T, cfg string) (configFile string, f *managed.File) {
	t.Helper()
	dir := t.TempDir()
	configFile = filepath.Join(dir, ".aws", "config")
	if err := os.MkdirAll(filepath.Dir(configFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(configFile, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := managed.Parse("managed.json", []byte(threeSignIns))
	if err != nil {
		t.Fatal(err)
	}
	return configFile, f
}

func TestAddMissingKeepsEveryByte(t *testing.T) {
	configFile, f := writeFiles(t, personsConfig)
	res, err := f.AddMissing(configFile)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res.New); !slices.Equal(got, []string{"apps", "data"}) {
		t.Errorf("added %v, want apps and data", got)
	}
	if res.Present["corp"] != "work" || len(res.Conflicts) != 0 {
		t.Errorf("present %v, conflicts %v", res.Present, res.Conflicts)
	}
	got, _ := os.ReadFile(configFile)
	if !bytes.HasPrefix(got, []byte(personsConfig)) {
		t.Fatalf("the person's bytes changed:\n%q", got)
	}
	wantTail := "\n\n[sso-session apps]\n" +
		"sso_start_url = https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws\n" +
		"sso_region = eu-central-1\n" +
		"sso_registration_scopes = sso:account:access, codewhisperer:completions\n" +
		"\n[sso-session data]\n" +
		"sso_start_url = https://d-9876543210.awsapps.com/start\n" +
		"sso_region = us-east-1\n" +
		"sso_registration_scopes = sso:account:access\n"
	if tail := string(got[len(personsConfig):]); tail != wantTail {
		t.Errorf("added\n%q\nwant\n%q", tail, wantTail)
	}
	filetest.Mode(t, configFile, 0o600)

	// A second start changes nothing, not even the modification time.
	before, _ := os.Stat(configFile)
	res, err = f.AddMissing(configFile)
	if err != nil || len(res.New) != 0 {
		t.Fatalf("second run added %v (%v)", names(res.New), err)
	}
	after, _ := os.Stat(configFile)
	again, _ := os.ReadFile(configFile)
	if !bytes.Equal(again, got) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("the second run rewrote the config")
	}
	if res.Present["apps"] != "apps" || res.Present["data"] != "data" || res.Present["corp"] != "work" {
		t.Errorf("second run present %v", res.Present)
	}

	// What the config now says, read by storage as the app does.
	cfg, err := storage.LoadConfig(configFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Problems) != 0 {
		t.Errorf("problems: %v", cfg.Problems)
	}
	for _, in := range cfg.SignIns {
		if in.Kind == storage.KindSSOSession && !f.Manages(in) {
			t.Errorf("%s is not managed", in.Name)
		}
	}
	goSDKReads(t, configFile)
}

// A managed name the person uses for another portal is not added, and
// their section is not touched; the others still are.
func TestAddMissingNeverTakesAPersonsName(t *testing.T) {
	mine := "[sso-session data]\nsso_start_url = https://d-5555555555.awsapps.com/start\nsso_region = eu-west-1\n"
	configFile, f := writeFiles(t, mine)
	res, err := f.AddMissing(configFile)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(res.New); !slices.Equal(got, []string{"corp", "apps"}) {
		t.Errorf("added %v", got)
	}
	if len(res.Conflicts) != 1 || !strings.Contains(res.Conflicts[0].Error(), "already has a sign-in or profile named data") {
		t.Errorf("conflicts %v", res.Conflicts)
	}
	got, _ := os.ReadFile(configFile)
	if !bytes.HasPrefix(got, []byte(mine)) || bytes.Count(got, []byte("[sso-session data]")) != 1 {
		t.Errorf("config:\n%s", got)
	}
}

// A config that cannot be read is left alone.
func TestAddMissingUnreadableConfig(t *testing.T) {
	configFile, f := writeFiles(t, "")
	os.Remove(configFile)
	os.Mkdir(configFile, 0o700)
	if _, err := f.AddMissing(configFile); err == nil {
		t.Fatal("no error for a config that is a directory")
	}
}

func names(s []managed.SignIn) []string {
	var out []string
	for _, in := range s {
		out = append(out, in.Name)
	}
	return out
}

// goSDKReads checks that aws-sdk-go-v2 resolves the person's profile to
// the session AddMissing added.
func goSDKReads(t *testing.T, configFile string) {
	t.Helper()
	// aws-sdk-go-v2 resolves the person's profile to the added session.
	sc, err := config.LoadSharedConfigProfile(context.Background(), "apps-admin", func(o *config.LoadSharedConfigOptions) {
		o.ConfigFiles = []string{configFile}
		o.CredentialsFiles = []string{}
	})
	if err != nil {
		t.Fatalf("aws-sdk-go-v2: %v", err)
	}
	if sc.SSOSession == nil || sc.SSOSession.Name != "apps" || sc.SSOSession.SSOStartURL != "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws" || sc.SSOSession.SSORegion != "eu-central-1" {
		t.Errorf("aws-sdk-go-v2 session = %+v", sc.SSOSession)
	}
	if sc.SSOAccountID != "111111111111" || sc.SSORoleName != "Admin" || sc.Region != "eu-central-1" {
		t.Errorf("aws-sdk-go-v2 profile = %s %s %s", sc.SSOAccountID, sc.SSORoleName, sc.Region)
	}
}
