package idctest_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"

	"github.com/ssotray/ssotray/flow/idctest"
)

const formType = "application/x-www-form-urlencoded"

func mustContain(t *testing.T, body []byte, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(string(body), p) {
			t.Errorf("page lacks %q:\n%s", p, body)
		}
	}
}

func TestDevicePageApprove(t *testing.T) {
	s := newServer(t)
	c := oidcClient(s, 1)
	reg := register(t, c, scopeAccount)
	dev := startDevice(t, c, reg)
	code := aws.ToString(dev.UserCode)

	page := do(t, "GET", aws.ToString(dev.VerificationUriComplete), "", "", nil)
	if page.status != 200 || !strings.HasPrefix(page.header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET page = %d %s", page.status, page.header.Get("Content-Type"))
	}
	mustContain(t, page.body,
		"<title>Local Identity Center — authorize device</title>",
		"Local test server", code, "idctest-test", startURL,
		`method="post" action="/device"`, `name="user_code" value="`+code+`"`,
		`value="approve">Approve</button>`, `value="deny">Deny</button>`)
	// The time left reads as the app says it ("9 m 59 s"), not Go's "9m59s".
	if !regexp.MustCompile(`<dd>in \d{1,2} m \d{1,2} s</dd>`).Match(page.body) {
		t.Errorf("page does not give the time left as the app does:\n%s", page.body)
	}
	for _, external := range []string{"<script", "src=", "href=\"http"} {
		if strings.Contains(string(page.body), external) {
			t.Errorf("page is not self-contained: contains %q", external)
		}
	}

	r := do(t, "POST", s.URL+"/device", formType, url.Values{"user_code": {code}, "action": {"approve"}}.Encode(), nil)
	if r.status != 200 {
		t.Fatalf("POST approve = %d", r.status)
	}
	mustContain(t, r.body, "Request approved — you can return to ssotray")
	if req := s.Requests()[len(s.Requests())-1]; req.Op != idctest.OpDevicePage || req.Body["action"] != "approve" {
		t.Errorf("recorded form post = %+v", req)
	}

	if _, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode)); err != nil {
		t.Fatalf("poll after the page approved: %v", err)
	}
	// Revisiting the page shows the outcome, not the buttons.
	again := do(t, "GET", aws.ToString(dev.VerificationUriComplete), "", "", nil)
	mustContain(t, again.body, "Request approved")
	if strings.Contains(string(again.body), "<button") {
		t.Error("a used code still shows buttons")
	}
}

func TestDevicePageDeny(t *testing.T) {
	s := newServer(t)
	c := oidcClient(s, 1)
	reg := register(t, c)
	dev := startDevice(t, c, reg)
	// Lower case without the dash, as a person might type it.
	typed := strings.ToLower(strings.ReplaceAll(aws.ToString(dev.UserCode), "-", ""))
	r := do(t, "POST", s.URL+"/device", formType, url.Values{"user_code": {typed}, "action": {"deny"}}.Encode(), nil)
	mustContain(t, r.body, "Request denied")
	_, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode))
	wantErrorAs[*types.AccessDeniedException](t, err)
}

func TestDevicePageStates(t *testing.T) {
	clock := newClock()
	s := newServer(t, withClock(clock))
	c := oidcClient(s, 1)
	dev := startDevice(t, c, register(t, c))

	tests := []struct {
		name, query string
		status      int
		want        []string
	}{
		{"no code", "", 200, []string{`id="user_code"`, `placeholder="ABCD-EFGH"`}},
		{"unknown code", "?user_code=ZZZZ-ZZZZ", 404, []string{"Unknown code", `value="ZZZZ-ZZZZ"`}},
		{"escaped input", "?user_code=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 404, []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "GET", s.URL+"/device"+tt.query, "", "", nil)
			if r.status != tt.status {
				t.Errorf("status = %d, want %d", r.status, tt.status)
			}
			mustContain(t, r.body, tt.want...)
			if strings.Contains(string(r.body), "<script>") {
				t.Error("unescaped input on the page")
			}
		})
	}
	t.Run("expired", func(t *testing.T) {
		clock.Advance(11 * time.Minute)
		r := do(t, "POST", s.URL+"/device", formType,
			url.Values{"user_code": {aws.ToString(dev.UserCode)}, "action": {"approve"}}.Encode(), nil)
		if r.status != http.StatusGone {
			t.Errorf("status = %d, want 410", r.status)
		}
		mustContain(t, r.body, "has expired")
	})
}

