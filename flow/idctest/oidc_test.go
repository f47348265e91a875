package idctest_test

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"

	"github.com/ssotray/ssotray/flow/idctest"
)

func TestDeviceFlowSDK(t *testing.T) {
	clock := newClock()
	s := newServer(t, withClock(clock))
	c := oidcClient(s, 1)
	ctx := context.Background()

	regOut, err := c.RegisterClient(ctx, &ssooidc.RegisterClientInput{
		ClientName: aws.String("ssotray"),
		ClientType: aws.String("public"),
		Scopes:     []string{scopeAccount},
	})
	if err != nil {
		t.Fatalf("RegisterClient: %v", err)
	}
	if got, want := aws.ToString(regOut.ClientId), "cid-000001"; got != want {
		t.Errorf("clientId = %q, want %q", got, want)
	}
	if len(aws.ToString(regOut.ClientSecret)) < 64 {
		t.Errorf("clientSecret is too short: %d characters", len(aws.ToString(regOut.ClientSecret)))
	}
	if got, want := regOut.ClientIdIssuedAt, clock.Now().Unix(); got != want {
		t.Errorf("clientIdIssuedAt = %d, want %d (epoch seconds)", got, want)
	}
	if got, want := regOut.ClientSecretExpiresAt, clock.Now().Add(90*24*time.Hour).Unix(); got != want {
		t.Errorf("clientSecretExpiresAt = %d, want %d (epoch seconds)", got, want)
	}
	reg := registration{aws.ToString(regOut.ClientId), aws.ToString(regOut.ClientSecret)}

	dev := startDevice(t, c, reg)
	code := aws.ToString(dev.UserCode)
	if !regexp.MustCompile(`^[B-DF-HJ-NP-TV-XZ]{4}-[B-DF-HJ-NP-TV-XZ]{4}$`).MatchString(code) {
		t.Errorf("userCode = %q, want ABCD-EFGH form from the unambiguous alphabet", code)
	}
	if got := s.LastUserCode(); got != code {
		t.Errorf("LastUserCode() = %q, want %q", got, code)
	}
	if got, want := aws.ToString(dev.VerificationUri), s.URL+"/device"; got != want {
		t.Errorf("verificationUri = %q, want %q", got, want)
	}
	if got, want := aws.ToString(dev.VerificationUriComplete), s.URL+"/device?user_code="+code; got != want {
		t.Errorf("verificationUriComplete = %q, want %q", got, want)
	}
	if dev.ExpiresIn != 600 || dev.Interval != 1 {
		t.Errorf("expiresIn, interval = %d, %d; want 600, 1", dev.ExpiresIn, dev.Interval)
	}

	_, err = pollDevice(c, reg, aws.ToString(dev.DeviceCode))
	pending := wantErrorAs[*types.AuthorizationPendingException](t, err)
	if aws.ToString(pending.Error_) != "authorization_pending" || aws.ToString(pending.Error_description) == "" {
		t.Errorf("pending error members = %q, %q", aws.ToString(pending.Error_), aws.ToString(pending.Error_description))
	}
	if got := s.PendingUserCodes(); len(got) != 1 || got[0] != code {
		t.Errorf("PendingUserCodes() = %v, want [%s]", got, code)
	}

	if err := s.Approve(code); err != nil {
		t.Fatalf("Approve: %v", err)
	}
	tok, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode))
	if err != nil {
		t.Fatalf("CreateToken after Approve: %v", err)
	}
	if aws.ToString(tok.TokenType) != "Bearer" || tok.ExpiresIn != 3600 || aws.ToString(tok.AccessToken) == "" || aws.ToString(tok.RefreshToken) == "" {
		t.Fatalf("token = type %q, expiresIn %d, access %t, refresh %t", aws.ToString(tok.TokenType), tok.ExpiresIn,
			tok.AccessToken != nil, tok.RefreshToken != nil)
	}
	if !s.AccessTokenValid(aws.ToString(tok.AccessToken)) {
		t.Error("AccessTokenValid(new token) = false")
	}
	if got := s.PendingUserCodes(); len(got) != 0 {
		t.Errorf("PendingUserCodes() after sign-in = %v, want none", got)
	}

	// RFC 8628 §3.5 / RFC 6749: a device code is single use.
	_, err = pollDevice(c, reg, aws.ToString(dev.DeviceCode))
	wantErrorAs[*types.InvalidGrantException](t, err)

	// Refresh with rotation: a new refresh token, and the old one is dead.
	oldRefresh := aws.ToString(tok.RefreshToken)
	ref, err := refreshToken(c, reg, oldRefresh)
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	newRefresh := aws.ToString(ref.RefreshToken)
	if newRefresh == "" || newRefresh == oldRefresh {
		t.Errorf("refresh returned refresh token %q, want a new one", newRefresh)
	}
	if aws.ToString(ref.AccessToken) == aws.ToString(tok.AccessToken) || !s.AccessTokenValid(aws.ToString(ref.AccessToken)) {
		t.Error("refresh did not return a new valid access token")
	}
	if s.RefreshTokenValid(oldRefresh) || !s.RefreshTokenValid(newRefresh) {
		t.Error("RefreshTokenValid: the old token should be dead and the new one alive")
	}
	_, err = refreshToken(c, reg, oldRefresh)
	wantErrorAs[*types.InvalidGrantException](t, err)
	if _, err := refreshToken(c, reg, newRefresh); err != nil {
		t.Errorf("refresh with the rotated token: %v", err)
	}

	// Access tokens expire on the server's clock.
	clock.Advance(time.Hour)
	if s.AccessTokenValid(aws.ToString(ref.AccessToken)) {
		t.Error("AccessTokenValid after AccessTokenTTL = true")
	}
}

