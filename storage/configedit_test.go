package storage

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/internal/filetest"
)

const newSection = "[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n"

func TestAddSSOSessionAppends(t *testing.T) {
	full := strings.ReplaceAll(string(readTestdata(t, "config/full.ini")), "[sso-session corp]", "[sso-session acme]")
	tests := []struct {
		name   string
		before string
		added  string // what must follow the old bytes
	}{
		{"empty file", "", newSection},
		{"file ending with a newline", "[default]\nregion = us-east-1\n", "\n" + newSection},
		{"file without a final newline", "[default]\nregion = us-east-1", "\n\n" + newSection},
		{"file ending with a blank line", "[default]\nregion = us-east-1\n\n", newSection},
		{"CRLF file", "[default]\r\nregion = us-east-1\r\n", "\r\n" + strings.ReplaceAll(newSection, "\n", "\r\n")},
		{"CRLF file without a final newline", "# c\r\n[default]", "\r\n\r\n" + strings.ReplaceAll(newSection, "\n", "\r\n")},
		{"ends inside a nested block", "[profile p]\ns3 =\n  max_concurrent_requests = 10\n", "\n" + newSection},
		{"real config with comments and other sections", full, "\n" + newSection},
		{"BOM and trailing comment", "\uFEFF[default]\nregion = x\n# last", "\n\n" + newSection},
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
			if err := AddSSOSession(path, "corp", "https://d-1234567890.awsapps.com/start", "eu-west-1"); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(got), tt.before) {
				t.Fatalf("the old bytes were not kept:\n%q", got)
			}
			if diff := cmp.Diff(tt.added, string(got[len(tt.before):])); diff != "" {
				t.Errorf("appended text (-want +got):\n%s", diff)
			}
			c := ParseConfig(path, got)
			s, ok := c.Lookup("corp")
			want := SignIn{
				Name: "corp", Kind: KindSSOSession, StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1",
				Scopes: []string{"sso:account:access"}, CacheKey: "corp", File: path, Line: s.Line,
			}
			if diff := cmp.Diff(want, s); !ok || diff != "" {
				t.Errorf("new sign-in (-want +got):\n%s", diff)
			}
			if len(c.Problems) != len(ParseConfig(path, []byte(tt.before)).Problems) {
				t.Errorf("the edit added problems: %v", c.Problems)
			}
			if runtime.GOOS != "windows" {
				filetest.Mode(t, path, 0o640)
			}
			filetest.OnlyFiles(t, filepath.Dir(path), "config")
		})
	}
}

func TestAddSSOSessionCreatesFileAndDirectory(t *testing.T) {
	home := t.TempDir()
	path := PathsFromHome(home).ConfigFile
	if err := AddSSOSession(path, "corp", " https://d-1234567890.awsapps.com/start ", "eu-west-1"); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != newSection {
		t.Errorf("file:\n%s\nwant:\n%s", got, newSection)
	}
	if runtime.GOOS != "windows" {
		filetest.Mode(t, path, 0o600)
		filetest.Mode(t, filepath.Dir(path), 0o700)
	}
}

func TestAddSSOSessionRefusesDuplicates(t *testing.T) {
	const before = "[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\n[profile dev]\nregion = us-east-1\n[default]\n[sso-session broken]\n"
	for _, name := range []string{"corp", "dev", "default", "broken"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config")
			if err := os.WriteFile(path, []byte(before), 0o600); err != nil {
				t.Fatal(err)
			}
			err := AddSSOSession(path, name, "https://d-1234567890.awsapps.com/start", "eu-west-1")
			if !errors.Is(err, ErrDuplicate) {
				t.Fatalf("error = %v, want ErrDuplicate", err)
			}
			want := `a sign-in or profile named "` + name + `" is already in ` + path + `; choose another name`
			if err.Error() != want {
				t.Errorf("error = %q, want %q", err, want)
			}
			var de *DuplicateError
			if !errors.As(err, &de) || de.Name != name || de.File != path {
				t.Errorf("error %#v is not a matching *DuplicateError", err)
			}
			if got, _ := os.ReadFile(path); string(got) != before {
				t.Error("the file was changed")
			}
		})
	}
}

func TestAddSSOSessionRefusesBadInput(t *testing.T) {
	tests := []struct {
		name, session, url, region, want string
	}{
		{"empty name", "", "https://d-1234567890.awsapps.com/start", "eu-west-1", "choose a name for the sign-in"},
		{"space in name", "my corp", "https://d-1234567890.awsapps.com/start", "eu-west-1", `the name "my corp" can use only letters, digits, hyphens (-), underscores (_) and dots (.)`},
		{"bracket in name", "corp]", "https://d-1234567890.awsapps.com/start", "eu-west-1", "can use only letters, digits"},
		{"non-ASCII name", "café", "https://d-1234567890.awsapps.com/start", "eu-west-1", "can use only letters, digits"},
		{"newline in name", "a\n[x]", "https://d-1234567890.awsapps.com/start", "eu-west-1", "can use only letters, digits"},
		{"http URL", "corp", "http://d-1234567890.awsapps.com/start", "eu-west-1", "must begin with https://"},
		{"foreign host with a port", "corp", "https://aws.example.com:8443/start", "eu-west-1", "must not include a port number"},
		{"newline in URL", "corp", "https://d-1234567890.awsapps.com/start\n[x]", "eu-west-1", "not a valid web address"},
		{"no region", "corp", "https://d-1234567890.awsapps.com/start", "", "choose a Region"},
		{"bad region", "corp", "https://d-1234567890.awsapps.com/start", "xx-1", `"xx-1" is not an AWS Region`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "aws", "config")
			err := AddSSOSession(path, tt.session, tt.url, tt.region)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("something was written: %v", err)
			}
		})
	}
}

func TestAddSSOSessionUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	// A directory where the file should be cannot be read.
	path := filepath.Join(dir, "config")
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	err := AddSSOSession(path, "corp", "https://d-1234567890.awsapps.com/start", "eu-west-1")
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("error = %v, want one naming the file", err)
	}
	if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
		t.Error("the directory was replaced")
	}
	filetest.OnlyFiles(t, dir, "config")
}