// pkceClient registers the way AWS CLI v2 does for the authorization-code
// flow (spec §2).
func pkceClient(t *testing.T, c *ssooidc.Client) registration {
	t.Helper()
	out, err := c.RegisterClient(context.Background(), &ssooidc.RegisterClientInput{
		ClientName:   aws.String("botocore-client-my-sso"),
		ClientType:   aws.String("public"),
		Scopes:       []string{scopeAccount},
		GrantTypes:   []string{"authorization_code", "refresh_token"},
		RedirectUris: []string{"http://127.0.0.1/oauth/callback"},
		IssuerUrl:    aws.String(startURL),
	})
	if err != nil {
		t.Fatal(err)
	}
	return registration{aws.ToString(out.ClientId), aws.ToString(out.ClientSecret)}
}

func authorizeURL(s *idctest.Server, clientID, redirect, verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return s.URL + "/authorize?" + url.Values{
		"response_type":         {"code"},
		"client_id":             {clientID},
		"redirect_uri":          {redirect},
		"state":                 {"st-123"},
		"code_challenge_method": {"S256"},
		"scopes":                {scopeAccount},
		"code_challenge":        {base64.RawURLEncoding.EncodeToString(sum[:])},
	}.Encode()
}

func TestAuthorizationCodePKCE(t *testing.T) {
	s := newServer(t, func(o *idctest.Options) { o.AutoApprove = 0 })
	c := oidcClient(s, 1)
	reg := pkceClient(t, c)
	const redirect = "http://127.0.0.1:45678/oauth/callback"
	verifier := strings.Repeat("v", 64)

	r := do(t, "GET", authorizeURL(s, reg.id, redirect, verifier), "", "", nil)
	if r.status != http.StatusFound {
		t.Fatalf("GET /authorize = %d %s", r.status, r.body)
	}
	loc, err := url.Parse(r.header.Get("Location"))
	if err != nil || loc.Host != "127.0.0.1:45678" || loc.Path != "/oauth/callback" || loc.Query().Get("state") != "st-123" {
		t.Fatalf("Location = %q", r.header.Get("Location"))
	}
	code := loc.Query().Get("code")

	exchange := func(verifier string) (*ssooidc.CreateTokenOutput, error) {
		return c.CreateToken(context.Background(), &ssooidc.CreateTokenInput{
			ClientId: aws.String(reg.id), ClientSecret: aws.String(reg.secret),
			GrantType: aws.String("authorization_code"), Code: aws.String(code),
			RedirectUri: aws.String(redirect), CodeVerifier: aws.String(verifier),
		})
	}
	_, err = exchange(strings.Repeat("w", 64))
	wantErrorAs[*types.InvalidGrantException](t, err)
	tok, err := exchange(verifier)
	if err != nil {
		t.Fatalf("CreateToken(authorization_code): %v", err)
	}
	if aws.ToString(tok.RefreshToken) == "" || !s.AccessTokenValid(aws.ToString(tok.AccessToken)) {
		t.Error("PKCE sign-in gave no refresh token or an invalid access token")
	}
	_, err = exchange(verifier)
	wantErrorAs[*types.InvalidGrantException](t, err) // codes are single use
	if _, err := refreshToken(c, reg, aws.ToString(tok.RefreshToken)); err != nil {
		t.Errorf("refresh after PKCE: %v", err)
	}

	// A device-flow registration cannot use /authorize.
	devReg := register(t, c, scopeAccount)
	bad := do(t, "GET", authorizeURL(s, devReg.id, redirect, verifier), "", "", nil)
	if bad.status != http.StatusBadRequest {
		t.Errorf("authorize with an unregistered redirect_uri = %d, want 400", bad.status)
	}
}

