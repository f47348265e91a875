package flow_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
)

var t0 = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

var corp = flow.Target{Name: "corp", StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1"}

type tokenReply = flowtest.Reply[ssooidc.CreateTokenOutput]

func pending() tokenReply {
	return tokenReply{Err: &types.AuthorizationPendingException{}}
}

func slowDown() tokenReply { return tokenReply{Err: &types.SlowDownException{}} }

func granted() tokenReply {
	return tokenReply{Out: &ssooidc.CreateTokenOutput{
		AccessToken: aws.String("ACCESS-SECRET"), RefreshToken: aws.String("REFRESH-SECRET"),
		ExpiresIn: 3600, TokenType: aws.String("Bearer"),
	}}
}

func serverError() tokenReply {
	return tokenReply{Err: &smithyhttp.ResponseError{
		Response: &smithyhttp.Response{Response: &http.Response{StatusCode: 500}},
		Err:      &types.InternalServerException{Message: aws.String("boom")},
	}}
}

func register() flowtest.Reply[ssooidc.RegisterClientOutput] {
	return flowtest.Reply[ssooidc.RegisterClientOutput]{Out: &ssooidc.RegisterClientOutput{
		ClientId: aws.String("cid-1"), ClientSecret: aws.String("CLIENT-SECRET"),
		ClientSecretExpiresAt: t0.Add(90 * 24 * time.Hour).Unix(),
	}}
}

func device(interval, expiresIn int32) flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput] {
	return flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{Out: &ssooidc.StartDeviceAuthorizationOutput{
		DeviceCode: aws.String("DEVICE-SECRET"), UserCode: aws.String("ABCD-EFGH"),
		VerificationUri:         aws.String("https://device.sso.eu-west-1.amazonaws.com/"),
		VerificationUriComplete: aws.String("https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH"),
		ExpiresIn:               expiresIn, Interval: interval,
	}}
}

// pendingOnce is an Identity Center for one new sign-in: it registers the
// client, starts a device authorization (1 s interval), answers the first
// poll authorization_pending and the second with a token. beforeToken runs
// before each poll is answered.
func pendingOnce(beforeToken func(ctx context.Context, n int)) *flowtest.OIDC {
	return &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(1, 600)},
		TokenReplies:    []tokenReply{pending(), granted()},
		BeforeToken:     beforeToken,
	}
}

var secrets = []string{"ACCESS-SECRET", "REFRESH-SECRET", "CLIENT-SECRET", "DEVICE-SECRET"}

func assertNoSecrets(t *testing.T, what string, v any) {
	t.Helper()
	for _, s := range []string{fmt.Sprintf("%v", v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v)} {
		for _, secret := range secrets {
			if strings.Contains(s, secret) {
				t.Errorf("%s shows %s: %s", what, secret, s)
			}
		}
	}
}

