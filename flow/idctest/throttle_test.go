package idctest_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/sso/types"

	"github.com/ssotray/ssotray/flow/idctest"
)

// TestThrottleTokenBucket drives the throttle with a fake clock: a full
// bucket of PortalBurst, refills at PortalRate, refused requests take no
// token, and the 429 is the real portal's, byte for byte.
func TestThrottleTokenBucket(t *testing.T) {
	clock := newClock()
	s := newServer(t, withClock(clock), func(o *idctest.Options) {
		o.PortalRate = 2
		o.PortalBurst = 3
	})
	token := s.SignInDirect(scopeAccount).AccessToken
	list := func() rawResponse {
		return do(t, http.MethodGet, s.URL+"/assignment/accounts?max_result=10", "", "", map[string]string{"x-amz-sso_bearer_token": token})
	}

	for i := range 3 {
		if r := list(); r.status != http.StatusOK {
			t.Fatalf("request %d within the burst: status %d, body %s", i+1, r.status, r.body)
		}
	}
	r := list()
	if r.status != http.StatusTooManyRequests {
		t.Fatalf("request past the burst: status %d, want 429", r.status)
	}
	if got, want := string(r.body), `{"message":"HTTP 429 Unknown Code","__type":"com.amazonaws.switchboard.portal#TooManyRequestsException"}`; got != want {
		t.Errorf("429 body = %s, want %s", got, want)
	}
	if got := r.header.Get("x-amzn-ErrorType"); got != "TooManyRequestsException:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/" {
		t.Errorf("x-amzn-ErrorType = %q", got)
	}
	if r.header.Get("Retry-After") != "" {
		t.Error("Retry-After sent though RetryAfter is false")
	}
	// Refused requests take no token: after 0.5 s (one token at 2/s) one
	// request passes, however many were refused before.
	list()
	list()
	clock.Advance(500 * time.Millisecond)
	if r := list(); r.status != http.StatusOK {
		t.Fatalf("after one token's time: status %d, want 200", r.status)
	}
	if r := list(); r.status != http.StatusTooManyRequests {
		t.Fatalf("second request after one token's time: status %d, want 429", r.status)
	}
	if got := s.Throttled(); got != 4 {
		t.Errorf("Throttled() = %d, want 4", got)
	}
	// The bucket holds at most PortalBurst tokens.
	clock.Advance(10 * time.Minute)
	ok := 0
	for range 5 {
		if list().status == http.StatusOK {
			ok++
		}
	}
	if ok != 3 {
		t.Errorf("after ten minutes idle %d of 5 requests passed, want the burst, 3", ok)
	}
	// The OIDC API is not throttled.
	for range 5 {
		if r := postJSON(t, s, "/client/register", map[string]any{"clientName": "x", "clientType": "public"}); r.status != http.StatusOK {
			t.Fatalf("RegisterClient under the portal throttle: status %d", r.status)
		}
	}
}

// TestThrottleSDKErrorAndRetryAfter checks what the SDK makes of the 429 and
// the Retry-After header.
func TestThrottleSDKErrorAndRetryAfter(t *testing.T) {
	clock := newClock()
	s := newServer(t, withClock(clock), func(o *idctest.Options) {
		o.PortalRate = 0.25 // a token every 4 s
		o.PortalBurst = 1
		o.RetryAfter = true
	})
	token := s.SignInDirect(scopeAccount).AccessToken
	c := ssoClient(s, 1)
	in := &sso.GetRoleCredentialsInput{
		AccessToken: aws.String(token),
		AccountId:   aws.String(idctest.DefaultAccountID),
		RoleName:    aws.String("ReadOnly"),
	}
	if _, err := c.GetRoleCredentials(context.Background(), in); err != nil {
		t.Fatalf("first GetRoleCredentials: %v", err)
	}
	_, err := c.GetRoleCredentials(context.Background(), in)
	wantErrorAs[*ssotypes.TooManyRequestsException](t, err)
	if httpStatus(err) != http.StatusTooManyRequests {
		t.Errorf("status = %d, want 429", httpStatus(err))
	}
	r := do(t, http.MethodGet, s.URL+"/assignment/roles?account_id="+idctest.DefaultAccountID, "", "", map[string]string{"x-amz-sso_bearer_token": token})
	if got := r.header.Get("Retry-After"); got != "4" {
		t.Errorf("Retry-After = %q, want 4 (seconds until the next token)", got)
	}
}