func TestAuthorizePage(t *testing.T) {
	for _, action := range []string{"approve", "deny"} {
		t.Run(action, func(t *testing.T) {
			s := newServer(t)
			c := oidcClient(s, 1)
			reg := pkceClient(t, c)
			const redirect = "http://127.0.0.1:45678/oauth/callback"
			page := do(t, "GET", authorizeURL(s, reg.id, redirect, strings.Repeat("v", 64)), "", "", nil)
			if page.status != 200 {
				t.Fatalf("GET /authorize = %d", page.status)
			}
			mustContain(t, page.body, "Authorize application", "botocore-client-my-sso", `name="request" value="ar-000001"`)

			r := do(t, "POST", s.URL+"/authorize", formType, url.Values{"request": {"ar-000001"}, "action": {action}}.Encode(), nil)
			if r.status != http.StatusSeeOther {
				t.Fatalf("POST /authorize = %d", r.status)
			}
			loc, _ := url.Parse(r.header.Get("Location"))
			q := loc.Query()
			if q.Get("state") != "st-123" {
				t.Errorf("state = %q", q.Get("state"))
			}
			switch action {
			case "approve":
				if q.Get("code") == "" || q.Get("error") != "" {
					t.Errorf("approve redirect = %s", loc)
				}
			case "deny":
				if q.Get("error") != "access_denied" || q.Get("code") != "" {
					t.Errorf("deny redirect = %s", loc)
				}
			}
			again := do(t, "POST", s.URL+"/authorize", formType, url.Values{"request": {"ar-000001"}, "action": {action}}.Encode(), nil)
			if again.status != http.StatusNotFound {
				t.Errorf("second decision = %d, want 404", again.status)
			}
		})
	}
}

func TestAuthorizeScripted(t *testing.T) {
	const redirect = "http://127.0.0.1:45678/oauth/callback"
	tests := []struct {
		behaviour  string
		wantStatus int
		check      func(t *testing.T, q url.Values, body string)
	}{
		{"deny", http.StatusFound, func(t *testing.T, q url.Values, _ string) {
			if q.Get("error") != "access_denied" || q.Get("code") != "" || q.Get("state") != "st-123" {
				t.Errorf("deny redirect query = %v", q)
			}
		}},
		{"wrong-state", http.StatusFound, func(t *testing.T, q url.Values, _ string) {
			if q.Get("code") == "" || q.Get("state") == "st-123" || q.Get("state") == "" {
				t.Errorf("wrong-state redirect query = %v", q)
			}
		}},
		{"never", http.StatusOK, func(t *testing.T, _ url.Values, body string) {
			mustContain(t, []byte(body), "will not send you back")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.behaviour, func(t *testing.T) {
			b, err := idctest.ParseAuthorizeBehaviour(tt.behaviour)
			if err != nil {
				t.Fatal(err)
			}
			s := newServer(t)
			s.ScriptAuthorize(b)
			reg := pkceClient(t, oidcClient(s, 1))
			r := do(t, "GET", authorizeURL(s, reg.id, redirect, strings.Repeat("v", 64)), "", "", nil)
			if r.status != tt.wantStatus {
				t.Fatalf("GET /authorize = %d, want %d", r.status, tt.wantStatus)
			}
			loc, _ := url.Parse(r.header.Get("Location"))
			tt.check(t, loc.Query(), string(r.body))
		})
	}
	if _, err := idctest.ParseAuthorizeBehaviour("sometimes"); err == nil {
		t.Error("an unknown behaviour parsed")
	}
}