func TestSignInPolling(t *testing.T) {
	tests := []struct {
		name      string
		interval  int32
		expiresIn int32
		replies   []tokenReply
		wantErr   error
		wantWaits []time.Duration
		wantPolls int
	}{
		{
			name: "pending then success", interval: 1, expiresIn: 600,
			replies:   []tokenReply{pending(), pending(), granted()},
			wantWaits: []time.Duration{time.Second, time.Second, time.Second}, wantPolls: 3,
		},
		{
			name: "slow_down raises the interval for every later poll", interval: 1, expiresIn: 600,
			replies:   []tokenReply{slowDown(), pending(), granted()},
			wantWaits: []time.Duration{time.Second, 6 * time.Second, 6 * time.Second}, wantPolls: 3,
		},
		{
			name: "two slow_downs add up", interval: 1, expiresIn: 600,
			replies:   []tokenReply{slowDown(), slowDown(), granted()},
			wantWaits: []time.Duration{time.Second, 6 * time.Second, 11 * time.Second}, wantPolls: 3,
		},
		{
			name: "no interval means 5 s", interval: 0, expiresIn: 600,
			replies:   []tokenReply{pending(), granted()},
			wantWaits: []time.Duration{5 * time.Second, 5 * time.Second}, wantPolls: 2,
		},
		{
			name: "expired_token ends it", interval: 1, expiresIn: 600,
			replies: []tokenReply{pending(), {Err: &types.ExpiredTokenException{}}},
			wantErr: flow.ErrExpired, wantWaits: []time.Duration{time.Second, time.Second}, wantPolls: 2,
		},
		{
			name: "access_denied ends it", interval: 1, expiresIn: 600,
			replies: []tokenReply{{Err: &types.AccessDeniedException{}}},
			wantErr: flow.ErrDenied, wantWaits: []time.Duration{time.Second}, wantPolls: 1,
		},
		{
			name: "the code's lifetime is the deadline, with no poll after it", interval: 5, expiresIn: 12,
			replies: []tokenReply{pending(), pending()},
			wantErr: flow.ErrExpired, wantWaits: []time.Duration{5 * time.Second, 5 * time.Second, 2 * time.Second}, wantPolls: 2,
		},
		{
			name: "a transient server error keeps polling", interval: 1, expiresIn: 600,
			replies:   []tokenReply{serverError(), granted()},
			wantWaits: []time.Duration{time.Second, time.Second}, wantPolls: 2,
		},
		{
			name: "any other error ends it", interval: 1, expiresIn: 600,
			replies: []tokenReply{{Err: &types.InvalidGrantException{}}},
			wantErr: &flow.APIError{}, wantWaits: []time.Duration{time.Second}, wantPolls: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := flowtest.NewClock(t0)
			api := &flowtest.OIDC{
				RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
				StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(tc.interval, tc.expiresIn)},
				TokenReplies:    tc.replies,
			}
			store := flowtest.NewStore()
			f := flow.New(api, store, func(o *flow.Options) { o.Clock = clock })
			var states []flow.State
			tok, err := f.SignIn(context.Background(), corp, flow.DeviceCode, func(s flow.State) { states = append(states, s) })

			switch want := tc.wantErr.(type) {
			case nil:
				if err != nil {
					t.Fatalf("SignIn: %v", err)
				}
			case *flow.APIError:
				var got *flow.APIError
				if !errors.As(err, &got) {
					t.Fatalf("err = %v, want an *APIError", err)
				}
			default:
				if !errors.Is(err, want) {
					t.Fatalf("err = %v, want %v", err, want)
				}
			}
			if diff := cmp.Diff(tc.wantWaits, clock.Waits()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
			if got := api.TokenCalls(); got != tc.wantPolls {
				t.Errorf("CreateToken calls = %d, want %d", got, tc.wantPolls)
			}
			last := states[len(states)-1]
			if states[0].Phase != flow.Registering || states[1].Phase != flow.AwaitingUser {
				t.Errorf("first phases = %v, %v; want registering, awaiting-user", states[0].Phase, states[1].Phase)
			}
			if last.Polls != tc.wantPolls {
				t.Errorf("final state Polls = %d, want %d", last.Polls, tc.wantPolls)
			}
			for _, s := range states {
				assertNoSecrets(t, "state", s)
			}
			assertNoSecrets(t, "error", err)
			assertNoSecrets(t, "token", tok)
			if tc.wantErr != nil {
				if last.Phase != flow.Failed || last.Err == nil {
					t.Errorf("final state = %v (err %v), want failed", last.Phase, last.Err)
				}
				if _, saved := store.Token("corp"); saved {
					t.Error("a failed sign-in stored a token")
				}
				return
			}
			if last.Phase != flow.SignedIn {
				t.Fatalf("final phase = %v, want signed-in", last.Phase)
			}
			saved, ok := store.Token("corp")
			if !ok || saved.AccessToken != "ACCESS-SECRET" || saved.RefreshToken != "REFRESH-SECRET" ||
				saved.ClientID != "cid-1" || saved.ClientSecret != "CLIENT-SECRET" {
				t.Errorf("stored token = %+v", saved)
			}
			// Expiry counts from when the winning poll was sent.
			var sent time.Duration
			for _, w := range tc.wantWaits {
				sent += w
			}
			if want := t0.Add(sent + time.Hour); !tok.ExpiresAt.Equal(want) || !last.TokenExpiresAt.Equal(want) {
				t.Errorf("ExpiresAt = %v (state %v), want %v", tok.ExpiresAt, last.TokenExpiresAt, want)
			}
		})
	}
}