func TestCreateTokenErrorsSDK(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, s *idctest.Server, clock *fakeClock, code string) // before the poll
		want  func(t *testing.T, err error)
	}{
		{
			name:  "pending",
			setup: func(*testing.T, *idctest.Server, *fakeClock, string) {},
			want:  is[*types.AuthorizationPendingException],
		},
		{
			name: "expired by the clock",
			setup: func(_ *testing.T, _ *idctest.Server, clock *fakeClock, _ string) {
				clock.Advance(10 * time.Minute)
			},
			want: is[*types.ExpiredTokenException],
		},
		{
			name: "ExpireDevice",
			setup: func(t *testing.T, s *idctest.Server, _ *fakeClock, code string) {
				if err := s.ExpireDevice(code); err != nil {
					t.Fatal(err)
				}
			},
			want: is[*types.ExpiredTokenException],
		},
		{
			name: "Deny",
			setup: func(t *testing.T, s *idctest.Server, _ *fakeClock, code string) {
				if err := s.Deny(code); err != nil {
					t.Fatal(err)
				}
			},
			want: is[*types.AccessDeniedException],
		},
		{
			name: "approved but the device code expired first",
			setup: func(t *testing.T, s *idctest.Server, clock *fakeClock, code string) {
				if err := s.Approve(code); err != nil {
					t.Fatal(err)
				}
				clock.Advance(11 * time.Minute)
			},
			want: is[*types.ExpiredTokenException],
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newClock()
			s := newServer(t, withClock(clock))
			c := oidcClient(s, 1)
			reg := register(t, c, scopeAccount)
			dev := startDevice(t, c, reg)
			tt.setup(t, s, clock, aws.ToString(dev.UserCode))
			_, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode))
			tt.want(t, err)
		})
	}
}

// is asserts the error type; a helper for tables.
func is[T error](t *testing.T, err error) {
	t.Helper()
	wantErrorAs[T](t, err)
}

func TestQueueTokenErrorsSDK(t *testing.T) {
	tests := []struct {
		code   string
		want   func(t *testing.T, err error)
		status int
	}{
		{"authorization_pending", is[*types.AuthorizationPendingException], 400},
		{"slow_down", is[*types.SlowDownException], 400},
		{"expired_token", is[*types.ExpiredTokenException], 400},
		{"access_denied", is[*types.AccessDeniedException], 400},
		{"invalid_grant", is[*types.InvalidGrantException], 400},
		{"invalid_client", is[*types.InvalidClientException], 401},
		{"unauthorized_client", is[*types.UnauthorizedClientException], 400},
		{"invalid_request", is[*types.InvalidRequestException], 400},
		{"invalid_scope", is[*types.InvalidScopeException], 400},
		{"unsupported_grant_type", is[*types.UnsupportedGrantTypeException], 400},
		{"server_error", is[*types.InternalServerException], 500},
	}
	s := newServer(t, func(o *idctest.Options) { o.AutoApprove = 0 })
	c := oidcClient(s, 1) // no retries, so server_error is seen once
	reg := register(t, c, scopeAccount)
	dev := startDevice(t, c, reg)
	codes := make([]string, len(tests))
	for i, tt := range tests {
		codes[i] = tt.code
	}
	s.QueueTokenErrors(codes...)
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			_, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode))
			tt.want(t, err)
			if got := httpStatus(err); got != tt.status {
				t.Errorf("HTTP status = %d, want %d", got, tt.status)
			}
		})
	}
	// The queue is drained; AutoApprove 0 approves the first normal poll.
	if _, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode)); err != nil {
		t.Fatalf("poll after the queue: %v", err)
	}
}

