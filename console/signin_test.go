package console_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/console"
)

var creds = accounts.Credentials{
	AccessKeyID:     "ASIAQ3EGZ7EXAMPLE2TQ",
	SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
	SessionToken:    "IQoJb3JpZ2luX2VjEHYaCXVzLWVhc3QtMSJHMEUCIQD/abc+def==",
	Expiration:      time.Date(2099, 1, 2, 3, 4, 5, 0, time.UTC),
}

const startURL = "https://d-1234567890.awsapps.com/start"

// secrets are what must never show in a URL or an error.
func secrets(token string) []string {
	s := []string{creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken,
		url.QueryEscape(creds.SecretAccessKey), url.QueryEscape(creds.SessionToken)}
	if token != "" {
		s = append(s, token)
	}
	return s
}

func assertNoSecret(t *testing.T, what, s, token string) {
	t.Helper()
	for _, secret := range secrets(token) {
		if strings.Contains(s, secret) {
			t.Errorf("%s contains the secret %q: %s", what, secret, s)
		}
	}
}

// federationRequest is one request the fake federation endpoint received.
type federationRequest struct {
	method, contentType, rawQuery string
	form                          url.Values
}

// fakeFederation is an httptest federation endpoint that answers with
// replies in turn (the last one repeats) and records every request.
type fakeFederation struct {
	*httptest.Server
	mu       sync.Mutex
	requests []federationRequest
	replies  []reply
}

type reply struct {
	status int
	body   string
}

const signinToken = "tok-SECRET-5fK2a9"

func newFederation(t *testing.T, replies ...reply) *fakeFederation {
	t.Helper()
	if len(replies) == 0 {
		replies = []reply{{200, `{"SigninToken":"` + signinToken + `"}`}}
	}
	f := &fakeFederation{replies: replies}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		f.mu.Lock()
		n := len(f.requests)
		f.requests = append(f.requests, federationRequest{r.Method, r.Header.Get("Content-Type"), r.URL.RawQuery, form})
		rep := f.replies[min(n, len(f.replies)-1)]
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rep.status)
		_, _ = io.WriteString(w, rep.body)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeFederation) recorded() []federationRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]federationRequest(nil), f.requests...)
}

func withEndpoint(region, endpoint string) func(*console.Options) {
	return func(o *console.Options) {
		o.Region = region
		o.Endpoint = endpoint
	}
}

func TestSignInURLPostsSession(t *testing.T) {
	f := newFederation(t)
	got, err := console.SignInURL(context.Background(), creds, withEndpoint("eu-west-1", f.URL+"/federation"),
		func(o *console.Options) { o.Issuer = startURL })
	if err != nil {
		t.Fatal(err)
	}

	reqs := f.recorded()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	r := reqs[0]
	if r.method != http.MethodPost || r.contentType != "application/x-www-form-urlencoded" || r.rawQuery != "" {
		t.Errorf("request = %s %q query %q, want a form POST with no query", r.method, r.contentType, r.rawQuery)
	}
	if r.form.Get("Action") != "getSigninToken" || r.form.Has("SessionDuration") || len(r.form) != 2 {
		t.Errorf("form = %v, want Action=getSigninToken and Session only", r.form)
	}
	var session map[string]string
	if err := json.Unmarshal([]byte(r.form.Get("Session")), &session); err != nil {
		t.Fatalf("Session %q: %v", r.form.Get("Session"), err)
	}
	want := map[string]string{"sessionId": creds.AccessKeyID, "sessionKey": creds.SecretAccessKey, "sessionToken": creds.SessionToken}
	if len(session) != 3 || session["sessionId"] != want["sessionId"] || session["sessionKey"] != want["sessionKey"] || session["sessionToken"] != want["sessionToken"] {
		t.Errorf("Session = %v, want %v", session, want)
	}

	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme+"://"+u.Host+u.Path != f.URL+"/federation" || q.Get("Action") != "login" ||
		q.Get("Issuer") != startURL || q.Get("SigninToken") != signinToken ||
		q.Get("Destination") != "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1" || len(q) != 4 {
		t.Errorf("login URL = %s", got)
	}
	if !strings.Contains(u.RawQuery, "Destination=https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fconsole%2Fhome%3Fregion%3Deu-west-1") {
		t.Errorf("Destination is not percent-encoded in %s", u.RawQuery)
	}
	assertNoSecret(t, "login URL", got, "")
}

