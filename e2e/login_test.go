package e2e

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/internal/filetest"
)

const sessionConfig = `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = us-east-1

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

# legacy form: never refreshed by the CLI, device code only
[profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111111111111
sso_role_name = Admin
`

// The file names the AWS CLI uses (aws-sso-spec.md §3.1, §3.3).
const (
	sessionTokenFile        = "0ad374308c5a4e22f723adf10145eafad7c4031c.json" // sha1("my-sso")
	legacyTokenFile         = "7487b5b67d5fa1132cf33fa93ae51ef38cc37752.json" // sha1(start URL)
	sessionRegistrationFile = "a8343d65418848d0bc13a5f25cbb32508ceec5d1.json"
)

func approve(h *home, t testing.TB) func(string) {
	return func(code string) {
		if err := h.srv.Approve(code); err != nil {
			t.Errorf("approve %q: %v", code, err)
		}
	}
}

func TestLoginThenGoSDKGetsRoleCredentials(t *testing.T) {
	h := newHome(t, sessionConfig)
	res := h.login(t, "dev", approve(h, t))
	if res.code != 0 {
		t.Fatalf("login exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	for _, want := range []string{"https://d-1234567890.awsapps.com/start", "/device?user_code=", "my-sso: signed in until "} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.stdout)
		}
	}
	if code := h.srv.LastUserCode(); !strings.Contains(res.stdout, "    "+code+"\n") {
		t.Errorf("stdout does not show the user code %q on its own line", code)
	}
	assertCacheModes(t, h)

	// The real Go reader: config.LoadDefaultConfig with the profile, then the
	// SSO credential provider calls GetRoleCredentials with our token.
	for _, kv := range h.env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("AWS_PROFILE", "dev")
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	creds, err := cfg.Credentials.Retrieve(context.Background())
	if err != nil {
		t.Fatalf("Go SDK could not use the sign-in: %v", err)
	}
	if !strings.HasPrefix(creds.AccessKeyID, "ASIA") || creds.SessionToken == "" {
		t.Errorf("role credentials = %q (session token %t)", creds.AccessKeyID, creds.SessionToken != "")
	}
	assertPortalCalledWithIssuedToken(t, h)
}

func TestLoginThenBotocoreGetsRoleCredentials(t *testing.T) {
	h := newHome(t, sessionConfig)
	if res := h.login(t, "my-sso", approve(h, t)); res.code != 0 {
		t.Fatalf("login exit %d: %s", res.code, res.stderr)
	}
	out := h.py(t, `
import boto3
c = boto3.Session(profile_name="dev").get_credentials()
f = c.get_frozen_credentials()
print(c.method, f.access_key[:4], bool(f.token))`)
	if out != "sso ASIA True" {
		t.Errorf("botocore: %q, want sso credentials", out)
	}
	assertPortalCalledWithIssuedToken(t, h)
}

func TestBotocoreRefreshesANearExpiryTokenSsotrayWrote(t *testing.T) {
	// Tokens that live 5 minutes: inside botocore's 10-minute mandatory
	// refresh window from the start.
	h := newHome(t, sessionConfig, func(o *idctest.Options) { o.AccessTokenTTL = 5 * time.Minute })
	if res := h.login(t, "dev", approve(h, t)); res.code != 0 {
		t.Fatalf("login exit %d: %s", res.code, res.stderr)
	}
	before := readCache(t, h.cacheFile(sessionTokenFile))
	out := h.py(t, `
import boto3
c = boto3.Session(profile_name="dev").get_credentials()
print(c.method, c.get_frozen_credentials().access_key[:4])`)
	if out != "sso ASIA" {
		t.Fatalf("botocore: %q", out)
	}
	after := readCache(t, h.cacheFile(sessionTokenFile))
	if after["accessToken"] == before["accessToken"] || after["refreshToken"] == before["refreshToken"] {
		t.Error("botocore did not refresh and rotate the token ssotray wrote")
	}
	if after["registrationExpiresAt"] != before["registrationExpiresAt"] || after["clientId"] != before["clientId"] {
		t.Error("botocore's refresh lost the registration")
	}
	refreshes := 0
	for _, r := range h.srv.Requests() {
		if r.Op == idctest.OpCreateToken && r.Body["grantType"] == "refresh_token" {
			refreshes++
			if r.Body["refreshToken"] != before["refreshToken"] || r.Body["clientSecret"] != before["clientSecret"] {
				t.Error("botocore refreshed with something other than what ssotray stored")
			}
		}
	}
	if refreshes != 1 {
		t.Errorf("refresh_token grants = %d, want 1", refreshes)
	}
	// And ssotray reads what botocore rewrote.
	st := statusByName(t, h, "my-sso")
	if st.State != "signed-in" || !st.Refreshable {
		t.Errorf("status after botocore's refresh = %+v", st)
	}
}

