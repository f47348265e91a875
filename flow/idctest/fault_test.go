package idctest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/sso/types"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/ssotray/ssotray/flow/idctest"
)

func countOps(s *idctest.Server, op string) int {
	n := 0
	for _, r := range s.Requests() {
		if r.Op == op {
			n++
		}
	}
	return n
}

func registerErr(c *ssooidc.Client) error {
	_, err := c.RegisterClient(context.Background(), &ssooidc.RegisterClientInput{
		ClientName: aws.String("fault"), ClientType: aws.String("public"),
	})
	return err
}

func TestFaultServerErrorRetried(t *testing.T) {
	for _, status := range []int{500, 503} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			s := newServer(t)
			s.InjectFault(idctest.OpRegisterClient, idctest.Fault{Status: status})
			if err := registerErr(oidcClient(s, 0)); err != nil {
				t.Fatalf("RegisterClient with the standard retryer: %v", err)
			}
			if n := countOps(s, idctest.OpRegisterClient); n != 2 {
				t.Errorf("RegisterClient calls = %d, want 2 (one fault, one retry)", n)
			}
		})
	}
}

func TestFaultServerErrorTyped(t *testing.T) {
	s := newServer(t)
	s.InjectFault(idctest.OpRegisterClient, idctest.Fault{Status: 500, Count: 3})
	err := registerErr(oidcClient(s, 0))
	ie := wantErrorAs[*types.InternalServerException](t, err)
	if aws.ToString(ie.Error_) != "server_error" {
		t.Errorf("error member = %q, want server_error", aws.ToString(ie.Error_))
	}
	if n := countOps(s, idctest.OpRegisterClient); n != 3 {
		t.Errorf("RegisterClient calls = %d, want 3 (the standard retryer's attempts)", n)
	}
}

func TestFaultThrottlingOIDC(t *testing.T) {
	s := newServer(t)
	s.InjectFault(idctest.OpRegisterClient, idctest.Fault{Status: 429})
	err := registerErr(oidcClient(s, 1))
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "ThrottlingException" || httpStatus(err) != 429 {
		t.Fatalf("error = %v, want ThrottlingException with status 429", err)
	}
	s.InjectFault(idctest.OpRegisterClient, idctest.Fault{Status: 429})
	if err := registerErr(oidcClient(s, 0)); err != nil {
		t.Fatalf("RegisterClient after a throttle, with retries: %v", err)
	}
}

func TestFaultThrottlingPortal(t *testing.T) {
	s := newServer(t)
	token := s.SignInDirect(scopeAccount).AccessToken
	list := func(attempts int) error {
		_, err := ssoClient(s, attempts).ListAccounts(context.Background(), &sso.ListAccountsInput{AccessToken: aws.String(token)})
		return err
	}
	s.InjectFault(idctest.OpListAccounts, idctest.Fault{Status: 429})
	tm := wantErrorAs[*ssotypes.TooManyRequestsException](t, list(1))
	if aws.ToString(tm.Message) == "" {
		t.Error("TooManyRequestsException has no message")
	}
	s.InjectFault(idctest.OpListAccounts, idctest.Fault{Status: 429, Count: 2})
	if err := list(0); err != nil {
		t.Fatalf("ListAccounts after two throttles, with retries: %v", err)
	}
	if n := countOps(s, idctest.OpListAccounts); n != 4 {
		t.Errorf("ListAccounts calls = %d, want 4", n)
	}
}

func TestFaultFIFO(t *testing.T) {
	s := newServer(t)
	token := s.SignInDirect().AccessToken
	s.InjectFault(idctest.OpListAccounts, idctest.Fault{Status: 500})
	s.InjectFault(idctest.OpListAccounts, idctest.Fault{Status: 429, Count: 2})
	s.InjectFault(idctest.OpListAccounts, idctest.Fault{Status: 404})
	var got []int
	for range 5 {
		r := do(t, "GET", s.URL+"/assignment/accounts", "", "", map[string]string{"x-amz-sso_bearer_token": token})
		got = append(got, r.status)
	}
	want := []int{500, 429, 429, 404, 200}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("statuses = %v, want %v", got, want)
		}
	}
}

func TestFaultDelay(t *testing.T) {
	s := newServer(t)
	const delay = 40 * time.Millisecond
	s.InjectFault(idctest.OpRegisterClient, idctest.Fault{Delay: delay})
	start := time.Now()
	if err := registerErr(oidcClient(s, 1)); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < delay {
		t.Errorf("RegisterClient took %v, want at least the %v delay", elapsed, delay)
	}
}

