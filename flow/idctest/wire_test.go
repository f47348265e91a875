package idctest_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/ssotray/ssotray/flow/idctest"
)

const oidcNS = ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"

// rawSignIn registers and starts a device authorization over plain HTTP.
func rawSignIn(t *testing.T, s *idctest.Server, scopes ...string) (clientID, secret, deviceCode string) {
	t.Helper()
	body := map[string]any{"clientName": "raw", "clientType": "public"}
	if len(scopes) > 0 {
		body["scopes"] = scopes
	}
	reg := postJSON(t, s, "/client/register", body).json(t)
	clientID, secret = reg["clientId"].(string), reg["clientSecret"].(string)
	dev := postJSON(t, s, "/device_authorization", map[string]any{
		"clientId": clientID, "clientSecret": secret, "startUrl": startURL,
	}).json(t)
	return clientID, secret, dev["deviceCode"].(string)
}

func TestOIDCErrorWireFormat(t *testing.T) {
	s := newServer(t)
	id, secret, deviceCode := rawSignIn(t, s, scopeAccount)
	poll := map[string]any{
		"clientId": id, "clientSecret": secret, "deviceCode": deviceCode,
		"grantType": "urn:ietf:params:oauth:grant-type:device_code",
	}
	with := func(m map[string]any, k string, v any) map[string]any {
		c := map[string]any{}
		for kk, vv := range m {
			c[kk] = vv
		}
		c[k] = v
		return c
	}
	tests := []struct {
		name, path string
		body       any
		status     int
		shape      string
		code       string
	}{
		{"pending", "/token", poll, 400, "AuthorizationPendingException", "authorization_pending"},
		{"unknown device code", "/token", with(poll, "deviceCode", "nope"), 400, "InvalidGrantException", "invalid_grant"},
		{"wrong secret", "/token", with(poll, "clientSecret", "nope"), 401, "InvalidClientException", "invalid_client"},
		{"unsupported grant", "/token", with(poll, "grantType", "password"), 400, "UnsupportedGrantTypeException", "unsupported_grant_type"},
		{"missing grant type", "/token", with(poll, "grantType", ""), 400, "InvalidRequestException", "invalid_request"},
		{"refresh without token", "/token", with(poll, "grantType", "refresh_token"), 400, "InvalidRequestException", "invalid_request"},
		{"bad JSON type", "/token", with(poll, "clientId", 42), 400, "InvalidRequestException", "invalid_request"},
		{"confidential client", "/client/register", map[string]any{"clientName": "x", "clientType": "confidential"},
			400, "InvalidClientMetadataException", "invalid_client_metadata"},
		{"register without name", "/client/register", map[string]any{"clientType": "public"},
			400, "InvalidRequestException", "invalid_request"},
		{"start with unknown client", "/device_authorization", map[string]any{"clientId": "cid-9", "clientSecret": "x", "startUrl": startURL},
			401, "InvalidClientException", "invalid_client"},
		{"start without startUrl", "/device_authorization", map[string]any{"clientId": id, "clientSecret": secret},
			400, "InvalidRequestException", "invalid_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := postJSON(t, s, tt.path, tt.body)
			if r.status != tt.status {
				t.Errorf("status = %d, want %d", r.status, tt.status)
			}
			if got := r.header.Get("X-Amzn-Errortype"); got != tt.shape+oidcNS {
				t.Errorf("x-amzn-ErrorType = %q, want %q", got, tt.shape+oidcNS)
			}
			if got := r.header.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type = %q", got)
			}
			if r.header.Get("X-Amzn-Requestid") == "" {
				t.Error("no x-amzn-RequestId")
			}
			m := r.json(t)
			if m["__type"] != tt.shape || m["error"] != tt.code {
				t.Errorf("body __type, error = %v, %v; want %s, %s", m["__type"], m["error"], tt.shape, tt.code)
			}
			if d, _ := m["error_description"].(string); d == "" {
				t.Errorf("error_description missing in %s", r.body)
			}
		})
	}
}

func TestPortalErrorWireFormat(t *testing.T) {
	s := newServer(t)
	token := s.SignInDirect(scopeAccount).AccessToken
	const ns = ":http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/"
	tests := []struct {
		name, method, target, token string
		status                      int
		shape, message              string
	}{
		{"no token", "GET", "/federation/credentials?role_name=ReadOnly&account_id=111111111111", "",
			401, "UnauthorizedException", "Session token not found or invalid"},
		{"bad token", "GET", "/assignment/accounts", "nope", 401, "UnauthorizedException", "Session token not found or invalid"},
		{"no access", "GET", "/federation/credentials?role_name=Billing&account_id=111111111111", token,
			403, "ForbiddenException", "No access"},
		{"missing role", "GET", "/federation/credentials?account_id=111111111111", token,
			400, "InvalidRequestException", "role_name and account_id are required"},
		{"max_result too large", "GET", "/assignment/accounts?max_result=101", token,
			400, "InvalidRequestException", "max_result must be between 1 and 100"},
		{"garbage next_token", "GET", "/assignment/roles?account_id=111111111111&next_token=bm9wZQ", token,
			400, "InvalidRequestException", "Invalid next_token"},
		{"logout with bad token", "POST", "/logout", "nope", 401, "UnauthorizedException", "Session token not found or invalid"},
		{"wrong method", "POST", "/assignment/accounts", token, 405, "MethodNotAllowedException", "Method not allowed"},
		{"unknown path", "GET", "/nope", token, 404, "UnknownOperationException", "No operation matches this method and path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Lower-case header name, as botocore sends it.
			r := do(t, tt.method, s.URL+tt.target, "", "", map[string]string{"x-amz-sso_bearer_token": tt.token})
			if r.status != tt.status {
				t.Errorf("status = %d, want %d", r.status, tt.status)
			}
			if got := r.header.Get("x-amzn-errortype"); got != tt.shape+ns {
				t.Errorf("x-amzn-ErrorType = %q, want %q", got, tt.shape+ns)
			}
			m := r.json(t)
			if m["__type"] != "com.amazonaws.switchboard.portal#"+tt.shape || m["message"] != tt.message {
				t.Errorf("body = %s", r.body)
			}
		})
	}
}

