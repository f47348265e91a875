package storage

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const testStartURL = "https://d-1234567890.awsapps.com/start"

func TestRegistrationFileName(t *testing.T) {
	tests := []struct {
		name        string
		scopes      []string
		sessionName string
		want        string
	}{
		{"sso-session", []string{"sso:account:access"}, "my-sso", "a8343d65418848d0bc13a5f25cbb32508ceec5d1.json"},
		{"legacy profile", nil, "", "365414a68be7c9bfc776c660981dbdbd942acea4.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RegistrationFileName(testStartURL, "us-east-1", tt.scopes, tt.sessionName); got != tt.want {
				t.Errorf("RegistrationFileName = %q, want %q", got, tt.want)
			}
		})
	}
	// An empty scope list is [] in Python, not null, so it names another file.
	if RegistrationFileName(testStartURL, "us-east-1", []string{}, "") == RegistrationFileName(testStartURL, "us-east-1", nil, "") {
		t.Error("empty and nil scopes give the same file name")
	}
}

func pkceRegistration() Registration {
	return Registration{
		ClientID:     "cid",
		ClientSecret: "cs",
		ExpiresAt:    testRegExp,
		Scopes:       []string{"sso:account:access"},
		GrantTypes:   []string{"authorization_code", "refresh_token"},
	}
}

func TestSaveRegistrationFormat(t *testing.T) {
	tests := []struct {
		name string
		reg  Registration
		want string
	}{
		{"PKCE", pkceRegistration(), string(readTestdata(t, "token/registration-pkce.json"))},
		{
			"device flow, legacy (no scopes, no grant types)",
			Registration{ClientID: "cid", ClientSecret: "cs", ExpiresAt: testRegExp},
			`{"clientId": "cid", "clientSecret": "cs", "expiresAt": "2027-02-25T10:42:22Z"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewTokenCache(t.TempDir())
			name := RegistrationFileName(testStartURL, "us-east-1", tt.reg.Scopes, "my-sso")
			if err := c.SaveRegistration(name, tt.reg); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(c.Dir + "/" + name)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("file:\n got %s\nwant %s", got, tt.want)
			}
			back, err := c.LoadRegistration(name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.reg, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRegistrationUnknownKeys(t *testing.T) {
	c := NewTokenCache(t.TempDir())
	name := RegistrationFileName(testStartURL, "us-east-1", nil, "")
	if err := os.WriteFile(c.Dir+"/"+name, []byte(`{"x":[1],"clientId":"cid","clientSecret":"cs","expiresAt":"2027-02-25T10:42:22Z"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	r := Registration{ClientID: "new", ClientSecret: "cs2", ExpiresAt: testRegExp}
	if err := c.SaveRegistration(name, r); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(c.Dir + "/" + name)
	want := `{"clientId": "new", "clientSecret": "cs2", "expiresAt": "2027-02-25T10:42:22Z", "x": [1]}`
	if string(got) != want {
		t.Errorf("file:\n got %s\nwant %s", got, want)
	}
}

func TestLoadRegistrationErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     string // "" for no file
		sentinel error
		reason   string
	}{
		{"missing", "", ErrNotFound, "not found"},
		{"not JSON", "{", ErrUnreadable, "not valid JSON"},
		{"no clientId", `{"clientSecret": "cs", "expiresAt": "2027-02-25T10:42:22Z"}`, ErrUnreadable, "clientId is missing"},
		{"no clientSecret", `{"clientId": "c", "expiresAt": "2027-02-25T10:42:22Z"}`, ErrUnreadable, "clientSecret is missing"},
		{"no expiresAt", `{"clientId": "c", "clientSecret": "secret-abc"}`, ErrUnreadable, "expiresAt is missing"},
		{"scopes not a list", `{"clientId": "c", "clientSecret": "cs", "expiresAt": "2027-02-25T10:42:22Z", "scopes": "sso:account:access"}`, ErrUnreadable, "scopes is not a list of strings"},
		{"grantTypes of numbers", `{"clientId": "c", "clientSecret": "cs", "expiresAt": "2027-02-25T10:42:22Z", "grantTypes": [1]}`, ErrUnreadable, "grantTypes is not a list of strings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewTokenCache(t.TempDir())
			name := RegistrationFileName(testStartURL, "us-east-1", nil, "")
			if tt.data != "" {
				if err := os.WriteFile(c.Dir+"/"+name, []byte(tt.data), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			_, err := c.LoadRegistration(name)
			if !errors.Is(err, tt.sentinel) || !strings.Contains(fmt.Sprint(err), tt.reason) {
				t.Errorf("LoadRegistration error = %v, want %v with %q", err, tt.sentinel, tt.reason)
			}
			if strings.Contains(fmt.Sprint(err), "secret-abc") {
				t.Errorf("error %v quotes the file", err)
			}
		})
	}
}

func TestRegistrationNameMustBePlain(t *testing.T) {
	c := NewTokenCache(t.TempDir())
	for _, name := range []string{"", ".", "..", "../x.json", "a/b.json", `a\b.json`} {
		if _, err := c.LoadRegistration(name); err == nil {
			t.Errorf("LoadRegistration(%q) succeeded", name)
		}
		if err := c.SaveRegistration(name, pkceRegistration()); err == nil {
			t.Errorf("SaveRegistration(%q) succeeded", name)
		}
	}
}

func TestSaveRegistrationRefusesIncomplete(t *testing.T) {
	for _, r := range []Registration{
		{ClientSecret: "cs", ExpiresAt: testRegExp},
		{ClientID: "c", ExpiresAt: testRegExp},
		{ClientID: "c", ClientSecret: "cs"},
	} {
		if err := NewTokenCache(t.TempDir()).SaveRegistration("x.json", r); err == nil {
			t.Errorf("SaveRegistration(%v) succeeded", r)
		}
	}
}

func TestRegistrationPrintingHidesSecret(t *testing.T) {
	r := pkceRegistration()
	r.ClientSecret = "SECRET-CLIENT"
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		for _, v := range []any{r, &r, []Registration{r}} {
			if out := fmt.Sprintf(verb, v); strings.Contains(out, "SECRET") {
				t.Errorf("Sprintf(%q) = %s", verb, out)
			}
		}
	}
	want := `Registration{ClientID:"cid" ClientSecret:[redacted] ExpiresAt:2027-02-25T10:42:22Z Scopes:["sso:account:access"] GrantTypes:["authorization_code" "refresh_token"]}`
	if got := r.String(); got != want {
		t.Errorf("String:\n got %s\nwant %s", got, want)
	}
}
