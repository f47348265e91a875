package idctest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/sso/types"

	"github.com/ssotray/ssotray/flow/idctest"
)

// roleCreds gets role credentials for the default account with the SDK.
func roleCreds(t *testing.T, s *idctest.Server, role string) *ssotypes.RoleCredentials {
	t.Helper()
	signed := s.SignInDirect(scopeAccount)
	out, err := ssoClient(s, 1).GetRoleCredentials(context.Background(), &sso.GetRoleCredentialsInput{
		AccessToken: aws.String(signed.AccessToken),
		AccountId:   aws.String(idctest.DefaultAccountID),
		RoleName:    aws.String(role),
	})
	if err != nil {
		t.Fatalf("GetRoleCredentials: %v", err)
	}
	return out.RoleCredentials
}

func sessionJSON(id, key, token string) string {
	b, _ := json.Marshal(map[string]string{"sessionId": id, "sessionKey": key, "sessionToken": token})
	return string(b)
}

func sessionOf(c *ssotypes.RoleCredentials) string {
	return sessionJSON(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken))
}

// postSigninToken asks for a sign-in token by form POST.
func postSigninToken(t *testing.T, s *idctest.Server, form url.Values) rawResponse {
	t.Helper()
	form.Set("Action", "getSigninToken")
	return do(t, http.MethodPost, s.URL+"/federation", formType, form.Encode(), nil)
}

func signinTokenOf(t *testing.T, r rawResponse) string {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("getSigninToken = %d %s", r.status, r.body)
	}
	tok, _ := r.json(t)["SigninToken"].(string)
	if tok == "" {
		t.Fatalf("no SigninToken in %s", r.body)
	}
	return tok
}

func loginURL(s *idctest.Server, token, destination string) string {
	return s.URL + "/federation?" + url.Values{
		"Action":      {"login"},
		"Issuer":      {startURL},
		"Destination": {destination},
		"SigninToken": {token},
	}.Encode()
}

const euDestination = "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"

func TestFederationConsolePage(t *testing.T) {
	var logMu sync.Mutex
	var logs []string
	s := newServer(t, func(o *idctest.Options) {
		o.Logf = func(format string, args ...any) {
			logMu.Lock()
			defer logMu.Unlock()
			logs = append(logs, fmt.Sprintf(format, args...))
		}
	})
	c := roleCreds(t, s, "Admin")
	tok := signinTokenOf(t, postSigninToken(t, s, url.Values{"Session": {sessionOf(c)}}))

	page := do(t, http.MethodGet, loginURL(s, tok, euDestination), "", "", nil)
	if page.status != http.StatusOK || !strings.HasPrefix(page.header.Get("Content-Type"), "text/html") {
		t.Fatalf("login page = %d %s", page.status, page.header.Get("Content-Type"))
	}
	mustContain(t, page.body,
		"<title>AWS console (local Identity Center)</title>",
		"Local test server", "ssotray demo",
		"in account Demo ("+idctest.DefaultAccountID+") as role Admin",
		"<dt>Region</dt><dd>eu-west-1</dd>",
		"https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1",
		startURL)
	for _, external := range []string{"<script", "src=", "href="} {
		if strings.Contains(string(page.body), external) {
			t.Errorf("page is not self-contained: contains %q", external)
		}
	}
	if page.header.Get("Referrer-Policy") != "no-referrer" || page.header.Get("Cache-Control") != "no-store" {
		t.Errorf("headers = %v, want no-referrer and no-store", page.header)
	}

	// The request log names paths only: no credential, token or query.
	logMu.Lock()
	defer logMu.Unlock()
	joined := strings.Join(logs, "\n")
	for _, secret := range []string{aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken), tok} {
		if strings.Contains(joined, secret) {
			t.Errorf("the request log holds a secret:\n%s", joined)
		}
	}
	if !strings.Contains(joined, "POST /federation Federation → 200") || !strings.Contains(joined, "GET /federation Federation → 200") {
		t.Errorf("request log =\n%s", joined)
	}
}

func TestFederationGetSigninTokenByGET(t *testing.T) {
	s := newServer(t)
	c := roleCreds(t, s, "ReadOnly")
	q := url.Values{"Action": {"getSigninToken"}, "SessionDuration": {"3600"}, "Session": {sessionOf(c)}}
	tok := signinTokenOf(t, do(t, http.MethodGet, s.URL+"/federation?"+q.Encode(), "", "", nil))
	page := do(t, http.MethodGet, loginURL(s, tok, euDestination), "", "", nil)
	mustContain(t, page.body, "as role ReadOnly", "3600 s asked")
	if last := s.Requests()[len(s.Requests())-1]; last.Op != idctest.OpFederation {
		t.Errorf("recorded op = %q, want %q", last.Op, idctest.OpFederation)
	}
}