func TestSuccessWireFormat(t *testing.T) {
	s := newServer(t, func(o *idctest.Options) { o.OmitInterval = true })
	reg := postJSON(t, s, "/client/register", map[string]any{"clientName": "raw", "clientType": "public"})
	if reg.status != 200 || reg.header.Get("Content-Type") != "application/json" {
		t.Fatalf("register: %d %s", reg.status, reg.body)
	}
	m := reg.json(t)
	for _, k := range []string{"clientId", "clientSecret", "clientIdIssuedAt", "clientSecretExpiresAt"} {
		if _, ok := m[k]; !ok {
			t.Errorf("RegisterClient reply lacks %s: %s", k, reg.body)
		}
	}
	if v, _ := m["clientSecretExpiresAt"].(float64); v < 1e9 || v > 1e11 {
		t.Errorf("clientSecretExpiresAt = %v, want epoch seconds", m["clientSecretExpiresAt"])
	}

	dev := postJSON(t, s, "/device_authorization", map[string]any{
		"clientId": m["clientId"], "clientSecret": m["clientSecret"], "startUrl": startURL,
	}).json(t)
	if _, ok := dev["interval"]; ok {
		t.Errorf("interval present with OmitInterval: %v", dev)
	}
	if dev["expiresIn"] != float64(600) || !strings.HasPrefix(dev["verificationUriComplete"].(string), s.URL+"/device?user_code=") {
		t.Errorf("StartDeviceAuthorization reply = %v", dev)
	}

	token := s.SignInDirect(scopeAccount).AccessToken
	out := do(t, "POST", s.URL+"/logout", "", "", map[string]string{"X-Amz-Sso_bearer_token": token})
	if out.status != 200 || len(out.body) != 0 {
		t.Errorf("logout = %d %q, want 200 with an empty body", out.status, out.body)
	}
}

func TestBodyLimit(t *testing.T) {
	s := newServer(t)
	big := `{"clientName":"` + strings.Repeat("x", 1<<20) + `","clientType":"public"}`
	r := do(t, http.MethodPost, s.URL+"/client/register", "application/json", big, nil)
	if r.status != 400 || r.json(t)["__type"] != "InvalidRequestException" {
		t.Errorf("oversized body: %d %.200s", r.status, r.body)
	}
}

func TestRequestsRecorded(t *testing.T) {
	s := newServer(t)
	_, _, _ = rawSignIn(t, s, scopeAccount)
	reqs := s.Requests()
	if len(reqs) != 2 {
		t.Fatalf("len(Requests()) = %d, want 2", len(reqs))
	}
	r := reqs[0]
	if r.Op != idctest.OpRegisterClient || r.Method != "POST" || r.Path != "/client/register" || r.At.IsZero() {
		t.Errorf("request 0 = %+v", r)
	}
	if scopes, _ := r.Body["scopes"].([]any); len(scopes) != 1 || scopes[0] != scopeAccount {
		t.Errorf("recorded body = %v", r.Body)
	}
	if reqs[1].Op != idctest.OpStartDeviceAuthorization || reqs[1].Body["startUrl"] != startURL {
		t.Errorf("request 1 = %+v", reqs[1])
	}
}

func TestLogfHasNoSecrets(t *testing.T) {
	var (
		mu    sync.Mutex
		lines []string
	)
	s := idctest.NewServer(func(o *idctest.Options) {
		o.Logf = func(format string, args ...any) {
			mu.Lock()
			defer mu.Unlock()
			lines = append(lines, fmt.Sprintf(format, args...))
		}
		o.AutoApprove = 0
	})
	id, secret, deviceCode := rawSignIn(t, s, scopeAccount)
	tok := postJSON(t, s, "/token", map[string]any{
		"clientId": id, "clientSecret": secret, "deviceCode": deviceCode,
		"grantType": "urn:ietf:params:oauth:grant-type:device_code",
	}).json(t)
	access, _ := tok["accessToken"].(string)
	do(t, "GET", s.URL+"/assignment/accounts", "", "", map[string]string{"x-amz-sso_bearer_token": access})
	s.Close() // waits for the handlers, so lines is complete

	mu.Lock()
	defer mu.Unlock()
	if len(lines) != 4 {
		t.Fatalf("got %d log lines, want 4: %q", len(lines), lines)
	}
	secrets := []string{secret, deviceCode, access, tok["refreshToken"].(string)}
	for _, l := range lines {
		for _, sec := range secrets {
			if sec != "" && strings.Contains(l, sec) {
				t.Errorf("log line %q contains a secret", l)
			}
		}
	}
	if want := "idctest: POST /token CreateToken → 200"; lines[2] != want {
		t.Errorf("log line = %q, want %q", lines[2], want)
	}
}
