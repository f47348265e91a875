package idctest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/flow/idctest"
)

const (
	startURL     = "https://d-1234567890.awsapps.com/start"
	scopeAccount = "sso:account:access"
)

// fakeClock is a settable clock for Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// newServer starts a server closed at the end of the test, logging to t.
func newServer(t *testing.T, optFns ...func(*idctest.Options)) *idctest.Server {
	t.Helper()
	optFns = append([]func(*idctest.Options){func(o *idctest.Options) { o.Logf = t.Logf }}, optFns...)
	s := idctest.NewServer(optFns...)
	t.Cleanup(s.Close)
	return s
}

// withClock sets Options.Now.
func withClock(c *fakeClock) func(*idctest.Options) {
	return func(o *idctest.Options) { o.Now = c.Now }
}

// noBackoff keeps the standard retryer but without its sleeps; attempts 0
// keeps the default of 3.
func noBackoff(attempts int) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
		if attempts > 0 {
			o.MaxAttempts = attempts
		}
	})
}

// oidcClient returns the real SSO OIDC client pointed at s.
func oidcClient(s *idctest.Server, attempts int) *ssooidc.Client {
	return ssooidc.New(ssooidc.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.URL),
		Credentials:  aws.AnonymousCredentials{},
		Retryer:      noBackoff(attempts),
	})
}

// ssoClient returns the real SSO portal client pointed at s.
func ssoClient(s *idctest.Server, attempts int) *sso.Client {
	return sso.New(sso.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.URL),
		Credentials:  aws.AnonymousCredentials{},
		Retryer:      noBackoff(attempts),
	})
}

// registration is a registered client.
type registration struct{ id, secret string }

func register(t *testing.T, c *ssooidc.Client, scopes ...string) registration {
	t.Helper()
	out, err := c.RegisterClient(context.Background(), &ssooidc.RegisterClientInput{
		ClientName: aws.String("idctest-test"),
		ClientType: aws.String("public"),
		Scopes:     scopes,
	})
	if err != nil {
		t.Fatalf("RegisterClient: %v", err)
	}
	return registration{aws.ToString(out.ClientId), aws.ToString(out.ClientSecret)}
}

func startDevice(t *testing.T, c *ssooidc.Client, reg registration) *ssooidc.StartDeviceAuthorizationOutput {
	t.Helper()
	out, err := c.StartDeviceAuthorization(context.Background(), &ssooidc.StartDeviceAuthorizationInput{
		ClientId:     aws.String(reg.id),
		ClientSecret: aws.String(reg.secret),
		StartUrl:     aws.String(startURL),
	})
	if err != nil {
		t.Fatalf("StartDeviceAuthorization: %v", err)
	}
	return out
}

func pollDevice(c *ssooidc.Client, reg registration, deviceCode string) (*ssooidc.CreateTokenOutput, error) {
	return c.CreateToken(context.Background(), &ssooidc.CreateTokenInput{
		ClientId:     aws.String(reg.id),
		ClientSecret: aws.String(reg.secret),
		GrantType:    aws.String("urn:ietf:params:oauth:grant-type:device_code"),
		DeviceCode:   aws.String(deviceCode),
	})
}

func refreshToken(c *ssooidc.Client, reg registration, token string) (*ssooidc.CreateTokenOutput, error) {
	return c.CreateToken(context.Background(), &ssooidc.CreateTokenInput{
		ClientId:     aws.String(reg.id),
		ClientSecret: aws.String(reg.secret),
		GrantType:    aws.String("refresh_token"),
		RefreshToken: aws.String(token),
	})
}

// signIn runs a whole device flow and returns the registration and token.
func signIn(t *testing.T, s *idctest.Server, c *ssooidc.Client, scopes ...string) (registration, *ssooidc.CreateTokenOutput) {
	t.Helper()
	reg := register(t, c, scopes...)
	dev := startDevice(t, c, reg)
	if err := s.Approve(aws.ToString(dev.UserCode)); err != nil {
		t.Fatalf("Approve: %v", err)
	}
	tok, err := pollDevice(c, reg, aws.ToString(dev.DeviceCode))
	if err != nil {
		t.Fatalf("CreateToken after Approve: %v", err)
	}
	return reg, tok
}

// wantErrorAs fails unless err matches the target type T.
func wantErrorAs[T error](t *testing.T, err error) T {
	t.Helper()
	var target T
	if !errors.As(err, &target) {
		t.Fatalf("error = %v (%T), want %T", err, err, target)
	}
	return target
}

// httpStatus returns the HTTP status code carried by an SDK error, or 0.
func httpStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}

// rawResponse is an HTTP reply read in full.
type rawResponse struct {
	status int
	header http.Header
	body   []byte
}

// (r rawResponse) json decodes the body as a JSON object.
func (r rawResponse) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %q is not a JSON object: %v", r.body, err)
	}
	return m
}

// do sends a raw request and reads the whole reply. Redirects are not
// followed.
func do(t *testing.T, method, url, contentType, body string, header map[string]string) rawResponse {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s %s: %v", method, url, err)
	}
	return rawResponse{resp.StatusCode, resp.Header, b}
}

// postJSON sends a JSON body to an OIDC path.
func postJSON(t *testing.T, s *idctest.Server, path string, body any) rawResponse {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, http.MethodPost, s.URL+path, "application/json", string(b), nil)
}