func TestQueueTokenErrorsPanicsOnUnknownCode(t *testing.T) {
	s := newServer(t)
	defer func() {
		if recover() == nil {
			t.Error("QueueTokenErrors(\"bogus\") did not panic")
		}
	}()
	s.QueueTokenErrors("bogus")
}

func TestRegisterClientErrorsSDK(t *testing.T) {
	tests := []struct {
		name string
		in   ssooidc.RegisterClientInput
		want func(t *testing.T, err error)
	}{
		{"confidential client", ssooidc.RegisterClientInput{ClientType: aws.String("confidential")},
			is[*types.InvalidClientMetadataException]},
		{"unknown grant type", ssooidc.RegisterClientInput{GrantTypes: []string{"password"}},
			is[*types.UnsupportedGrantTypeException]},
		{"blank scope", ssooidc.RegisterClientInput{Scopes: []string{"sso:account:access", "two words"}},
			is[*types.InvalidScopeException]},
		{"bad redirect URI", ssooidc.RegisterClientInput{
			GrantTypes: []string{"authorization_code"}, RedirectUris: []string{"not a url"},
		}, is[*types.InvalidRedirectUriException]},
	}
	s := newServer(t)
	c := oidcClient(s, 1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.ClientName = aws.String("idctest-test")
			if in.ClientType == nil {
				in.ClientType = aws.String("public")
			}
			_, err := c.RegisterClient(context.Background(), &in)
			tt.want(t, err)
		})
	}
}

func TestClientAuthenticationSDK(t *testing.T) {
	clock := newClock()
	s := newServer(t, withClock(clock))
	c := oidcClient(s, 1)
	reg := register(t, c, scopeAccount)
	pkce, err := c.RegisterClient(context.Background(), &ssooidc.RegisterClientInput{
		ClientName:   aws.String("botocore-client-my-sso"),
		ClientType:   aws.String("public"),
		Scopes:       []string{scopeAccount},
		GrantTypes:   []string{"authorization_code", "refresh_token"},
		RedirectUris: []string{"http://127.0.0.1/oauth/callback"},
	})
	if err != nil {
		t.Fatal(err)
	}

	start := func(id, secret string) error {
		_, err := c.StartDeviceAuthorization(context.Background(), &ssooidc.StartDeviceAuthorizationInput{
			ClientId: aws.String(id), ClientSecret: aws.String(secret), StartUrl: aws.String(startURL),
		})
		return err
	}
	tests := []struct {
		name       string
		id, secret string
		advance    time.Duration
		want       func(t *testing.T, err error)
		status     int
	}{
		{"unknown client", "cid-999999", reg.secret, 0, is[*types.InvalidClientException], 401},
		{"wrong secret", reg.id, "nope", 0, is[*types.InvalidClientException], 401},
		{"PKCE-only registration", aws.ToString(pkce.ClientId), aws.ToString(pkce.ClientSecret), 0,
			is[*types.UnauthorizedClientException], 400},
		{"expired registration", reg.id, reg.secret, 90 * 24 * time.Hour, is[*types.InvalidClientException], 401},
	}
	for _, tt := range tests { // in order: the last row moves the clock
		t.Run(tt.name, func(t *testing.T) {
			clock.Advance(tt.advance)
			err := start(tt.id, tt.secret)
			tt.want(t, err)
			if got := httpStatus(err); got != tt.status {
				t.Errorf("HTTP status = %d, want %d", got, tt.status)
			}
		})
	}
}

func TestRefreshErrorsSDK(t *testing.T) {
	s := newServer(t)
	c := oidcClient(s, 1)
	reg, tok := signIn(t, s, c, scopeAccount)
	other := register(t, c, scopeAccount)

	_, err := refreshToken(c, reg, "aor-not-issued")
	is[*types.InvalidGrantException](t, err)
	_, err = refreshToken(c, other, aws.ToString(tok.RefreshToken))
	is[*types.InvalidGrantException](t, err)
	_, err = c.CreateToken(context.Background(), &ssooidc.CreateTokenInput{
		ClientId: aws.String(reg.id), ClientSecret: aws.String(reg.secret), GrantType: aws.String("password"),
	})
	is[*types.UnsupportedGrantTypeException](t, err)
	_, err = pollDevice(c, reg, "no-such-device-code")
	is[*types.InvalidGrantException](t, err)
}

func TestNoRefreshTokenWithoutScopes(t *testing.T) {
	s := newServer(t)
	_, tok := signIn(t, s, oidcClient(s, 1))
	if tok.RefreshToken != nil {
		t.Errorf("refreshToken = %q for a registration without scopes, want none", aws.ToString(tok.RefreshToken))
	}
}