func TestFaultDelayCancelled(t *testing.T) {
	s := idctest.NewServer()
	s.InjectFault(idctest.OpRegisterClient, idctest.Fault{Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := oidcClient(s, 1).RegisterClient(ctx, &ssooidc.RegisterClientInput{
		ClientName: aws.String("fault"), ClientType: aws.String("public"),
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want context.DeadlineExceeded", err)
	}
	start := time.Now()
	s.Close() // must not wait for the minute
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v", d)
	}
}

func TestFaultResetConnection(t *testing.T) {
	s := newServer(t)
	s.InjectFault(idctest.OpRegisterClient, idctest.Fault{ResetConnection: true})
	err := registerErr(oidcClient(s, 1))
	var se *smithyhttp.RequestSendError
	if !errors.As(err, &se) {
		t.Fatalf("error = %v (%T), want a RequestSendError", err, err)
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		t.Errorf("a reset connection produced an API error: %v", ae)
	}
	// The SDK retries connection errors.
	s.InjectFault(idctest.OpRegisterClient, idctest.Fault{ResetConnection: true})
	if err := registerErr(oidcClient(s, 0)); err != nil {
		t.Errorf("RegisterClient after a reset, with retries: %v", err)
	}
}

func TestFaultBody(t *testing.T) {
	t.Run("truncated 200", func(t *testing.T) {
		s := newServer(t)
		s.InjectFault(idctest.OpRegisterClient, idctest.Fault{Body: `{"clientId": "cid-1", "clientSec`})
		err := registerErr(oidcClient(s, 1))
		if !errors.As(err, new(*smithy.DeserializationError)) {
			t.Errorf("error = %v (%T), want a DeserializationError", err, err)
		}
	})
	t.Run("HTML 502 raw", func(t *testing.T) {
		s := newServer(t)
		const page = "<html><body>Bad gateway</body></html>"
		s.InjectFault(idctest.OpRegisterClient, idctest.Fault{Status: 502, Body: page, ContentType: "text/html"})
		r := postJSON(t, s, "/client/register", map[string]any{"clientName": "x", "clientType": "public"})
		if r.status != 502 || string(r.body) != page || r.header.Get("Content-Type") != "text/html" {
			t.Errorf("reply = %d %q %q", r.status, r.header.Get("Content-Type"), r.body)
		}
		if r.header.Get("X-Amzn-Errortype") != "" {
			t.Error("a raw Body fault sent x-amzn-ErrorType")
		}
	})
	t.Run("HTML 502 through the SDK", func(t *testing.T) {
		s := newServer(t)
		s.InjectFault(idctest.OpRegisterClient, idctest.Fault{Status: 502, Body: "<html>", ContentType: "text/html"})
		err := registerErr(oidcClient(s, 1))
		if !errors.As(err, new(*smithy.DeserializationError)) || httpStatus(err) != 502 {
			t.Errorf("error = %v, want a DeserializationError with status 502", err)
		}
	})
	// The spec's claim (§1.1): the SDK types errors from the header or
	// __type, never from the OAuth "error" member.
	t.Run("OAuth error without type", func(t *testing.T) {
		s := newServer(t)
		c := oidcClient(s, 1)
		reg := register(t, c)
		dev := startDevice(t, c, reg)
		body := `{"error":"authorization_pending","error_description":"Authorization is still pending"}`
		s.InjectFault(idctest.OpCreateToken, idctest.Fault{Status: 400, Body: body})
		_, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode))
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != "UnknownError" {
			t.Errorf("error = %v, want UnknownError", err)
		}
		s.InjectFault(idctest.OpCreateToken, idctest.Fault{Status: 400, Body: body, Header: http.Header{
			"X-Amzn-Errortype": {"AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"},
		}})
		_, err = pollDevice(c, reg, aws.ToString(dev.DeviceCode))
		wantErrorAs[*types.AuthorizationPendingException](t, err)
	})
}

func TestInjectFaultPanicsOnUnknownOp(t *testing.T) {
	s := newServer(t)
	defer func() {
		if recover() == nil {
			t.Error("InjectFault(\"Bogus\") did not panic")
		}
	}()
	s.InjectFault("Bogus", idctest.Fault{Status: 500})
}

func TestFaultStatusShapes(t *testing.T) {
	tests := []struct {
		op, method, path string
		status           int
		shape            string
	}{
		{idctest.OpRegisterClient, "POST", "/client/register", 400, "InvalidRequestException"},
		{idctest.OpRegisterClient, "POST", "/client/register", 401, "InvalidClientException"},
		{idctest.OpRegisterClient, "POST", "/client/register", 403, "AccessDeniedException"},
		{idctest.OpRegisterClient, "POST", "/client/register", 429, "ThrottlingException"},
		{idctest.OpRegisterClient, "POST", "/client/register", 500, "InternalServerException"},
		{idctest.OpRegisterClient, "POST", "/client/register", 503, "InternalServerException"},
		{idctest.OpListAccounts, "GET", "/assignment/accounts", 400, "InvalidRequestException"},
		{idctest.OpListAccounts, "GET", "/assignment/accounts", 401, "UnauthorizedException"},
		{idctest.OpListAccounts, "GET", "/assignment/accounts", 403, "ForbiddenException"},
		{idctest.OpListAccounts, "GET", "/assignment/accounts", 404, "ResourceNotFoundException"},
		{idctest.OpListAccounts, "GET", "/assignment/accounts", 429, "TooManyRequestsException"},
		{idctest.OpListAccounts, "GET", "/assignment/accounts", 500, "InternalServerException"},
	}
	s := newServer(t)
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.op, tt.status), func(t *testing.T) {
			s.InjectFault(tt.op, idctest.Fault{Status: tt.status})
			r := do(t, tt.method, s.URL+tt.path, "application/json", "{}", nil)
			if r.status != tt.status {
				t.Errorf("status = %d, want %d", r.status, tt.status)
			}
			if got := r.header.Get("X-Amzn-Errortype"); !strings.HasPrefix(got, tt.shape+":") {
				t.Errorf("x-amzn-ErrorType = %q, want %s:…", got, tt.shape)
			}
			if typ, _ := r.json(t)["__type"].(string); !strings.HasSuffix(typ, tt.shape) {
				t.Errorf("__type = %q, want …%s", typ, tt.shape)
			}
		})
	}
}

func TestListen(t *testing.T) {
	s, err := idctest.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.URL, "http://127.0.0.1:") || strings.HasSuffix(s.URL, "/") {
		t.Errorf("URL = %q", s.URL)
	}
	if _, err := idctest.Listen(strings.TrimPrefix(s.URL, "http://")); err == nil {
		t.Error("Listen on a busy address succeeded")
	}
	s.Close()
	s.Close() // idempotent
	if resp, err := http.Get(s.URL + "/device"); err == nil {
		resp.Body.Close()
		t.Error("server still answers after Close")
	}
}
