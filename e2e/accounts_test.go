package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/internal/filetest"
)

// rolesConfig is one sso-session and no profiles: what a person has after
// `ssotray add`, before any account is reachable from the CLI.
const rolesConfig = `# hand-written: keep me
[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access
`

// rolesAccounts have names with spaces, slashes, dots and non-ASCII
// letters, and two accounts that share a name.
var rolesAccounts = []idctest.Account{
	{ID: "111111111111", Name: "Zürich Analytics", Email: "zrh@example.com", Roles: []string{"ReadOnlyAccess", "AdministratorAccess"}},
	{ID: "222222222222", Name: "data/lake.dev", Email: "lake@example.com", Roles: []string{"DataScientist"}},
	{ID: "333333333333", Name: "東京 Prod", Email: "tokyo@example.com", Roles: []string{"ReadOnlyAccess"}},
	{ID: "444444444444", Name: "Shared", Email: "a@example.com", Roles: []string{"ReadOnlyAccess"}},
	{ID: "555555555555", Name: "Shared", Email: "b@example.com", Roles: []string{"ReadOnlyAccess"}},
}

// corpTokenFile is sha1("corp"), the token file of the corp sso-session.
const corpTokenFile = "ee0bfd2552fbd840c02cc48b6e823320543c450f.json"

// signedInRolesHome is a home signed in to corp on a local Identity
// Center serving rolesAccounts.
func signedInRolesHome(t *testing.T) *home {
	t.Helper()
	h := newHome(t, rolesConfig, func(o *idctest.Options) {
		o.AutoApprove = 0
		o.Accounts = rolesAccounts
	})
	if res := h.login(t, "corp", nil); res.code != 0 {
		t.Fatalf("login exit %d: %s", res.code, res.stderr)
	}
	return h
}

func (h *home) count(op string) int {
	n := 0
	for _, r := range h.srv.Requests() {
		if r.Op == op {
			n++
		}
	}
	return n
}

// accountJSON is one element of `ssotray accounts --json`, as the issue
// specifies it.
type accountJSON struct {
	AccountID    string   `json:"accountId"`
	AccountName  string   `json:"accountName"`
	EmailAddress string   `json:"emailAddress"`
	Roles        []string `json:"roles"`
}

func TestAccountsListsEveryAccountAndKeepsTheListOnDisk(t *testing.T) {
	h := signedInRolesHome(t)
	res := h.run(t, "accounts", "corp", "--json")
	if res.code != 0 {
		t.Fatalf("accounts exit %d: %s", res.code, res.stderr)
	}
	var got []accountJSON
	if err := json.Unmarshal([]byte(res.stdout), &got); err != nil {
		t.Fatalf("accounts --json is not a JSON array: %v\n%s", err, res.stdout)
	}
	if len(got) != len(rolesAccounts) {
		t.Fatalf("got %d accounts, want %d:\n%s", len(got), len(rolesAccounts), res.stdout)
	}
	for _, want := range rolesAccounts {
		i := slices.IndexFunc(got, func(a accountJSON) bool { return a.AccountID == want.ID })
		if i < 0 {
			t.Errorf("account %s missing", want.ID)
			continue
		}
		roles := slices.Sorted(slices.Values(want.Roles))
		if g := got[i]; g.AccountName != want.Name || g.EmailAddress != want.Email || !slices.Equal(g.Roles, roles) {
			t.Errorf("account %s = %+v, want %+v", want.ID, g, want)
		}
	}

	// The list is on disk, 0600, with no token in it; the next run reads it
	// without calling the portal.
	dir := filepath.Join(h.dir, ".config", "ssotray", "accounts")
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Fatalf("accounts cache %s: %v %v", dir, entries, err)
	}
	filetest.Mode(t, filepath.Join(dir, entries[0].Name()), 0o600)
	kept, _ := os.ReadFile(filepath.Join(dir, entries[0].Name()))
	token := readCache(t, h.cacheFile(corpTokenFile))["accessToken"].(string)
	if strings.Contains(string(kept), token) {
		t.Error("the list on disk holds the access token")
	}
	calls := h.count(idctest.OpListAccounts)
	res = h.run(t, "accounts", "corp")
	if res.code != 0 || !strings.Contains(res.stdout, "Zürich Analytics") || !strings.Contains(res.stdout, "    DataScientist\n") {
		t.Fatalf("accounts (from disk) exit %d:\n%s\n%s", res.code, res.stdout, res.stderr)
	}
	if n := h.count(idctest.OpListAccounts); n != calls {
		t.Errorf("accounts without --refresh called ListAccounts %d more times", n-calls)
	}
	if res = h.run(t, "accounts", "corp", "--refresh"); res.code != 0 || h.count(idctest.OpListAccounts) == calls {
		t.Errorf("accounts --refresh did not list again (exit %d: %s)", res.code, res.stderr)
	}
}

