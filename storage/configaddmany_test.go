package storage_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/storage"
)

func TestAddSSOSessions(t *testing.T) {
	tests := []struct {
		name string
		old  string
		add  []storage.NewSSOSession
		want string // appended to old
	}{
		{
			name: "two after comments, no final newline",
			old:  "# mine\n[profile x] ; hand-written\nregion = eu-west-1",
			add: []storage.NewSSOSession{
				{Name: "a", StartURL: "https://d-1111111111.awsapps.com/start", Region: "eu-west-1"},
				{Name: "b", StartURL: "https://d-2222222222.awsapps.com/start", Region: "us-east-1", Scopes: []string{"sso:account:access", "codewhisperer:completions"}},
			},
			want: "\n\n[sso-session a]\nsso_start_url = https://d-1111111111.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n" +
				"\n[sso-session b]\nsso_start_url = https://d-2222222222.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access, codewhisperer:completions\n",
		},
		{
			name: "CRLF kept",
			old:  "[default]\r\nregion = eu-west-1\r\n",
			add:  []storage.NewSSOSession{{Name: "a", StartURL: "https://d-1111111111.awsapps.com/start", Region: "eu-west-1", Scopes: []string{"x:y"}}},
			want: "\r\n[sso-session a]\r\nsso_start_url = https://d-1111111111.awsapps.com/start\r\nsso_region = eu-west-1\r\nsso_registration_scopes = x:y\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "config")
			if err := os.WriteFile(file, []byte(tt.old), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := storage.AddSSOSessions(file, tt.add); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(file)
			if string(got) != tt.old+tt.want {
				t.Errorf("config =\n%q\nwant\n%q", got, tt.old+tt.want)
			}
		})
	}
}

func TestAddSSOSessionsRefusesAndWritesNothing(t *testing.T) {
	old := "[sso-session a]\nsso_start_url = https://d-1111111111.awsapps.com/start\nsso_region = eu-west-1\n"
	ok := storage.NewSSOSession{Name: "b", StartURL: "https://d-2222222222.awsapps.com/start", Region: "eu-west-1"}
	for _, tt := range []struct {
		name string
		add  []storage.NewSSOSession
		want string
	}{
		{"a name in use", []storage.NewSSOSession{ok, {Name: "a", StartURL: "https://d-3333333333.awsapps.com/start", Region: "eu-west-1"}}, "already"},
		{"a name twice", []storage.NewSSOSession{ok, ok}, "already"},
		{"a bad scope", []storage.NewSSOSession{{Name: "c", StartURL: ok.StartURL, Region: "eu-west-1", Scopes: []string{"a, b"}}}, "not a plain scope"},
		{"http", []storage.NewSSOSession{{Name: "c", StartURL: "http://d-2222222222.awsapps.com/start", Region: "eu-west-1"}}, "https://"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "config")
			os.WriteFile(file, []byte(old), 0o600)
			err := storage.AddSSOSessions(file, tt.add)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if tt.want == "already" && !errors.Is(err, storage.ErrDuplicate) {
				t.Errorf("%v does not wrap ErrDuplicate", err)
			}
			if got, _ := os.ReadFile(file); string(got) != old {
				t.Errorf("the file changed:\n%s", got)
			}
		})
	}
}

func TestSameStartURL(t *testing.T) {
	if !storage.SameStartURL("HTTPS://D-1111111111.awsapps.com/start/", "https://d-1111111111.awsapps.com/start") {
		t.Error("case and a trailing slash make another portal")
	}
	if storage.SameStartURL("https://d-1111111111.awsapps.com/start", "https://d-2222222222.awsapps.com/start") {
		t.Error("two portals compare the same")
	}
}