func TestRotateRefreshTokensOff(t *testing.T) {
	s := newServer(t, func(o *idctest.Options) { o.RotateRefreshTokens = false })
	c := oidcClient(s, 1)
	reg, tok := signIn(t, s, c, scopeAccount)
	for i := range 2 {
		out, err := refreshToken(c, reg, aws.ToString(tok.RefreshToken))
		if err != nil {
			t.Fatalf("refresh %d: %v", i, err)
		}
		if aws.ToString(out.RefreshToken) != aws.ToString(tok.RefreshToken) {
			t.Errorf("refresh %d returned a new refresh token, want the same one", i)
		}
	}
}

func TestAutoApprove(t *testing.T) {
	s := newServer(t, func(o *idctest.Options) { o.AutoApprove = 2 })
	c := oidcClient(s, 1)
	reg := register(t, c, scopeAccount)
	dev := startDevice(t, c, reg)
	for i := range 2 {
		_, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode))
		if !errors.As(err, new(*types.AuthorizationPendingException)) {
			t.Fatalf("poll %d: error = %v, want AuthorizationPendingException", i+1, err)
		}
	}
	if _, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode)); err != nil {
		t.Fatalf("poll 3: %v, want a token", err)
	}
}

func TestEnforceInterval(t *testing.T) {
	clock := newClock()
	s := newServer(t, withClock(clock), func(o *idctest.Options) {
		o.EnforceInterval = true
		o.Interval = 2
	})
	c := oidcClient(s, 1)
	reg := register(t, c, scopeAccount)
	dev := startDevice(t, c, reg)
	poll := func() error {
		_, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode))
		return err
	}
	steps := []struct {
		advance time.Duration
		want    func(t *testing.T, err error)
	}{
		{0, is[*types.AuthorizationPendingException]},   // first poll
		{1 * time.Second, is[*types.SlowDownException]}, // < 2 s: interval becomes 7 s
		{6 * time.Second, is[*types.SlowDownException]}, // < 7 s: interval becomes 12 s
		{12 * time.Second, is[*types.AuthorizationPendingException]},
	}
	for i, st := range steps {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			clock.Advance(st.advance)
			st.want(t, poll())
		})
	}
}

func TestIntervalOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  func(*idctest.Options)
		want int32
	}{
		{"default", func(*idctest.Options) {}, 1},
		{"five", func(o *idctest.Options) { o.Interval = 5 }, 5},
		{"zero falls back to the default", func(o *idctest.Options) { o.Interval = 0 }, 1},
		{"omitted", func(o *idctest.Options) { o.OmitInterval = true }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, tt.opt, func(o *idctest.Options) { o.DeviceCodeTTL = 5 * time.Minute })
			c := oidcClient(s, 1)
			dev := startDevice(t, c, register(t, c))
			if dev.Interval != tt.want || dev.ExpiresIn != 300 {
				t.Errorf("interval, expiresIn = %d, %d; want %d, 300", dev.Interval, dev.ExpiresIn, tt.want)
			}
		})
	}
}

func TestUserCodesAreDeterministicAndUnique(t *testing.T) {
	codes := func() []string {
		s := newServer(t, func(o *idctest.Options) { o.Logf = nil })
		c := oidcClient(s, 1)
		reg := register(t, c)
		var out []string
		for range 50 {
			out = append(out, aws.ToString(startDevice(t, c, reg).UserCode))
		}
		return out
	}
	a, b := codes(), codes()
	seen := map[string]bool{}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("code %d differs between servers: %s vs %s", i, a[i], b[i])
		}
		if seen[a[i]] {
			t.Fatalf("code %s repeated", a[i])
		}
		seen[a[i]] = true
	}
}

func TestScriptingErrors(t *testing.T) {
	s := newServer(t)
	c := oidcClient(s, 1)
	reg := register(t, c)
	code := aws.ToString(startDevice(t, c, reg).UserCode)

	if err := s.Approve("BBBB-BBBB"); !errors.Is(err, idctest.ErrUnknownUserCode) {
		t.Errorf("Approve(unknown) = %v, want ErrUnknownUserCode", err)
	}
	// Codes are matched case-insensitively and without the dash.
	lower := []byte(code[:4] + code[5:])
	for i := range lower {
		lower[i] += 'a' - 'A'
	}
	if err := s.Deny(string(lower)); err != nil {
		t.Fatalf("Deny(%q) = %v", lower, err)
	}
	if err := s.Approve(code); !errors.Is(err, idctest.ErrNotPending) {
		t.Errorf("Approve(denied) = %v, want ErrNotPending", err)
	}
	if err := s.ExpireDevice("BBBB-BBBB"); !errors.Is(err, idctest.ErrUnknownUserCode) {
		t.Errorf("ExpireDevice(unknown) = %v, want ErrUnknownUserCode", err)
	}
}