func TestFederationGetSigninTokenRefuses(t *testing.T) {
	clock := newClock()
	s := newServer(t, withClock(clock))
	c := roleCreds(t, s, "Admin")
	id, key, token := aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken)
	tests := []struct {
		name string
		form url.Values
		want string
	}{
		{"unknown key ID", url.Values{"Session": {sessionJSON("ASIAUNKNOWN000000000", key, token)}}, "not valid"},
		{"wrong secret", url.Values{"Session": {sessionJSON(id, key+"x", token)}}, "not valid"},
		{"wrong session token", url.Values{"Session": {sessionJSON(id, key, "x"+token)}}, "not valid"},
		{"no Session", url.Values{}, "Session is missing"},
		{"Session not JSON", url.Values{"Session": {"id=" + id}}, "Session is missing"},
		{"SessionDuration too short", url.Values{"Session": {sessionOf(c)}, "SessionDuration": {"899"}}, "between 900 and 43200"},
		{"SessionDuration too long", url.Values{"Session": {sessionOf(c)}, "SessionDuration": {"43201"}}, "between 900 and 43200"},
		{"SessionDuration not a number", url.Values{"Session": {sessionOf(c)}, "SessionDuration": {"1h"}}, "between 900 and 43200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := postSigninToken(t, s, tt.form)
			if r.status != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400: %s", r.status, r.body)
			}
			if msg, _ := r.json(t)["message"].(string); !strings.Contains(msg, tt.want) {
				t.Errorf("message = %q, want one containing %q", msg, tt.want)
			}
		})
	}

	// The same credentials work before they expire and not after.
	signinTokenOf(t, postSigninToken(t, s, url.Values{"Session": {sessionOf(c)}, "SessionDuration": {"43200"}}))
	clock.Advance(idctest.DefaultRoleCredentialsTTL)
	if r := postSigninToken(t, s, url.Values{"Session": {sessionOf(c)}}); r.status != http.StatusBadRequest {
		t.Errorf("expired credentials: status = %d, want 400", r.status)
	}
}

func TestFederationLoginRefuses(t *testing.T) {
	clock := newClock()
	s := newServer(t, withClock(clock))
	tok := signinTokenOf(t, postSigninToken(t, s, url.Values{"Session": {sessionOf(roleCreds(t, s, "Admin"))}}))

	tests := []struct {
		name, method, url string
		status            int
		want              string
	}{
		{"unknown token", http.MethodGet, loginURL(s, "nope", euDestination), 400, "not valid or has expired"},
		{"no Destination", http.MethodGet, loginURL(s, tok, ""), 400, "no Destination"},
		{"login by POST", http.MethodPost, loginURL(s, tok, euDestination), 400, "Unsupported Action"},
		{"unknown Action", http.MethodGet, s.URL + "/federation?Action=logout", 400, "Unsupported Action"},
		{"other method", http.MethodPut, loginURL(s, tok, euDestination), 405, "Method not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.method, tt.url, "", "", nil)
			if r.status != tt.status {
				t.Errorf("status = %d, want %d", r.status, tt.status)
			}
			mustContain(t, r.body, tt.want)
			if strings.Contains(string(r.body), "in account") {
				t.Error("a refused login names the account")
			}
		})
	}

	t.Run("escaped destination", func(t *testing.T) {
		r := do(t, http.MethodGet, loginURL(s, tok, "https://x.example/<script>alert(1)</script>"), "", "", nil)
		mustContain(t, r.body, "&lt;script&gt;alert(1)&lt;/script&gt;")
		if strings.Contains(string(r.body), "<script>") {
			t.Error("unescaped Destination on the page")
		}
	})
	t.Run("token expires after 15 minutes", func(t *testing.T) {
		clock.Advance(15 * time.Minute)
		r := do(t, http.MethodGet, loginURL(s, tok, euDestination), "", "", nil)
		if r.status != http.StatusBadRequest {
			t.Errorf("status = %d, want 400", r.status)
		}
		mustContain(t, r.body, "<title>AWS console (local Identity Center)</title>", "has expired")
	})
}