func TestSignInSendsWhatTheServiceExpects(t *testing.T) {
	clock := flowtest.NewClock(t0)
	api := &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(1, 600)},
		TokenReplies:    []tokenReply{granted()},
	}
	f := flow.New(api, flowtest.NewStore(), func(o *flow.Options) { o.Clock = clock })
	if _, err := f.SignIn(context.Background(), corp, flow.DeviceCode, nil); err != nil {
		t.Fatal(err)
	}
	reg := api.Registers[0]
	if aws.ToString(reg.ClientName) != "ssotray" || aws.ToString(reg.ClientType) != "public" {
		t.Errorf("RegisterClient name/type = %q/%q", aws.ToString(reg.ClientName), aws.ToString(reg.ClientType))
	}
	if diff := cmp.Diff([]string{"sso:account:access"}, reg.Scopes); diff != "" {
		t.Errorf("scopes (-want +got):\n%s", diff)
	}
	start := api.Starts[0]
	if aws.ToString(start.StartUrl) != corp.StartURL || aws.ToString(start.ClientId) != "cid-1" || aws.ToString(start.ClientSecret) != "CLIENT-SECRET" {
		t.Errorf("StartDeviceAuthorization input = %+v", start)
	}
	tok := api.Tokens[0]
	if aws.ToString(tok.GrantType) != "urn:ietf:params:oauth:grant-type:device_code" || aws.ToString(tok.DeviceCode) != "DEVICE-SECRET" {
		t.Errorf("CreateToken grant/device = %q/%q", aws.ToString(tok.GrantType), aws.ToString(tok.DeviceCode))
	}
}

func TestSignInConfiguredScopes(t *testing.T) {
	api := &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(1, 600)},
		TokenReplies:    []tokenReply{granted()},
	}
	target := corp
	target.Scopes = []string{"sso:account:access", "codewhisperer:completions"}
	f := flow.New(api, flowtest.NewStore(), func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	if _, err := f.SignIn(context.Background(), target, flow.DeviceCode, nil); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(target.Scopes, api.Registers[0].Scopes); diff != "" {
		t.Errorf("scopes (-want +got):\n%s", diff)
	}
}

func TestRegistrationReuse(t *testing.T) {
	tests := []struct {
		name         string
		cached       *flow.Registration
		wantRegister bool
	}{
		{name: "none cached", wantRegister: true},
		{name: "valid for days", cached: &flow.Registration{ClientID: "cid-old", ClientSecret: "s", ExpiresAt: t0.Add(48 * time.Hour)}},
		{name: "16 minutes left", cached: &flow.Registration{ClientID: "cid-old", ClientSecret: "s", ExpiresAt: t0.Add(16 * time.Minute)}},
		{name: "14 minutes left", cached: &flow.Registration{ClientID: "cid-old", ClientSecret: "s", ExpiresAt: t0.Add(14 * time.Minute)}, wantRegister: true},
		{name: "made for PKCE", cached: &flow.Registration{ClientID: "cid-old", ClientSecret: "s", ExpiresAt: t0.Add(48 * time.Hour), GrantTypes: []string{"authorization_code", "refresh_token"}}, wantRegister: true},
		{name: "missing secret", cached: &flow.Registration{ClientID: "cid-old", ExpiresAt: t0.Add(48 * time.Hour)}, wantRegister: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			api := &flowtest.OIDC{
				StartReplies: []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(1, 600)},
				TokenReplies: []tokenReply{granted()},
			}
			if tc.wantRegister {
				api.RegisterReplies = append(api.RegisterReplies, register())
			}
			store := flowtest.NewStore()
			if tc.cached != nil {
				store.Registrations["corp"] = *tc.cached
			}
			f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
			if _, err := f.SignIn(context.Background(), corp, flow.DeviceCode, nil); err != nil {
				t.Fatal(err)
			}
			if got := len(api.Registers) == 1; got != tc.wantRegister {
				t.Errorf("registered = %v, want %v", got, tc.wantRegister)
			}
			wantID := "cid-old"
			if tc.wantRegister {
				wantID = "cid-1"
			}
			if got := aws.ToString(api.Starts[0].ClientId); got != wantID {
				t.Errorf("device authorization used client %q, want %q", got, wantID)
			}
			if got := store.Registrations["corp"].ClientID; got != wantID {
				t.Errorf("cached registration = %q, want %q", got, wantID)
			}
		})
	}
}

// TestCodeShowsWhileTheRegistrationIsSaved checks that a new registration's
// cache write (an fsync on a real disk) does not hold back the code, and
// that SignIn still returns only once the write is done.
func TestCodeShowsWhileTheRegistrationIsSaved(t *testing.T) {
	release := make(chan struct{})
	// The disk finishes during the second poll.
	api := pendingOnce(func(_ context.Context, n int) {
		if n == 2 {
			close(release)
		}
	})
	store := flowtest.NewStore()
	store.OnSaveRegistration = func() {
		select {
		case <-release:
		case <-time.After(10 * time.Second): // only if the flow waits for the write first
			t.Error("the sign-in waited for the registration to be cached before showing the code")
		}
	}
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	var codeShown bool
	_, err := f.SignIn(context.Background(), corp, flow.DeviceCode, func(s flow.State) {
		if s.Phase == flow.AwaitingUser && !codeShown {
			codeShown = true
			if _, err := store.LoadRegistration(corp); err == nil {
				t.Error("the code waited for the registration to be cached")
			}
		}
	})
	if err != nil || !codeShown {
		t.Fatalf("SignIn: %v (code shown: %v)", err, codeShown)
	}
	if r, err := store.LoadRegistration(corp); err != nil || r.ClientID != "cid-1" {
		t.Errorf("after SignIn the cached registration is %+v, %v", r, err)
	}
}

