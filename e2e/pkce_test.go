package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/flow/idctest"
)

// browserLogin runs `ssotray login NAME --no-browser` and, once the page to
// open is printed, calls browse with it and the running command, as a
// person at a browser on this machine would.
func (h *home) browserLogin(t testing.TB, name string, browse func(page string, cmd *exec.Cmd)) result {
	t.Helper()
	return h.runWatching(t, nil, func(line string, cmd *exec.Cmd) {
		if page := strings.TrimSpace(line); strings.Contains(page, "/authorize?") && browse != nil {
			go browse(page, cmd)
		}
	}, "login", name, "--no-browser")
}

// follow is a browser: it opens page and follows Identity Center's redirect
// back to ssotray's listener, and returns the page it lands on.
func follow(t testing.TB, page string) (status int, body string) {
	resp, err := http.Get(page)
	if err != nil {
		t.Errorf("browser: %v", err)
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func autoApprove(o *idctest.Options) { o.AutoApprove = 0 }

func (h *home) registrations() int {
	n := 0
	for _, r := range h.srv.Requests() {
		if r.Op == idctest.OpRegisterClient {
			n++
		}
	}
	return n
}

func TestBrowserLoginThenRealReadersUseAndRefreshTheToken(t *testing.T) {
	// Tokens that live 5 minutes: inside botocore's refresh window.
	h := newHome(t, sessionConfig, autoApprove, func(o *idctest.Options) { o.AccessTokenTTL = 5 * time.Minute })
	landed := make(chan string, 1)
	res := h.browserLogin(t, "dev", func(page string, _ *exec.Cmd) {
		status, body := follow(t, page)
		if status != http.StatusOK {
			t.Errorf("the browser landed on HTTP %d", status)
		}
		landed <- body
	})
	if res.code != 0 {
		t.Fatalf("login exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	page := <-landed
	if !strings.Contains(page, "Signed in") || !strings.Contains(page, "You can close this tab") {
		t.Errorf("the browser's page:\n%s", page)
	}
	for _, want := range []string{"Open this page in a browser on this machine:", "/authorize?response_type=code&client_id=", "my-sso: signed in until "} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.stdout)
		}
	}
	if strings.Contains(res.stdout, "user_code") || strings.Contains(res.stdout, "▀") {
		t.Errorf("a browser sign-in showed a device code:\n%s", res.stdout)
	}
	// The same files as after a device sign-in, with the registration
	// marked for PKCE as the AWS CLI marks it.
	tok := readCache(t, h.cacheFile(sessionTokenFile))
	if want := []string{"accessToken", "clientId", "clientSecret", "expiresAt", "refreshToken", "region", "registrationExpiresAt", "startUrl"}; !slices.Equal(slices.Sorted(slices.Values(keys(tok))), want) {
		t.Errorf("token file keys = %v, want %v", keys(tok), want)
	}
	reg := readCache(t, h.cacheFile(sessionRegistrationFile))
	if g, ok := reg["grantTypes"].([]any); !ok || len(g) != 2 || g[0] != "authorization_code" || g[1] != "refresh_token" {
		t.Errorf("registration grantTypes = %v", reg["grantTypes"])
	}
	for _, page := range []string{page, res.stdout, res.stderr} {
		for _, secret := range []any{tok["accessToken"], tok["refreshToken"], tok["clientSecret"]} {
			if strings.Contains(page, secret.(string)) {
				t.Error("a secret shows in the output or the browser's page")
			}
		}
	}
	assertCacheModes(t, h)

	// botocore uses the token and refreshes it (5 minutes left).
	out := h.py(t, `
import boto3
c = boto3.Session(profile_name="dev").get_credentials()
print(c.method, c.get_frozen_credentials().access_key[:4])`)
	if out != "sso ASIA" {
		t.Fatalf("botocore: %q", out)
	}
	byBotocore := readCache(t, h.cacheFile(sessionTokenFile))
	if byBotocore["accessToken"] == tok["accessToken"] || byBotocore["refreshToken"] == tok["refreshToken"] {
		t.Error("botocore did not refresh the token of a browser sign-in")
	}

	// aws-sdk-go-v2 uses it, and refreshes it once it has expired.
	for _, kv := range h.env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("AWS_PROFILE", "dev")
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if creds, err := cfg.Credentials.Retrieve(context.Background()); err != nil || !strings.HasPrefix(creds.AccessKeyID, "ASIA") {
		t.Fatalf("Go SDK: %v (%q)", err, creds.AccessKeyID)
	}
	provider := ssocreds.NewSSOTokenProvider(ssooidc.NewFromConfig(cfg), h.cacheFile(sessionTokenFile), func(o *ssocreds.SSOTokenProviderOptions) {
		o.ClientOptions = append(o.ClientOptions, func(o *ssooidc.Options) { o.BaseEndpoint = aws.String(h.srv.URL) })
	})
	expired := byBotocore
	expired["expiresAt"] = time.Now().Add(-time.Minute).UTC().Format(time.RFC3339)
	writeJSON(t, h.cacheFile(sessionTokenFile), expired)
	if _, err := provider.RetrieveBearerToken(context.Background()); err != nil {
		t.Fatalf("Go SDK refresh: %v", err)
	}
	byGo := readCache(t, h.cacheFile(sessionTokenFile))
	if byGo["accessToken"] == byBotocore["accessToken"] || !h.srv.AccessTokenValid(byGo["accessToken"].(string)) {
		t.Error("aws-sdk-go-v2 did not refresh the token of a browser sign-in")
	}
}

func TestBrowserLoginReusesItsRegistrationAndTheDeviceCodeDoesNot(t *testing.T) {
	h := newHome(t, sessionConfig, autoApprove)
	browse := func(page string, _ *exec.Cmd) { follow(t, page) }
	for i := range 2 {
		if res := h.browserLogin(t, "dev", browse); res.code != 0 {
			t.Fatalf("browser login %d: %s", i+1, res.stderr)
		}
	}
	if n := h.registrations(); n != 1 {
		t.Errorf("RegisterClient calls after two browser sign-ins = %d, want 1", n)
	}
	// A device sign-in does not reuse the PKCE registration (the AWS CLI's
	// rule), registers its own and works.
	res := h.login(t, "dev", approve(h, t))
	if res.code != 0 {
		t.Fatalf("device login after browser logins: %s", res.stderr)
	}
	if n := h.registrations(); n != 2 {
		t.Errorf("RegisterClient calls after the device sign-in = %d, want 2", n)
	}
	reg := readCache(t, h.cacheFile(sessionRegistrationFile))
	if _, ok := reg["grantTypes"]; ok {
		t.Errorf("the device sign-in left a PKCE registration: %v", reg["grantTypes"])
	}
	if st := statusByName(t, h, "my-sso"); st.State != "signed-in" {
		t.Errorf("status after the device sign-in = %+v", st)
	}
}

// writeJSON replaces path with v, as another program would.
func writeJSON(t *testing.T, path string, v map[string]any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
