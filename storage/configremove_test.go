package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/internal/filetest"
)

func TestRemoveSSOSession(t *testing.T) {
	const corp = "[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n"
	const dev = "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n"
	tests := []struct {
		name   string
		before string
		after  string
	}{
		{
			name:   "only section",
			before: corp,
			after:  "",
		},
		{
			name:   "first section",
			before: corp + "\n" + dev,
			after:  dev,
		},
		{
			name:   "last section keeps the blank line before it",
			before: dev + "\n" + corp,
			after:  dev + "\n",
		},
		{
			name:   "middle section",
			before: "[default]\nregion = us-east-1\n\n" + corp + "\n" + dev,
			after:  "[default]\nregion = us-east-1\n\n" + dev,
		},
		{
			name:   "no final newline",
			before: dev + "\n" + strings.TrimSuffix(corp, "\n"),
			after:  dev + "\n",
		},
		{
			name:   "CRLF",
			before: crlf("[default]\nregion = us-east-1\n\n" + corp + "\n" + dev),
			after:  crlf("[default]\nregion = us-east-1\n\n" + dev),
		},
		{
			name:   "duplicate sections are all removed",
			before: corp + "\n" + dev + "\n[sso-session  corp] ; again\nsso_region = us-east-2\n\n[profile x]\nregion = y\n",
			after:  dev + "\n[profile x]\nregion = y\n",
		},
		{
			name:   "comment block above the next header stays",
			before: corp + "\n# Production, ask ops before changing\n# second line\n" + dev,
			after:  "# Production, ask ops before changing\n# second line\n" + dev,
		},
		{
			name:   "comment block with blank lines before the next header stays",
			before: corp + "\n# ---- profiles ----\n\n" + dev,
			after:  "# ---- profiles ----\n\n" + dev,
		},
		{
			name:   "comments among the settings go with the section",
			before: "[sso-session corp]\n# the portal\nsso_start_url = https://d-1234567890.awsapps.com/start\n  ; indented note\nsso_region = eu-west-1\n\n" + dev,
			after:  dev,
		},
		{
			name:   "comment above the removed header stays",
			before: "[default]\nregion = x\n\n# corp's portal\n" + corp + "\n" + dev,
			after:  "[default]\nregion = x\n\n# corp's portal\n" + dev,
		},
		{
			name:   "trailing comment at the end of the file stays",
			before: dev + "\n" + corp + "\n# end of file\n",
			after:  dev + "\n# end of file\n",
		},
		{
			name:   "other kinds and names are not touched",
			before: "[profile corp]\nregion = x\n[sso-session corp2]\nsso_region = y\n[sso-session corp.x]\n" + corp + "[services corp]\n",
			after:  "[profile corp]\nregion = x\n[sso-session corp2]\nsso_region = y\n[sso-session corp.x]\n[services corp]\n",
		},
		{
			name:   "indented header belongs to the section above",
			before: corp + "  [profile hidden]\nregion = x\n[profile dev]\n",
			after:  "[profile dev]\n",
		},
		{
			name:   "byte order mark stays",
			before: "\uFEFF" + corp + "\n" + dev,
			after:  "\uFEFF" + dev,
		},
		{
			name:   "nested value block",
			before: "[sso-session corp]\nsso_region = eu-west-1\ns3 =\n  max_concurrent_requests = 10\n[profile dev]\n",
			after:  "[profile dev]\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config")
			if err := os.WriteFile(path, []byte(tt.before), 0o640); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, 0o640); err != nil { // whatever the umask
				t.Fatal(err)
			}
			if err := RemoveSSOSession(path, "corp"); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.after, string(got)); diff != "" {
				t.Errorf("config after removal (-want +got):\n%s", diff)
			}
			c := ParseConfig(path, got)
			if c.NameInUse("corp") && strings.Contains(tt.after, "sso-session corp]") {
				t.Error("the session is still defined")
			}
			if _, ok := c.sessions["corp"]; ok {
				t.Error("the session still loads")
			}
			if runtime.GOOS != "windows" {
				filetest.Mode(t, path, 0o640)
			}
			filetest.OnlyFiles(t, filepath.Dir(path), "config")
		})
	}
}

// TestRemoveSSOSessionKeepsProfiles checks that the profiles that used a
// removed session stay, and that the config then reports them.
func TestRemoveSSOSessionKeepsProfiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	before := "[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n\n[profile dev]\nsso_session = corp\n"
	if err := os.WriteFile(path, []byte(before), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := RemoveSSOSession(path, "corp"); err != nil {
		t.Fatal(err)
	}
	c, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.SignIns) != 0 || !c.NameInUse("dev") {
		t.Errorf("sign-ins %v, dev defined %t; want none and true", c.SignIns, c.NameInUse("dev"))
	}
	if len(c.Problems) != 1 || !strings.Contains(c.Problems[0].Msg, `uses sso-session "corp", which is not defined`) {
		t.Errorf("problems = %v", c.Problems)
	}
}

func TestRemoveSSOSessionNotFound(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		content *string // nil: no file
	}{
		{"no file", nil},
		{"no such section", ptr("[profile corp]\nsso_session = corp\n[sso-session other]\n")},
		{"empty file", ptr("")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			if tt.content != nil {
				if err := os.WriteFile(path, []byte(*tt.content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			err := RemoveSSOSession(path, "corp")
			if !errors.Is(err, ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
			if want := "[sso-session corp] in " + path; !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
			got, readErr := os.ReadFile(path)
			if tt.content == nil {
				if readErr == nil {
					t.Error("a missing file was created")
				}
				return
			}
			if string(got) != *tt.content {
				t.Errorf("the file changed: %q", got)
			}
		})
	}
}

func ExampleRemoveSSOSession() {
	home, _ := os.MkdirTemp("", "ssotray-example")
	defer os.RemoveAll(home)
	config := PathsFromHome(home).ConfigFile
	_ = os.MkdirAll(filepath.Dir(config), 0o700)
	_ = os.WriteFile(config, []byte("[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n\n# developers\n[profile dev]\nsso_session = corp\n"), 0o600)

	fmt.Println(RemoveSSOSession(config, "corp"))
	err := RemoveSSOSession(config, "corp")
	fmt.Println(errors.Is(err, ErrNotFound))
	data, _ := os.ReadFile(config)
	fmt.Print(string(data))
	// Output:
	// <nil>
	// true
	// # developers
	// [profile dev]
	// sso_session = corp
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

func ptr[T any](v T) *T { return &v }
