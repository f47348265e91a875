//go:build unix

// These checks run the machine's Python (botocore, and the AWS CLI v1 on it).
// The Windows suite runs under Wine, which has no Windows Python, so they
// build for Unix only.

package idctest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow/idctest"
)

// python3 returns the interpreter or fails: these checks are the proof that
// real clients parse the server, so CI must have python3 and botocore.
func python3(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 not found: the botocore compatibility checks need python3 with botocore " +
			"(for example `pip install botocore==1.43.11`)")
	}
	return p
}

// cleanEnv is the test's environment without AWS_* variables, plus extra, so
// that the developer's profile and endpoints cannot leak in.
func cleanEnv(home string, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "AWS_") || strings.HasPrefix(kv, "HOME=") || strings.HasPrefix(kv, "USERPROFILE=") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"HOME="+home,
		"AWS_CONFIG_FILE="+filepath.Join(home, ".aws", "config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(home, ".aws", "credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
	)
	return append(env, extra...)
}

// run executes a command with a timeout and returns its combined output,
// failing the test with that output when it exits non-zero.
func run(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 3 {
		t.Fatalf("botocore is missing for %s (install it, for example `pip install botocore==1.43.11`):\n%s", name, out.String())
	}
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out.String())
	}
	return out.String()
}

// TestBotocore runs testdata/botocore_check.py: every OIDC and portal
// operation and error through botocore's real clients and the web page.
func TestBotocore(t *testing.T) {
	t.Parallel()
	py := python3(t)
	s := newServer(t)
	s.QueueTokenErrors("slow_down", "expired_token", "access_denied", "invalid_grant", "invalid_client", "server_error")
	s.InjectFault(idctest.OpListAccounts, idctest.Fault{Status: 429})

	out := run(t, cleanEnv(t.TempDir(), "IDC_URL="+s.URL), py, filepath.Join("testdata", "botocore_check.py"))
	if !strings.Contains(out, "botocore checks passed") {
		t.Fatalf("unexpected output:\n%s", out)
	}
	t.Log(strings.TrimSpace(out))

	var ua string
	for _, r := range s.Requests() {
		if r.Op == idctest.OpRegisterClient {
			ua = r.Header.Get("User-Agent")
		}
	}
	if !strings.Contains(ua, "Botocore/") {
		t.Errorf("RegisterClient User-Agent = %q, want botocore's", ua)
	}
	if n := countOps(s, idctest.OpListAccounts); n != 3 {
		t.Errorf("ListAccounts calls = %d, want 3 (429, listing, after logout)", n)
	}
}

// TestBotocoreSSOProvider resolves role credentials the way boto3 and the AWS
// CLI do, through AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO: botocore
// refreshes a token with under 15 minutes left (spec §3.6), rewrites the
// cache and calls GetRoleCredentials with the new token.
func TestBotocoreSSOProvider(t *testing.T) {
	t.Parallel()
	py := python3(t)
	s := newServer(t)
	issued := s.SignInDirect("sso:account:access")
	issued.ExpiresAt = time.Now().UTC().Add(5 * time.Minute).Truncate(time.Second)
	home, cacheFile := writeSSOHome(t, issued)

	const script = `
import botocore.session
c = botocore.session.Session().get_credentials()
f = c.get_frozen_credentials()
print(c.method, f.access_key[:4])
`
	env := cleanEnv(home, "AWS_PROFILE=dev", "AWS_ENDPOINT_URL_SSO_OIDC="+s.URL, "AWS_ENDPOINT_URL_SSO="+s.URL)
	out := run(t, env, py, "-c", script)
	if strings.TrimSpace(out) != "sso ASIA" {
		t.Fatalf("output = %q, want \"sso ASIA\"", out)
	}

	cache := readCache(t, cacheFile)
	if cache["accessToken"] == issued.AccessToken || !s.AccessTokenValid(cache["accessToken"]) {
		t.Error("botocore did not store a new, valid access token")
	}
	if cache["refreshToken"] == issued.RefreshToken || !s.RefreshTokenValid(cache["refreshToken"]) {
		t.Error("botocore did not store the rotated refresh token")
	}
	if s.RefreshTokenValid(issued.RefreshToken) {
		t.Error("the old refresh token is still valid")
	}
	if want := issued.RegistrationExpiresAt.Format("2006-01-02T15:04:05Z"); cache["registrationExpiresAt"] != want {
		t.Errorf("registrationExpiresAt = %q, want %q unchanged", cache["registrationExpiresAt"], want)
	}
	var ops []string
	for _, r := range s.Requests() {
		ops = append(ops, r.Op)
		if r.Op == idctest.OpGetRoleCredentials && r.BearerToken != cache["accessToken"] {
			t.Error("GetRoleCredentials did not use the refreshed token")
		}
	}
	if got := strings.Join(ops, ","); got != "CreateToken,GetRoleCredentials" {
		t.Errorf("operations = %s, want CreateToken,GetRoleCredentials", got)
	}
}

// TestAWSCLIv1 lists accounts with the AWS CLI v1 (a botocore program with its
// own pagination); this project's machines ship it beside botocore.
func TestAWSCLIv1(t *testing.T) {
	t.Parallel()
	aws, err := exec.LookPath("aws")
	if err != nil {
		t.Fatalf("the AWS CLI (v1, from the machine's Python) is not on PATH: %v", err)
	}
	s := newServer(t, func(o *idctest.Options) { o.Accounts = manyAccounts(3) })
	token := s.SignInDirect().AccessToken
	env := cleanEnv(t.TempDir(), "AWS_ENDPOINT_URL_SSO="+s.URL)
	out := run(t, env, aws, "sso", "list-accounts", "--access-token", token, "--region", "us-east-1",
		"--page-size", "1", "--output", "json")
	var got struct {
		AccountList []struct {
			AccountID string `json:"accountId"`
		} `json:"accountList"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("aws output %q: %v", out, err)
	}
	if len(got.AccountList) != 3 || countOps(s, idctest.OpListAccounts) != 3 {
		t.Errorf("accounts = %d over %d calls, want 3 over 3 pages", len(got.AccountList), countOps(s, idctest.OpListAccounts))
	}
}