func TestCredsProcessFormatFeedsBotocoreAndTheGoSDK(t *testing.T) {
	h := signedInRolesHome(t)
	// credential_process runs ssotray itself, the way a person would set it up.
	process := `credential_process = ` + binary + ` creds corp --account "Zürich Analytics" --role ReadOnlyAccess --format process`
	cfg, _ := os.ReadFile(h.config)
	cfg = append(cfg, []byte("\n[profile viaprocess]\n"+process+"\n")...)
	if err := os.WriteFile(h.config, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	out := h.py(t, `
import boto3
c = boto3.Session(profile_name="viaprocess").get_credentials()
f = c.get_frozen_credentials()
print(c.method, f.access_key[:4], bool(f.token), c._expiry_time is not None)`)
	if out != "custom-process ASIA True True" {
		t.Errorf("botocore through credential_process: %q", out)
	}
	for _, kv := range h.env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	sdk, err := config.LoadDefaultConfig(context.Background(), config.WithSharedConfigProfile("viaprocess"))
	if err != nil {
		t.Fatal(err)
	}
	creds, err := sdk.Credentials.Retrieve(context.Background())
	if err != nil || !strings.HasPrefix(creds.AccessKeyID, "ASIA") || !creds.CanExpire {
		t.Errorf("Go SDK through credential_process: %v %q expires=%v", err, creds.AccessKeyID, creds.CanExpire)
	}

	// env, the default, evaluates in a POSIX shell.
	res := h.run(t, "creds", "corp", "--account", "111111111111", "--role", "AdministratorAccess")
	if res.code != 0 || !strings.HasPrefix(res.stdout, "export AWS_ACCESS_KEY_ID=ASIA") || res.stderr != "" {
		t.Fatalf("creds exit %d:\n%s\n%s", res.code, res.stdout, res.stderr)
	}
	sh := h.command(t, "/bin/sh", nil, "-c", res.stdout+`printf '%s %s' "${AWS_ACCESS_KEY_ID%%????????????????}" "${AWS_SESSION_TOKEN:+token}"`)
	if got, err := sh.Output(); err != nil || string(got) != "ASIA token" {
		t.Errorf("sh eval of env format: %q %v", got, err)
	}
}

func TestConsolePrintGivesALoginURLTheFederationEndpointAccepts(t *testing.T) {
	h := signedInRolesHome(t)
	fed := []string{"SSOTRAY_FEDERATION_ENDPOINT=" + h.srv.URL + "/federation"}
	res := h.runEnv(t, fed, "console", "corp", "--account", "東京 Prod", "--role", "ReadOnlyAccess", "--print")
	if res.code != 0 {
		t.Fatalf("console exit %d: %s", res.code, res.stderr)
	}
	url := strings.TrimSpace(res.stdout)
	if !strings.HasPrefix(url, h.srv.URL+"/federation?") || !strings.Contains(url, "Action=login") {
		t.Fatalf("console --print = %q", url)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "333333333333") || !strings.Contains(string(page), "ReadOnlyAccess") {
		t.Errorf("login page %d:\n%s", resp.StatusCode, page)
	}
	// Through the access portal's own link instead: no credentials, and the
	// console in the Region of the person's profile for the role.
	cfg, _ := os.ReadFile(h.config)
	cfg = append(cfg, "\n[profile tokyo]\nsso_session = corp\nsso_account_id = 333333333333\nsso_role_name = ReadOnlyAccess\nregion = ap-northeast-1\n"...)
	if err := os.WriteFile(h.config, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	creds := h.count(idctest.OpGetRoleCredentials)
	res = h.run(t, "console", "corp", "--account", "333333333333", "--role", "ReadOnlyAccess", "--portal", "--print")
	want := "https://d-1234567890.awsapps.com/start/#/console?account_id=333333333333&role_name=ReadOnlyAccess&destination=" +
		"https%3A%2F%2Fap-northeast-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Dap-northeast-1\n"
	if res.code != 0 || res.stdout != want {
		t.Errorf("console --portal --print exit %d:\n%s\nwant\n%s%s", res.code, res.stdout, want, res.stderr)
	}
	if h.count(idctest.OpGetRoleCredentials) != creds {
		t.Error("the portal link fetched role credentials")
	}

	// The role is now one of the tray's quick roles.
	recent, err := os.ReadFile(filepath.Join(h.dir, ".config", "ssotray", "recent-roles.json"))
	if err != nil || !strings.Contains(string(recent), "333333333333") {
		t.Errorf("recent roles: %s %v", recent, err)
	}
}

func TestProfilesWriteFeedsTheRealReadersAndKeepsHandEdits(t *testing.T) {
	h := signedInRolesHome(t)
	before, _ := os.ReadFile(h.config)
	res := h.run(t, "profiles", "corp")
	if res.code != 0 || !strings.Contains(res.stdout, "--write") {
		t.Fatalf("profiles (dry run) exit %d:\n%s\n%s", res.code, res.stdout, res.stderr)
	}
	if after, _ := os.ReadFile(h.config); string(after) != string(before) {
		t.Fatal("profiles without --write changed the config")
	}
	if res = h.run(t, "profiles", "corp", "--write"); res.code != 0 {
		t.Fatalf("profiles --write exit %d: %s", res.code, res.stderr)
	}
	written, _ := os.ReadFile(h.config)
	if !strings.HasPrefix(string(written), string(before)) {
		t.Fatalf("the hand-written part changed:\n%s", written)
	}
	profile := profileFor(t, string(written), "111111111111", "ReadOnlyAccess")

	out := h.py(t, `
import boto3
c = boto3.Session(profile_name="`+profile+`").get_credentials()
print(c.method, c.get_frozen_credentials().access_key[:4])`)
	if out != "sso ASIA" {
		t.Errorf("botocore with generated profile %q: %q", profile, out)
	}
	for _, kv := range h.env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	sdk, err := config.LoadDefaultConfig(context.Background(), config.WithSharedConfigProfile(profile))
	if err != nil {
		t.Fatal(err)
	}
	if creds, err := sdk.Credentials.Retrieve(context.Background()); err != nil || !strings.HasPrefix(creds.AccessKeyID, "ASIA") {
		t.Errorf("Go SDK with generated profile %q: %v", profile, err)
	}

	// A person edits a generated section by hand; a second run keeps it.
	edited := strings.Replace(string(written), "[profile "+profile+"]\n", "[profile "+profile+"]\n# mine\noutput = table\n", 1)
	if err := os.WriteFile(h.config, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	if res = h.run(t, "profiles", "corp", "--write", "--refresh"); res.code != 0 {
		t.Fatalf("second profiles --write exit %d: %s", res.code, res.stderr)
	}
	if again, _ := os.ReadFile(h.config); string(again) != edited {
		t.Errorf("a re-run changed a hand-edited file:\n--- before\n%s\n--- after\n%s", edited, again)
	}
}

// profileFor finds the generated profile for account and role in config.
func profileFor(t *testing.T, config, account, role string) string {
	t.Helper()
	for _, sec := range strings.Split(config, "\n[") {
		name, body, _ := strings.Cut(sec, "]\n")
		if strings.Contains(body, "sso_account_id = "+account+"\n") && strings.Contains(body, "sso_role_name = "+role+"\n") {
			return strings.TrimPrefix(name, "profile ")
		}
	}
	t.Fatalf("no profile for %s %s in:\n%s", account, role, config)
	return ""
}

func TestRoleCommandsRefuseBadInputWithOneLine(t *testing.T) {
	h := signedInRolesHome(t)
	fed := []string{"SSOTRAY_FEDERATION_ENDPOINT=" + h.srv.URL + "/federation"}
	before, _ := os.ReadFile(h.config)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown account", []string{"creds", "corp", "--account", "999999999999", "--role", "ReadOnlyAccess"}, "999999999999"},
		{"unknown role", []string{"console", "corp", "--account", "111111111111", "--role", "Nope", "--print"}, "Nope"},
		{"two accounts share the name", []string{"creds", "corp", "--account", "Shared", "--role", "ReadOnlyAccess"}, "444444444444"},
		{"unknown sign-in", []string{"accounts", "nope"}, "nope"},
		{"unknown format", []string{"creds", "corp", "--account", "111111111111", "--role", "ReadOnlyAccess", "--format", "yaml"}, "yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := h.runEnv(t, fed, tc.args...)
			if res.code == 0 || res.stdout != "" {
				t.Fatalf("exit %d, stdout %q", res.code, res.stdout)
			}
			if lines := strings.Count(strings.TrimSpace(res.stderr), "\n") + 1; lines != 1 || !strings.Contains(res.stderr, tc.want) {
				t.Errorf("stderr is not one line naming %q:\n%s", tc.want, res.stderr)
			}
		})
	}
	if after, _ := os.ReadFile(h.config); string(after) != string(before) {
		t.Error("a refused command changed the config")
	}
}

func TestRoleCommandsWhenThePortalFails(t *testing.T) {
	h := signedInRolesHome(t)
	cases := []struct {
		name  string
		setup func()
		env   []string
		want  string
	}{
		{"portal answers garbage", func() {
			h.srv.InjectFault(idctest.OpListAccounts, idctest.Fault{Body: "<html>gateway</html>", ContentType: "text/html"})
		}, nil, "list the accounts"},
		{"portal is down", func() {}, []string{"AWS_ENDPOINT_URL_SSO=http://127.0.0.1:1"}, "list the accounts"},
		{"token revoked", func() {
			token := readCache(t, h.cacheFile(corpTokenFile))["accessToken"].(string)
			req, _ := http.NewRequest(http.MethodPost, h.srv.URL+"/logout", nil)
			req.Header.Set("x-amz-sso_bearer_token", token)
			if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
				t.Fatalf("revoke: %v %v", resp, err)
			}
		}, nil, "sign in again"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.setup()
			res := h.runEnv(t, append(tc.env, "AWS_MAX_ATTEMPTS=2"), "accounts", "corp", "--refresh")
			if res.code != 1 || res.stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q", res.code, res.stdout, res.stderr)
			}
			if lines := strings.Count(strings.TrimSpace(res.stderr), "\n") + 1; lines != 1 || !strings.Contains(res.stderr, tc.want) {
				t.Errorf("stderr is not one line with %q:\n%s", tc.want, res.stderr)
			}
		})
	}
}
