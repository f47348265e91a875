package e2e

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow/idctest"
)

type statusEntry struct {
	Name        string   `json:"name"`
	Kind        string   `json:"kind"`
	StartURL    string   `json:"startUrl"`
	Region      string   `json:"region"`
	State       string   `json:"state"`
	ExpiresAt   *string  `json:"expiresAt"`
	Refreshable bool     `json:"refreshable"`
	CacheFile   string   `json:"cacheFile"`
	Profiles    []string `json:"profiles"`
}

func statuses(t testing.TB, h *home) []statusEntry {
	t.Helper()
	res := h.run(t, "status", "--json")
	if res.code != 0 {
		t.Fatalf("status exit %d: %s", res.code, res.stderr)
	}
	var out []statusEntry
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil {
		t.Fatalf("status --json is not JSON: %v\n%s", err, res.stdout)
	}
	return out
}

func statusByName(t testing.TB, h *home, name string) statusEntry {
	t.Helper()
	for _, s := range statuses(t, h) {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("status has no %q", name)
	return statusEntry{}
}

// writeLikeTheCLI has botocore's own cache writer store a token, as
// `aws sso login` leaves it.
func writeLikeTheCLI(t testing.TB, h *home, key string, issued idctest.Issued) {
	t.Helper()
	h.py(t, `
import hashlib, json, os, sys
from botocore.utils import JSONFileCache
from botocore.tokens import _sso_json_dumps
cache = JSONFileCache(os.path.expanduser("~/.aws/sso/cache"), dumps_func=_sso_json_dumps)
token = json.loads(os.environ["TOKEN"])
cache[hashlib.sha1(os.environ["KEY"].encode()).hexdigest()] = token`,
		"KEY="+key, "TOKEN="+string(issued.CacheJSON("https://d-1234567890.awsapps.com/start", "us-east-1")))
}

func TestStatusShowsATokenAnotherProgramWrote(t *testing.T) {
	h := newHome(t, sessionConfig)
	if got := statusByName(t, h, "my-sso"); got.State != "signed-out" || got.ExpiresAt != nil {
		t.Fatalf("before: %+v", got)
	}
	issued := h.srv.SignInDirect("sso:account:access")
	writeLikeTheCLI(t, h, "my-sso", issued)

	all := statuses(t, h)
	if len(all) != 2 {
		t.Fatalf("got %d sign-ins, want 2 (my-sso and legacy)", len(all))
	}
	s := all[0]
	want := statusEntry{
		Name: "my-sso", Kind: "sso-session", StartURL: "https://d-1234567890.awsapps.com/start", Region: "us-east-1",
		State: "signed-in", Refreshable: true, CacheFile: h.cacheFile(sessionTokenFile), Profiles: []string{"dev"},
	}
	if s.ExpiresAt == nil {
		t.Fatal("expiresAt is null")
	}
	exp, err := time.Parse(time.RFC3339, *s.ExpiresAt)
	if err != nil || !exp.Equal(issued.ExpiresAt) {
		t.Errorf("expiresAt %q, want %v", *s.ExpiresAt, issued.ExpiresAt)
	}
	s.ExpiresAt = nil
	if !equalJSON(s, want) {
		t.Errorf("status = %+v\nwant     %+v", s, want)
	}
	if l := all[1]; l.Name != "legacy" || l.Kind != "legacy-profile" || l.State != "signed-out" || l.CacheFile != h.cacheFile(legacyTokenFile) {
		t.Errorf("legacy entry = %+v", l)
	}

	// The table form says the same for people.
	res := h.run(t, "status")
	if !strings.Contains(res.stdout, "my-sso") || !strings.Contains(res.stdout, "signed-in") || !regexp.MustCompile(`signed-in +(59 m \d+ s|1 h 0 m) +yes`).MatchString(res.stdout) {
		t.Errorf("status table:\n%s", res.stdout)
	}
}

func TestStatusStates(t *testing.T) {
	h := newHome(t, sessionConfig)
	issued := h.srv.SignInDirect() // no scopes: no refresh token
	issued.ExpiresAt = time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	writeLikeTheCLI(t, h, "my-sso", issued)
	if err := os.WriteFile(h.cacheFile(legacyTokenFile), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	all := statuses(t, h)
	if all[0].State != "expired" || all[0].Refreshable {
		t.Errorf("expired token: %+v", all[0])
	}
	if all[1].State != "unreadable" || all[1].ExpiresAt != nil {
		t.Errorf("broken token file: %+v", all[1])
	}
	res := h.run(t, "status")
	if !strings.Contains(res.stderr, "legacy:") || !strings.Contains(res.stderr, legacyTokenFile) {
		t.Errorf("stderr does not explain the unreadable file: %q", res.stderr)
	}
	data, _ := os.ReadFile(h.cacheFile(legacyTokenFile))
	if string(data) != "{not json" {
		t.Error("status changed an unreadable cache file")
	}
}

func TestStatusReportsABrokenConfigAndListsTheRest(t *testing.T) {
	h := newHome(t, "[sso-session good]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n\nthis line is broken\n[sso-session half]\nsso_region = us-east-1\n")
	res := h.run(t, "status", "--json")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if !strings.Contains(res.stderr, h.config+":5:") || !strings.Contains(res.stderr, "sso_start_url") {
		t.Errorf("stderr does not name the broken line and the missing key:\n%s", res.stderr)
	}
	var out []statusEntry
	if err := json.Unmarshal([]byte(res.stdout), &out); err != nil || len(out) != 1 || out[0].Name != "good" {
		t.Errorf("stdout = %s (err %v), want only the good sign-in", res.stdout, err)
	}
}

func TestLogout(t *testing.T) {
	h := newHome(t, sessionConfig)
	if res := h.login(t, "dev", approve(h, t)); res.code != 0 {
		t.Fatalf("login: %s", res.stderr)
	}
	token := readCache(t, h.cacheFile(sessionTokenFile))["accessToken"].(string)
	res := h.run(t, "logout", "my-sso")
	if res.code != 0 || !strings.Contains(res.stdout, "signed out") {
		t.Fatalf("logout: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if _, err := os.Stat(h.cacheFile(sessionTokenFile)); !os.IsNotExist(err) {
		t.Error("the token file is still there")
	}
	if _, err := os.Stat(h.cacheFile(sessionRegistrationFile)); err != nil {
		t.Error("logout removed the client registration")
	}
	if h.srv.AccessTokenValid(token) {
		t.Error("the portal Logout was not called: the token still works")
	}
	if res := h.run(t, "logout", "my-sso"); res.code != 0 || !strings.Contains(res.stdout, "already signed out") {
		t.Errorf("second logout: exit %d %s", res.code, res.stdout)
	}
}

func TestAdd(t *testing.T) {
	h := newHome(t, "# my settings\n[default]\nregion = eu-west-1\n")
	res := h.run(t, "add", "--name", "corp", "--start-url", "https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com")
	if res.code != 0 {
		t.Fatalf("add: exit %d %s", res.code, res.stderr)
	}
	data, _ := os.ReadFile(h.config)
	if !strings.HasPrefix(string(data), "# my settings\n[default]\nregion = eu-west-1\n") {
		t.Errorf("add changed what was there:\n%s", data)
	}
	s := statusByName(t, h, "corp")
	if s.Region != "eu-west-1" || s.Kind != "sso-session" || s.State != "signed-out" {
		t.Errorf("added sign-in = %+v", s)
	}
	if res := h.run(t, "add", "--name", "corp", "--start-url", "https://d-1234567890.awsapps.com/start", "--region", "us-east-1"); res.code == 0 || !strings.Contains(res.stderr, "is already in") {
		t.Errorf("duplicate add: exit %d %q", res.code, res.stderr)
	}
	if res := h.run(t, "add", "--name", "x", "--start-url", "http://evil.example.com/start", "--region", "us-east-1"); res.code == 0 || !strings.Contains(res.stderr, "https://") {
		t.Errorf("bad URL: exit %d %q", res.code, res.stderr)
	}
	// The new sign-in works end to end.
	if res := h.login(t, "corp", approve(h, t)); res.code != 0 {
		t.Errorf("login to the added sign-in: %s", res.stderr)
	}
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
