package flow_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
)

const authorizeBase = "https://oidc.eu-west-1.amazonaws.com"

// browserSignIn is one browser sign-in under test: a scripted Identity
// Center, a store, a clock that only moves when told, and the attempt.
type browserSignIn struct {
	api     *flowtest.OIDC
	store   *flowtest.Store
	clock   *flowtest.ManualClock
	attempt *flow.Attempt
	// waiting is the AwaitingUser state, with the page to open.
	waiting flow.State
}

func startBrowserSignIn(t *testing.T, api *flowtest.OIDC, store *flowtest.Store, optFns ...func(*flow.Options)) *browserSignIn {
	t.Helper()
	b := &browserSignIn{api: api, store: store, clock: flowtest.NewManualClock(t0)}
	f := flow.New(api, store, append([]func(*flow.Options){func(o *flow.Options) {
		o.Clock = b.clock
		o.AuthorizeEndpoint = authorizeBase
	}}, optFns...)...)
	b.attempt = f.Start(context.Background(), corp, flow.AuthCode)
	t.Cleanup(b.attempt.Cancel)
	for st := range b.attempt.Subscribe() {
		if st.Phase == flow.AwaitingUser {
			b.waiting = st
			return b
		}
		if st.Phase.Done() {
			t.Fatalf("ended before waiting for the browser: %v", st.Err)
		}
	}
	t.Fatal("the attempt ended without a state")
	return nil
}