func TestRevokedRegistrationRegistersAgainOnce(t *testing.T) {
	invalid := flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{Err: &types.InvalidClientException{}}
	api := &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{invalid, device(1, 600)},
		TokenReplies:    []tokenReply{granted()},
	}
	store := flowtest.NewStore()
	store.Registrations["corp"] = flow.Registration{ClientID: "cid-revoked", ClientSecret: "s", ExpiresAt: t0.Add(48 * time.Hour)}
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	if _, err := f.SignIn(context.Background(), corp, flow.DeviceCode, nil); err != nil {
		t.Fatal(err)
	}
	if len(api.Registers) != 1 || len(api.Starts) != 2 {
		t.Errorf("registers %d, starts %d; want 1 and 2", len(api.Registers), len(api.Starts))
	}

	// A second refusal is final.
	api = &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{invalid, invalid},
	}
	f = flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	_, err := f.SignIn(context.Background(), corp, flow.DeviceCode, nil)
	var apiErr *flow.APIError
	if !errors.As(err, &apiErr) || !strings.Contains(err.Error(), "no longer accepts") {
		t.Errorf("err = %v, want an APIError about the registration", err)
	}
}

func TestSignInCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	clock := flowtest.NewClock(t0)
	clock.OnWait = func(n int) {
		if n == 2 {
			cancel()
		}
	}
	api := &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(1, 600)},
		TokenReplies:    []tokenReply{pending(), pending(), pending()},
	}
	store := flowtest.NewStore()
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = clock })
	var last flow.State
	_, err := f.SignIn(ctx, corp, flow.DeviceCode, func(s flow.State) { last = s })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if last.Phase != flow.Cancelled {
		t.Errorf("final phase = %v, want cancelled", last.Phase)
	}
	if n := api.TokenCalls(); n != 1 {
		t.Errorf("CreateToken calls = %d, want 1 (none after cancel)", n)
	}
}

func TestSignInCancelDuringRequest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	api := &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(1, 600)},
		TokenReplies:    []tokenReply{granted()},
		BeforeToken:     func(context.Context, int) { cancel() },
	}
	store := flowtest.NewStore()
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	if _, err := f.SignIn(ctx, corp, flow.DeviceCode, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if _, saved := store.Token("corp"); saved {
		t.Error("a cancelled sign-in stored a token")
	}
}

func TestSignInTroubleIsReportedThenCleared(t *testing.T) {
	api := &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(1, 600)},
		TokenReplies:    []tokenReply{serverError(), pending(), granted()},
	}
	f := flow.New(api, flowtest.NewStore(), func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	var troubles []bool
	if _, err := f.SignIn(context.Background(), corp, flow.DeviceCode, func(s flow.State) { troubles = append(troubles, s.Trouble != nil) }); err != nil {
		t.Fatal(err)
	}
	// registering, awaiting, trouble, pending (cleared), signed in.
	if diff := cmp.Diff([]bool{false, false, true, false, false}, troubles); diff != "" {
		t.Errorf("trouble per state (-want +got):\n%s", diff)
	}
}

func TestSignInSaveFailure(t *testing.T) {
	api := &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{register()},
		StartReplies:    []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{device(1, 600)},
		TokenReplies:    []tokenReply{granted()},
	}
	store := flowtest.NewStore()
	store.SaveTokenErr = errors.New("disk full")
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	_, err := f.SignIn(context.Background(), corp, flow.DeviceCode, nil)
	var storeErr *flow.StoreError
	if !errors.As(err, &storeErr) || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want a StoreError naming the cause", err)
	}
}

func TestSignInRegisterFailure(t *testing.T) {
	api := &flowtest.OIDC{RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{{Err: &types.InvalidScopeException{Message: aws.String("bad scope")}}}}
	f := flow.New(api, flowtest.NewStore(), func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	_, err := f.SignIn(context.Background(), corp, flow.DeviceCode, nil)
	if err == nil || !strings.HasPrefix(err.Error(), "register client: ") || !strings.Contains(err.Error(), "bad scope") {
		t.Fatalf("err = %v", err)
	}
	if len(api.Starts) != 0 {
		t.Error("started a device authorization without a registration")
	}
}
