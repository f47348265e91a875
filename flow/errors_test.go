package flow

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

func httpErr(status int, err error) error {
	return &smithyhttp.ResponseError{Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}}, Err: err}
}

func TestDescribe(t *testing.T) {
	dial := &url.Error{Op: "Post", URL: "https://oidc.eu-west-1.amazonaws.com/token", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}}
	reset := &url.Error{Op: "Post", URL: "https://oidc.eu-west-1.amazonaws.com/token", Err: &net.OpError{Op: "read", Net: "tcp", Err: errors.New("read: connection reset by peer")}}
	tests := []struct {
		name          string
		err           error
		want          string
		wantTransient bool
	}{
		{"dns", &url.Error{Op: "Post", URL: "https://oidc.x", Err: &net.DNSError{Name: "oidc.eu-west-1.amazonaws.com", Err: "no such host"}}, "cannot find oidc.eu-west-1.amazonaws.com", true},
		{"refused", dial, "cannot connect to IAM Identity Center (oidc.eu-west-1.amazonaws.com)", true},
		{"reset", reset, "lost the connection to IAM Identity Center (oidc.eu-west-1.amazonaws.com): connection reset by peer", true},
		{"deadline", context.DeadlineExceeded, "did not answer in time", true},
		{"throttled", httpErr(429, &smithy.GenericAPIError{Code: "ThrottlingException"}), "busy right now (throttled)", true},
		{"server error", httpErr(503, &types.InternalServerException{Message: aws.String("x")}), "server error (HTTP 503)", true},
		{"refused request", httpErr(400, &types.InvalidScopeException{Message: aws.String("Invalid scope requested")}), "refused the request: Invalid scope requested (InvalidScopeException)", false},
		{"garbled", httpErr(200, &smithy.DeserializationError{Err: errors.New("unexpected EOF")}), "could not be understood", false},
		{"unknown error code", httpErr(400, &smithy.GenericAPIError{Code: "UnknownError"}), "could not be understood (HTTP 400)", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &APIError{Op: "check for approval", Err: tc.err}
			if got := e.Error(); !strings.HasPrefix(got, "check for approval: ") || !strings.Contains(got, tc.want) {
				t.Errorf("Error() = %q, want it to contain %q", got, tc.want)
			}
			if got := e.Transient(); got != tc.wantTransient {
				t.Errorf("Transient() = %v, want %v", got, tc.wantTransient)
			}
			if !errors.Is(e, tc.err) {
				t.Error("APIError does not unwrap to the SDK error")
			}
		})
	}
}

func TestAPIErrorLetsCancelThrough(t *testing.T) {
	if err := apiError("register client", context.Canceled); err != context.Canceled {
		t.Errorf("apiError(ctx.Canceled) = %v, want context.Canceled itself", err)
	}
}