// query is the authorize page's query.
func (b *browserSignIn) query(t *testing.T) url.Values {
	t.Helper()
	u, err := url.Parse(b.waiting.AuthorizeURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// come back plays the browser returning from Identity Center with query.
func (b *browserSignIn) comeBack(t *testing.T, query url.Values) (status int, page string) {
	t.Helper()
	resp, err := http.Get(b.query(t).Get("redirect_uri") + "?" + query.Encode())
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func (b *browserSignIn) withState(t *testing.T, kv ...string) url.Values {
	v := url.Values{"state": {b.query(t).Get("state")}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

func pkceOIDC() *flowtest.OIDC {
	return &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		TokenReplies:    []tokenReply{granted()},
	}
}

func TestBrowserSignIn(t *testing.T) {
	store := flowtest.NewStore()
	b := startBrowserSignIn(t, pkceOIDC(), store)

	// Registered as the AWS CLI registers for PKCE (spec §2.1).
	reg := b.api.Registers[0]
	if !slices.Equal(reg.GrantTypes, []string{"authorization_code", "refresh_token"}) ||
		!slices.Equal(reg.RedirectUris, []string{"http://127.0.0.1/oauth/callback"}) ||
		aws.ToString(reg.IssuerUrl) != corp.StartURL || aws.ToString(reg.ClientType) != "public" ||
		!slices.Equal(reg.Scopes, []string{"sso:account:access"}) {
		t.Errorf("RegisterClient = grants %v, redirects %v, issuer %q, type %q, scopes %v",
			reg.GrantTypes, reg.RedirectUris, aws.ToString(reg.IssuerUrl), aws.ToString(reg.ClientType), reg.Scopes)
	}

	// The page: the CLI's parameters in its order, on the OIDC endpoint.
	pattern := `^` + regexp.QuoteMeta(authorizeBase) + `/authorize\?response_type=code&client_id=cid-1` +
		`&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A[0-9]+%2Foauth%2Fcallback` +
		`&state=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}` +
		`&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=[A-Za-z0-9_-]{43}$`
	if !regexp.MustCompile(pattern).MatchString(b.waiting.AuthorizeURL) {
		t.Errorf("authorize URL %s\ndoes not match %s", b.waiting.AuthorizeURL, pattern)
	}
	if b.waiting.Method != flow.AuthCode || !b.waiting.CodeExpiresAt.Equal(t0.Add(10*time.Minute)) {
		t.Errorf("waiting state: method %v, waits until %v", b.waiting.Method, b.waiting.CodeExpiresAt)
	}

	status, page := b.comeBack(t, b.withState(t, "code", "AUTH-CODE-SECRET"))
	tok, err := b.attempt.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if status != http.StatusOK || !strings.Contains(page, "Signed in") || !strings.Contains(page, "signed you in to corp") {
		t.Errorf("the browser's page: HTTP %d\n%s", status, page)
	}
	for _, secret := range []string{"AUTH-CODE-SECRET", "ACCESS-SECRET", b.query(t).Get("state")} {
		if strings.Contains(page, secret) {
			t.Errorf("the browser's page shows %q", secret)
		}
	}

	// Redeemed with the verifier behind the challenge, and the redirect URI
	// with its port.
	in := b.api.Tokens[0]
	sum := sha256.Sum256([]byte(aws.ToString(in.CodeVerifier)))
	if got, want := base64.RawURLEncoding.EncodeToString(sum[:]), b.query(t).Get("code_challenge"); got != want {
		t.Errorf("S256(verifier) = %s, the challenge sent was %s", got, want)
	}
	if !regexp.MustCompile(`^[A-Za-z0-9._~-]{64}$`).MatchString(aws.ToString(in.CodeVerifier)) {
		t.Errorf("verifier %q is not 64 unreserved characters", aws.ToString(in.CodeVerifier))
	}
	if aws.ToString(in.GrantType) != "authorization_code" || aws.ToString(in.Code) != "AUTH-CODE-SECRET" ||
		aws.ToString(in.RedirectUri) != b.query(t).Get("redirect_uri") || aws.ToString(in.ClientSecret) != "CLIENT-SECRET" {
		t.Errorf("CreateToken = grant %q, code %q, redirect %q", aws.ToString(in.GrantType), aws.ToString(in.Code), aws.ToString(in.RedirectUri))
	}
	saved, _ := store.Token("corp")
	if saved.AccessToken != "ACCESS-SECRET" || saved.RefreshToken != "REFRESH-SECRET" || tok.ClientID != "cid-1" ||
		!saved.ExpiresAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("stored %#v", saved)
	}
	r := store.Registrations["corp"]
	if !slices.Equal(r.GrantTypes, []string{"authorization_code", "refresh_token"}) {
		t.Errorf("cached registration's grant types = %v", r.GrantTypes)
	}
	assertClosed(t, b)
}

// assertClosed checks that the listener accepts nothing once the sign-in is over.
func assertClosed(t *testing.T, b *browserSignIn) {
	t.Helper()
	u, _ := url.Parse(b.query(t).Get("redirect_uri"))
	if c, err := net.Dial("tcp", u.Host); err == nil {
		c.Close()
		t.Errorf("the listener on %s still accepts connections after the sign-in", u.Host)
	}
}

func TestBrowserSignInIgnoresAWrongState(t *testing.T) {
	b := startBrowserSignIn(t, pkceOIDC(), flowtest.NewStore())
	forged := url.Values{"state": {"0f6c5a0e-0000-4000-8000-000000000000"}, "code": {"FORGED"}}
	status, page := b.comeBack(t, forged)
	if status != http.StatusBadRequest || !strings.Contains(page, "not the sign-in ssotray is waiting for") {
		t.Errorf("a return with the wrong state: HTTP %d\n%s", status, page)
	}
	// An error with the wrong state does not end the sign-in either.
	b.comeBack(t, url.Values{"state": {"nope"}, "error": {"access_denied"}})
	select {
	case <-b.attempt.Done():
		_, err := b.attempt.Wait()
		t.Fatalf("the sign-in ended on a return with the wrong state: %v", err)
	default:
	}
	if status, _ := b.comeBack(t, b.withState(t, "code", "RIGHT")); status != http.StatusOK {
		t.Errorf("the right return after a wrong one: HTTP %d", status)
	}
	if _, err := b.attempt.Wait(); err != nil {
		t.Fatal(err)
	}
	if n := len(b.api.Tokens); n != 1 || aws.ToString(b.api.Tokens[0].Code) != "RIGHT" {
		t.Errorf("CreateToken calls: %d, the first with %q", n, aws.ToString(b.api.Tokens[0].Code))
	}
}

func TestBrowserSignInRefusesOtherHosts(t *testing.T) {
	b := startBrowserSignIn(t, pkceOIDC(), flowtest.NewStore())
	u, _ := url.Parse(b.query(t).Get("redirect_uri"))
	u.RawQuery = b.withState(t, "code", "X").Encode()
	req, _ := http.NewRequest(http.MethodGet, u.String(), nil)
	req.Host = "attacker.example:" + u.Port() // DNS rebinding
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("a request for another host: HTTP %d", resp.StatusCode)
	}
	if len(b.api.Tokens) != 0 {
		t.Error("a request for another host redeemed its code")
	}
}

func TestBrowserSignInFailures(t *testing.T) {
	earlier := flow.Token{AccessToken: "EARLIER", ExpiresAt: t0.Add(time.Minute)}
	tests := []struct {
		name     string
		act      func(t *testing.T, b *browserSignIn) (page string)
		replies  []tokenReply
		wantErr  error
		wantText string
	}{
		{
			name: "denied in the browser",
			act: func(t *testing.T, b *browserSignIn) string {
				_, page := b.comeBack(t, b.withState(t, "error", "access_denied"))
				return page
			},
			wantErr: flow.ErrDenied, wantText: "sign-in was denied in the browser",
		},
		{
			name: "another error from the page",
			act: func(t *testing.T, b *browserSignIn) string {
				_, page := b.comeBack(t, b.withState(t, "error", "invalid_scope", "error_description", "Scope\x1b[31m not allowed"))
				return page
			},
			wantText: "the sign-in page refused: Scope [31m not allowed (invalid_scope)",
		},
		{
			name: "no code",
			act: func(t *testing.T, b *browserSignIn) string {
				_, page := b.comeBack(t, b.withState(t))
				return page
			},
			wantText: "without an authorization code",
		},
		{
			name: "the code is refused",
			act: func(t *testing.T, b *browserSignIn) string {
				_, page := b.comeBack(t, b.withState(t, "code", "USED"))
				return page
			},
			replies:  []tokenReply{{Err: &types.InvalidGrantException{}}},
			wantText: "refused the grant",
		},
		{
			name: "no return before the timeout",
			act: func(t *testing.T, b *browserSignIn) string {
				b.clock.AwaitWaiters(1)
				b.clock.Advance(10*time.Minute - time.Second)
				select {
				case <-b.attempt.Done():
					t.Fatal("ended a second before the timeout")
				default:
				}
				b.clock.Advance(time.Second)
				return ""
			},
			wantErr: flow.ErrCallbackTimeout, wantText: "did not come back",
		},
		{
			name: "cancelled",
			act: func(t *testing.T, b *browserSignIn) string {
				b.attempt.Cancel()
				return ""
			},
			wantErr: context.Canceled,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := flowtest.NewStore()
			store.SetToken("corp", earlier)
			api := pkceOIDC()
			if tt.replies != nil {
				api.TokenReplies = tt.replies
			}
			b := startBrowserSignIn(t, api, store)
			page := tt.act(t, b)
			_, err := b.attempt.Wait()
			if err == nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("err = %v, want %v containing %q", err, tt.wantErr, tt.wantText)
			}
			if st := b.attempt.State(); st.Phase != flow.Failed && !(tt.wantErr == context.Canceled && st.Phase == flow.Cancelled) {
				t.Errorf("final phase %v", st.Phase)
			}
			if page != "" && (!strings.Contains(page, "Sign-in did not finish") || !strings.Contains(page, "You can close this tab")) {
				t.Errorf("the browser's page:\n%s", page)
			}
			if got, _ := store.Token("corp"); got != earlier {
				t.Errorf("the earlier token was replaced by %#v", got)
			}
			assertClosed(t, b)
		})
	}
}

