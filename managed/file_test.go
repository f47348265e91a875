package managed

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/storage"
)

const example = `{
  "signIns": [
    {"name": "corp", "startUrl": "https://d-1234567890.awsapps.com/start", "region": "eu-west-1", "scopes": ["sso:account:access"]},
    {"name": "apps", "startUrl": "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws"}
  ],
  "policy": {"secrets": "keyring", "startAtLogin": true, "profileTemplate": "{{.Session}}.{{.AccountSlug}}.{{.RoleName}}"}
}
`

func TestParseExample(t *testing.T) {
	f, err := Parse("/etc/ssotray/managed.json", []byte(example))
	if err != nil {
		t.Fatal(err)
	}
	on := true
	want := &File{
		Path: "/etc/ssotray/managed.json",
		SignIns: []SignIn{
			{Name: "corp", StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1", Scopes: []string{"sso:account:access"}},
			// The Region comes from the start URL.
			{Name: "apps", StartURL: "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws", Region: "eu-central-1"},
		},
		Policy: Policy{Secrets: "keyring", StartAtLogin: &on, ProfileTemplate: "{{.Session}}.{{.AccountSlug}}.{{.RoleName}}"},
	}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if mode, ok := f.SecretMode(); !ok || mode != storage.SecretsKeyring {
		t.Errorf("SecretMode = %v, %v", mode, ok)
	}
	if !f.Manages(storage.SignIn{Name: "mine", StartURL: "HTTPS://D-1234567890.awsapps.com/start/"}) {
		t.Error("the same portal under another name is not managed")
	}
	if f.Manages(storage.SignIn{Name: "corp", StartURL: "https://d-0000000000.awsapps.com/start"}) {
		t.Error("a sign-in is managed for its name alone")
	}
}

func TestParseOnlySignIns(t *testing.T) {
	f, err := Parse("m.json", []byte(`{"signIns": []}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.SecretMode(); ok || f.Policy.StartAtLogin != nil {
		t.Errorf("an empty policy sets something: %+v", f.Policy)
	}
}

// Every malformed file is reported with the path, the line and column, and
// a sentence a person at IT can act on.
func TestParseReportsWhere(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"empty", "", "m.json:1:1: the file is empty"},
		{"syntax", "{\n  \"signIns\": [\n    {\"name\": \"corp\",}\n  ]\n}", "m.json:3:21: invalid character '}'"},
		{"a type", "{\n  \"signIns\": [],\n  \"policy\": {\"startAtLogin\": \"yes\"}\n}", `m.json:3:34: policy.startAtLogin must be true or false`},
		{"unknown key", "{\n  \"signIns\": [],\n  \"polcy\": {}\n}", `m.json:3:3: unknown key "polcy"`},
		{"no signIns", `{"policy": {}}`, "m.json:1:1: no signIns list"},
		{"http", "{\"signIns\": [\n {\"name\": \"a\", \"startUrl\": \"https://d-1111111111.awsapps.com/start\", \"region\": \"eu-west-1\"},\n {\"name\": \"b\", \"startUrl\": \"http://d-2222222222.awsapps.com/start\", \"region\": \"eu-west-1\"}\n]}",
			"m.json:3:2: signIns[1]: startUrl: the start URL must begin with https://"},
		{"not AWS", "{\"signIns\": [{\"name\": \"a\", \"startUrl\": \"https://sso.example.com/start\", \"region\": \"eu-west-1\"}]}", `m.json:1:14: signIns[0]: startUrl: "sso.example.com" is not an AWS access portal address`},
		{"no Region", "{\"signIns\": [\n\n  {\"name\": \"a\", \"startUrl\": \"https://d-1111111111.awsapps.com/start\"}]}", "m.json:3:3: signIns[0]: region: missing"},
		{"Region against the URL's", `{"signIns": [{"name": "a", "startUrl": "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws", "region": "us-east-1"}]}`, "signIns[0]: region: us-east-1 differs from eu-central-1"},
		{"bad name", `{"signIns": [{"name": "a b", "startUrl": "https://d-1111111111.awsapps.com/start", "region": "eu-west-1"}]}`, `signIns[0]: name: the name "a b" can use only`},
		{"name twice", `{"signIns": [{"name": "a", "startUrl": "https://d-1111111111.awsapps.com/start", "region": "eu-west-1"}, {"name": "a", "startUrl": "https://d-2222222222.awsapps.com/start", "region": "eu-west-1"}]}`, "signIns[1]: the name a is listed twice"},
		{"portal twice", `{"signIns": [{"name": "a", "startUrl": "https://d-1111111111.awsapps.com/start", "region": "eu-west-1"}, {"name": "b", "startUrl": "https://D-1111111111.awsapps.com/start/", "region": "eu-west-1"}]}`, "signIns[1]: the start URL https://D-1111111111.awsapps.com/start/ is listed twice"},
		{"bad scope", `{"signIns": [{"name": "a", "startUrl": "https://d-1111111111.awsapps.com/start", "region": "eu-west-1", "scopes": ["a, b"]}]}`, `scopes: "a, b" is not a scope`},
		{"secrets", "{\"signIns\": [],\n \"policy\": {\"secrets\": \"vault\"}}", `m.json:2:12: policy: secrets is "vault"; it must be "cli", "keyring" or "choice"`},
		{"template", "{\"signIns\": [],\n \"policy\": {\"profileTemplate\": \"{{.Acount}}\"}}", `m.json:2:12: policy: profileTemplate: profile name template "{{.Acount}}"`},
		{"trailing", `{"signIns": []} {}`, "more after the end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("m.json", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v\nwant one containing %q", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Path != "m.json" || e.Line == 0 {
				t.Errorf("error %#v has no path and line", err)
			}
			if f != nil {
				t.Errorf("a malformed file gave %+v", f)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	f, err := Load(filepath.Join(dir, "none.json"))
	if f != nil || err != nil {
		t.Errorf("a missing file: %v, %v; want nil, nil", f, err)
	}
	// A directory in its place cannot be read: an error naming the path.
	_, err = Load(dir)
	var e *Error
	if !errors.As(err, &e) || e.Path != dir {
		t.Errorf("unreadable: %v", err)
	}
	path := filepath.Join(dir, "managed.json")
	os.WriteFile(path, []byte(example), 0o644)
	if f, err := Load(path); err != nil || len(f.SignIns) != 2 || f.Path != path {
		t.Errorf("Load = %+v, %v", f, err)
	}
}

func TestSystemPath(t *testing.T) {
	for _, tt := range []struct{ goos, programData, want string }{
		{"linux", "", "/etc/ssotray/managed.json"},
		{"darwin", "", "/Library/Application Support/ssotray/managed.json"},
		{"windows", `D:\ProgramData`, `D:\ProgramData\ssotray\managed.json`},
		{"windows", "", `C:\ProgramData\ssotray\managed.json`},
	} {
		if got := systemPath(tt.goos, tt.programData); got != tt.want {
			t.Errorf("systemPath(%s) = %s, want %s", tt.goos, got, tt.want)
		}
	}
}

func TestDefaultPathOverride(t *testing.T) {
	t.Setenv(EnvFile, "/tmp/x/managed.json")
	if got := DefaultPath(); got != "/tmp/x/managed.json" {
		t.Errorf("DefaultPath = %s", got)
	}
}