func TestSignInURLOptions(t *testing.T) {
	f := newFederation(t)
	got, err := console.SignInURL(context.Background(), creds, withEndpoint("us-east-1", f.URL),
		func(o *console.Options) { o.Destination = "https://console.aws.amazon.com/s3/home" })
	if err != nil {
		t.Fatal(err)
	}
	q, _ := url.ParseQuery(strings.SplitN(got, "?", 2)[1])
	if q.Has("Issuer") || q.Get("Destination") != "https://console.aws.amazon.com/s3/home" {
		t.Errorf("login URL = %s: want no Issuer and the given Destination", got)
	}
}

func TestSignInURLSessionDuration(t *testing.T) {
	tests := []struct {
		name string
		in   time.Duration
		want string
	}{
		{"one hour", time.Hour, "3600"},
		{"below the minimum", 100 * time.Second, "900"},
		{"above the maximum", 100 * time.Hour, "43200"},
		{"whole minutes", 90*time.Minute + 30*time.Second, "5400"},
		{"negative sends none", -time.Hour, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFederation(t)
			_, err := console.SignInURL(context.Background(), creds, withEndpoint("us-east-1", f.URL),
				func(o *console.Options) { o.SessionDuration = tt.in })
			if err != nil {
				t.Fatal(err)
			}
			if got := f.recorded()[0].form.Get("SessionDuration"); got != tt.want {
				t.Errorf("SessionDuration = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSignInURLRetriesWithoutSessionDuration(t *testing.T) {
	f := newFederation(t, reply{400, `{"message":"bad"}`}, reply{200, `{"SigninToken":"` + signinToken + `"}`})
	got, err := console.SignInURL(context.Background(), creds, withEndpoint("us-east-1", f.URL),
		func(o *console.Options) { o.SessionDuration = time.Hour })
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.recorded()
	if len(reqs) != 2 || reqs[0].form.Get("SessionDuration") != "3600" || reqs[1].form.Has("SessionDuration") {
		t.Fatalf("requests = %+v, want one with SessionDuration=3600 then one without", reqs)
	}
	if !strings.Contains(got, "SigninToken="+signinToken) {
		t.Errorf("login URL %s lacks the token", got)
	}
}

func TestSignInURLFailures(t *testing.T) {
	tests := []struct {
		name     string
		duration time.Duration
		replies  []reply
		requests int
		status   int
	}{
		{"400 without SessionDuration is not retried", 0, []reply{{400, `{"message":"Invalid credentials"}`}}, 1, 400},
		{"400 twice", time.Hour, []reply{{400, `{}`}}, 2, 400},
		{"500 is not retried", time.Hour, []reply{{500, `oops ` + creds.SecretAccessKey}}, 1, 500},
		{"200 without a token", 0, []reply{{200, `{"Token":"x"}`}}, 1, 200},
		{"200 with garbage", 0, []reply{{200, `<html>` + creds.SessionToken}}, 1, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFederation(t, tt.replies...)
			got, err := console.SignInURL(context.Background(), creds, withEndpoint("us-east-1", f.URL),
				func(o *console.Options) { o.SessionDuration = tt.duration })
			if err == nil {
				t.Fatalf("SignInURL = %q, want an error", got)
			}
			fe, ok := errors.AsType[*console.FederationError](err)
			if !ok || fe.StatusCode != tt.status {
				t.Errorf("error = %#v, want a FederationError with status %d", err, tt.status)
			}
			if n := len(f.recorded()); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
			if got != "" {
				t.Errorf("URL %q returned with an error", got)
			}
			assertNoSecret(t, "error", err.Error(), signinToken)
			if !strings.HasPrefix(err.Error(), "get console sign-in token: the federation endpoint answered") {
				t.Errorf("error = %q", err)
			}
		})
	}
}

func TestSignInURLBadInput(t *testing.T) {
	t.Setenv(console.EndpointEnv, "")
	noToken := creds
	noToken.SessionToken = ""
	tests := []struct {
		name  string
		creds accounts.Credentials
		opt   func(*console.Options)
		want  string
	}{
		{"no Region", creds, func(o *console.Options) {}, "no Region"},
		{"bad Region", creds, func(o *console.Options) { o.Region = "evil.example" }, "not an AWS Region name"},
		{"isolated partition", creds, func(o *console.Options) { o.Region = "us-iso-east-1" }, "isolated partition"},
		{"no session token", noToken, func(o *console.Options) { o.Region = "us-east-1" }, "incomplete"},
		{"http off loopback", creds, withEndpoint("us-east-1", "http://signin.example.com/federation"), "must use https"},
		{"query on the endpoint", creds, withEndpoint("us-east-1", "https://signin.example.com/federation?x=1"), "not a plain"},
		{"not a URL", creds, withEndpoint("us-east-1", "signin.example.com"), "not a plain"},
		{"password in the endpoint", creds, withEndpoint("us-east-1", "https://user:hunter2@signin.example.com/federation"), "must not hold a user name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := &fakeClient{}
			_, err := console.SignInURL(context.Background(), tt.creds, tt.opt,
				func(o *console.Options) { o.HTTPClient = client })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
			if len(client.urls) != 0 {
				t.Errorf("sent %d requests for bad input", len(client.urls))
			}
			if err != nil {
				assertNoSecret(t, "error", err.Error(), "hunter2")
			}
		})
	}
}

func TestSignInURLCanceled(t *testing.T) {
	f := newFederation(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := console.SignInURL(ctx, creds, withEndpoint("us-east-1", f.URL))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}

// fakeClient answers every request with a sign-in token and records the
// URLs it was sent to.
type fakeClient struct{ urls []string }

func (c *fakeClient) Do(r *http.Request) (*http.Response, error) {
	c.urls = append(c.urls, r.URL.String())
	return &http.Response{
		StatusCode: 200,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(strings.NewReader(`{"SigninToken":"` + signinToken + `"}`)),
	}, nil
}

func TestSignInURLPartitionEndpoints(t *testing.T) {
	t.Setenv(console.EndpointEnv, "")
	tests := []struct{ region, endpoint, destination string }{
		{"us-east-1", "https://signin.aws.amazon.com/federation", "https://console.aws.amazon.com/console/home?region=us-east-1"},
		{"eu-central-1", "https://eu-central-1.signin.aws.amazon.com/federation", "https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1"},
		{"us-gov-west-1", "https://signin.amazonaws-us-gov.com/federation", "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"},
		{"cn-northwest-1", "https://cn-northwest-1.signin.amazonaws.cn/federation", "https://cn-northwest-1.console.amazonaws.cn/console/home?region=cn-northwest-1"},
		{"eusc-de-east-1", "https://eusc-de-east-1.signin.amazonaws-eusc.eu/federation", "https://eusc-de-east-1.console.amazonaws-eusc.eu/console/home?region=eusc-de-east-1"},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			client := &fakeClient{}
			got, err := console.SignInURL(context.Background(), creds, func(o *console.Options) {
				o.Region = tt.region
				o.HTTPClient = client
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(client.urls) != 1 || client.urls[0] != tt.endpoint {
				t.Errorf("getSigninToken sent to %v, want %s", client.urls, tt.endpoint)
			}
			u, _ := url.Parse(got)
			if u.Scheme+"://"+u.Host+u.Path != tt.endpoint || u.Query().Get("Destination") != tt.destination {
				t.Errorf("login URL = %s, want %s with Destination %s", got, tt.endpoint, tt.destination)
			}
		})
	}
}

func TestSignInURLEndpointFromEnv(t *testing.T) {
	f := newFederation(t)
	t.Setenv(console.EndpointEnv, f.URL+"/federation")
	if got := console.EndpointFromEnv(); got != f.URL+"/federation" {
		t.Errorf("EndpointFromEnv = %q", got)
	}
	got, err := console.SignInURL(context.Background(), creds, func(o *console.Options) { o.Region = "eu-west-1" })
	if err != nil {
		t.Fatal(err)
	}
	if len(f.recorded()) != 1 || !strings.HasPrefix(got, f.URL+"/federation?") {
		t.Errorf("login URL = %s, requests %d: the environment's endpoint was not used", got, len(f.recorded()))
	}

	// Options.Endpoint wins over the environment.
	other := newFederation(t)
	if _, err := console.SignInURL(context.Background(), creds, withEndpoint("eu-west-1", other.URL)); err != nil {
		t.Fatal(err)
	}
	if len(other.recorded()) != 1 || len(f.recorded()) != 1 {
		t.Errorf("Options.Endpoint did not override %s", console.EndpointEnv)
	}
}

// TestSignInURLRefusesRedirect: a 307 would resend the credentials to
// another host; the default client does not follow it.
func TestSignInURLRefusesRedirect(t *testing.T) {
	elsewhere := newFederation(t)
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirector.Close)
	_, err := console.SignInURL(context.Background(), creds, withEndpoint("us-east-1", redirector.URL))
	if fe, ok := errors.AsType[*console.FederationError](err); !ok || fe.StatusCode != http.StatusTemporaryRedirect {
		t.Errorf("error = %v, want a FederationError with status 307", err)
	}
	if n := len(elsewhere.recorded()); n != 0 {
		t.Errorf("the redirect target got %d requests", n)
	}
}