func TestBrowserSignInPortInUse(t *testing.T) {
	store := flowtest.NewStore()
	api := pkceOIDC()
	f := flow.New(api, store, func(o *flow.Options) {
		o.Clock = flowtest.NewManualClock(t0)
		o.AuthorizeEndpoint = authorizeBase
		o.Listen = func(network, address string) (net.Listener, error) {
			return nil, &net.OpError{Op: "listen", Net: network, Err: syscall.EADDRINUSE}
		}
	})
	_, err := f.SignIn(context.Background(), corp, flow.AuthCode, nil)
	if err == nil || !strings.Contains(err.Error(), "cannot listen on 127.0.0.1 for the browser to come back") {
		t.Errorf("err = %v", err)
	}
	if len(api.Registers) != 0 {
		t.Error("registered a client although the sign-in could not listen")
	}
}

func TestRegistrationReuseFollowsTheMethod(t *testing.T) {
	deviceReg := flow.Registration{ClientID: "device-cid", ClientSecret: "S", ExpiresAt: t0.Add(30 * 24 * time.Hour)}
	browserReg := deviceReg
	browserReg.ClientID, browserReg.GrantTypes = "pkce-cid", []string{"authorization_code", "refresh_token"}
	tests := []struct {
		name         string
		cached       flow.Registration
		method       flow.Method
		wantRegister bool
	}{
		{"a PKCE registration serves PKCE", browserReg, flow.AuthCode, false},
		{"a device registration does not serve PKCE", deviceReg, flow.AuthCode, true},
		{"a PKCE registration does not serve the device code", browserReg, flow.DeviceCode, true},
		{"a device registration serves the device code", deviceReg, flow.DeviceCode, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := flowtest.NewStore()
			store.Registrations["corp"] = tt.cached
			api := &flowtest.OIDC{
				RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
				StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(1, 600)},
				TokenReplies:    []tokenReply{granted()},
			}
			clock := flowtest.NewManualClock(t0)
			f := flow.New(api, store, func(o *flow.Options) { o.Clock = clock; o.AuthorizeEndpoint = authorizeBase })
			a := f.Start(context.Background(), corp, tt.method)
			defer a.Cancel()
			for st := range a.Subscribe() {
				if st.Phase == flow.AwaitingUser {
					break
				}
			}
			if got := len(api.Registers) == 1; got != tt.wantRegister {
				t.Errorf("registered: %v, want %v", got, tt.wantRegister)
			}
		})
	}
}