func TestLegacyProfileLogin(t *testing.T) {
	h := newHome(t, sessionConfig)
	if res := h.login(t, "legacy", approve(h, t)); res.code != 0 {
		t.Fatalf("login exit %d: %s", res.code, res.stderr)
	}
	c := readCache(t, h.cacheFile(legacyTokenFile))
	if c["startUrl"] != "https://d-1234567890.awsapps.com/start" || c["region"] != "us-east-1" {
		t.Errorf("legacy token file: startUrl %v region %v", c["startUrl"], c["region"])
	}
	out := h.py(t, `
import boto3
print(boto3.Session(profile_name="legacy").get_credentials().get_frozen_credentials().access_key[:4])`)
	if out != "ASIA" {
		t.Errorf("botocore with the legacy profile: %q", out)
	}
}

func TestLoginReusesTheCLIRegistration(t *testing.T) {
	h := newHome(t, sessionConfig)
	if res := h.login(t, "dev", approve(h, t)); res.code != 0 {
		t.Fatalf("first login: %s", res.stderr)
	}
	reg := readCache(t, h.cacheFile(sessionRegistrationFile))
	if reg["clientId"] == nil || reg["expiresAt"] == nil {
		t.Fatalf("registration file = %v", keys(reg))
	}
	if res := h.login(t, "dev", approve(h, t)); res.code != 0 {
		t.Fatalf("second login: %s", res.stderr)
	}
	registers := 0
	for _, r := range h.srv.Requests() {
		if r.Op == idctest.OpRegisterClient {
			registers++
		}
	}
	if registers != 1 {
		t.Errorf("RegisterClient calls = %d, want 1 (the cached registration reused)", registers)
	}
}

func TestLoginDeniedKeepsTheEarlierToken(t *testing.T) {
	h := newHome(t, sessionConfig)
	if res := h.login(t, "dev", approve(h, t)); res.code != 0 {
		t.Fatalf("login: %s", res.stderr)
	}
	before, err := os.ReadFile(h.cacheFile(sessionTokenFile))
	if err != nil {
		t.Fatal(err)
	}
	res := h.login(t, "dev", func(code string) { h.srv.Deny(code) })
	if res.code == 0 {
		t.Fatal("a denied login exited 0")
	}
	lines := strings.Split(strings.TrimSpace(res.stderr), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "denied") {
		t.Errorf("stderr = %q, want one line saying it was denied", res.stderr)
	}
	after, _ := os.ReadFile(h.cacheFile(sessionTokenFile))
	if string(after) != string(before) {
		t.Error("a failed login changed the earlier token")
	}
}

func TestLoginUnknownName(t *testing.T) {
	h := newHome(t, sessionConfig)
	res := h.run(t, "login", "nope", "--no-browser")
	if res.code == 0 || !strings.Contains(res.stderr, `"nope"`) || !strings.Contains(res.stderr, "my-sso") {
		t.Errorf("exit %d, stderr %q: want a failure naming the known sign-ins", res.code, res.stderr)
	}
}

func TestLoginServerUnreachable(t *testing.T) {
	h := newHome(t, sessionConfig)
	h.srv.Close()
	res := h.run(t, "login", "dev", "--no-browser")
	if res.code == 0 || strings.Count(strings.TrimSpace(res.stderr), "\n") != 0 || !strings.Contains(res.stderr, "cannot connect") {
		t.Errorf("exit %d, stderr %q: want one line saying it cannot connect", res.code, res.stderr)
	}
}

func assertCacheModes(t *testing.T, h *home) {
	t.Helper()
	filetest.Mode(t, h.cacheFile(""), 0o700)
	entries, _ := os.ReadDir(h.cacheFile(""))
	for _, e := range entries {
		filetest.Mode(t, h.cacheFile(e.Name()), 0o600)
		if strings.Contains(e.Name(), "tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func assertPortalCalledWithIssuedToken(t *testing.T, h *home) {
	t.Helper()
	for _, r := range h.srv.Requests() {
		if r.Op == idctest.OpGetRoleCredentials {
			if !h.srv.AccessTokenValid(r.BearerToken) {
				t.Error("GetRoleCredentials carried a token the server did not issue")
			}
			if r.Query.Get("account_id") != "111111111111" {
				t.Errorf("account_id = %q", r.Query.Get("account_id"))
			}
			return
		}
	}
	t.Error("no GetRoleCredentials call reached the server")
}

func readCache(t testing.TB, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