func TestAutoPicksTheCLIsMethod(t *testing.T) {
	legacy := corp
	legacy.Legacy = true
	if flow.DefaultMethod(corp) != flow.AuthCode || flow.DefaultMethod(legacy) != flow.DeviceCode {
		t.Errorf("DefaultMethod: sso-session %v, legacy %v", flow.DefaultMethod(corp), flow.DefaultMethod(legacy))
	}
	f := flow.New(pkceOIDC(), flowtest.NewStore(), func(o *flow.Options) { o.Clock = flowtest.NewManualClock(t0); o.AuthorizeEndpoint = authorizeBase })
	a := f.Start(context.Background(), corp, flow.Auto)
	defer a.Cancel()
	if m := a.State().Method; m != flow.AuthCode {
		t.Errorf("Auto for an sso-session sign-in runs %v", m)
	}
}

func TestAuthorizeEndpointFromTheSDKClient(t *testing.T) {
	tests := []struct {
		name string
		opts func(*ssooidc.Options)
		want string
	}{
		{"the Region's endpoint", func(o *ssooidc.Options) {}, "https://oidc.eu-west-1.amazonaws.com"},
		{"AWS_ENDPOINT_URL_SSO_OIDC's", func(o *ssooidc.Options) { o.BaseEndpoint = aws.String("http://127.0.0.1:4567/") }, "http://127.0.0.1:4567"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := ssooidc.New(ssooidc.Options{Region: "eu-west-1"}, tt.opts)
			got, err := flow.AuthorizeEndpoint(context.Background(), flow.New(client, flowtest.NewStore()))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("authorize endpoint = %q, want %q", got, tt.want)
			}
		})
	}
}
