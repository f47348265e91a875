package flow_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
)

// Secrets the fuzzed sign-ins hold. None may show in an error, a state or a
// log line. The fuzzer never writes the first two; it may copy the others
// from the seeds into any field.
const (
	fuzzClientSecret = "FUZZSECRET-client-7f3a"
	fuzzDeviceCode   = "FUZZSECRET-device-91c2"
	fuzzAccessToken  = "FUZZSECRET-access-55d0"
	fuzzRefreshToken = "FUZZSECRET-refresh-0b6e"
)

// maxRead is how much of one reply the client may read: flow's 1 MiB limit
// plus the little the JSON decoder reads ahead.
const maxRead = 1<<20 + 64<<10

// reply is a fuzzed HTTP answer.
type reply struct {
	status      int
	errorType   string // x-amzn-ErrorType, when not empty
	contentType string
	body        []byte
}

// newReply builds a reply from fuzz arguments: any status is folded into
// 200–599, and bloat spaces go after the body's first byte (inside a JSON
// object they change nothing but its size).
func newReply(status int, errorType, contentType string, body []byte, bloat uint32) reply {
	if status < 200 || status > 599 {
		status = 200 + (status%400+400)%400
	}
	if n := int(bloat % (8 << 20)); n > 0 && len(body) > 0 {
		b := make([]byte, 0, len(body)+n)
		b = append(b, body[0])
		b = append(b, strings.Repeat(" ", n)...)
		body = append(b, body[1:]...)
	}
	return reply{status: status, errorType: errorType, contentType: contentType, body: body}
}

func (r reply) write(w http.ResponseWriter) {
	if r.errorType != "" {
		w.Header().Set("X-Amzn-Errortype", r.errorType)
	}
	if r.contentType != "" {
		w.Header().Set("Content-Type", r.contentType)
	}
	w.Header().Set("X-Amzn-Requestid", "fuzz-request")
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body)
}

var (
	registered = reply{status: 200, contentType: "application/json", body: []byte(`{"clientId":"cid-fuzz","clientSecret":"` + fuzzClientSecret +
		`","clientIdIssuedAt":1795780800,"clientSecretExpiresAt":1803556800}`)}
	deviceStarted = reply{status: 200, contentType: "application/json", body: []byte(`{"deviceCode":"` + fuzzDeviceCode +
		`","userCode":"PMPJ-VZCJ","verificationUri":"https://device.sso.eu-west-1.amazonaws.com/",` +
		`"verificationUriComplete":"https://device.sso.eu-west-1.amazonaws.com/?user_code=PMPJ-VZCJ","expiresIn":5,"interval":1}`)}
	tokenGranted = reply{status: 200, contentType: "application/json", body: []byte(`{"accessToken":"` + fuzzAccessToken +
		`","tokenType":"Bearer","expiresIn":3600,"refreshToken":"` + fuzzRefreshToken + `"}`)}
)

// signInOutcome is what one sign-in against a scripted server did.
type signInOutcome struct {
	tok    flow.Token
	err    error
	states []flow.State
	logs   []string
	stored bool
	now    time.Time // the virtual clock at the end
}

// countingTransport records the largest number of body bytes the client read
// from any one reply.
type countingTransport struct {
	mu      sync.Mutex
	maxRead int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	resp.Body = &countingBody{ReadCloser: resp.Body, t: c}
	return resp, nil
}

type countingBody struct {
	io.ReadCloser
	t *countingTransport
	n int64
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	b.t.mu.Lock()
	b.t.maxRead = max(b.t.maxRead, b.n)
	b.t.mu.Unlock()
	return n, err
}

// signInAgainst runs a whole sign-in with the real ssooidc client against a
// local server that answers each path with the given reply, on a virtual
// clock. It fails the test if the sign-in does not end within 20 s of wall
// time, or reads more than maxRead of one reply.
func signInAgainst(t *testing.T, replies map[string]reply) signInOutcome {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		rep, ok := replies[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		rep.write(w)
	}))
	defer srv.Close()

	counter := &countingTransport{}
	api := ssooidc.New(ssooidc.Options{
		Region:       "eu-west-1",
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   &http.Client{Transport: counter},
		// The SDK's standard retryer, as in production, without the waits.
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = 2
			o.Backoff = noBackoff{}
		}),
	})
	var (
		mu  sync.Mutex
		out signInOutcome
	)
	clock := flowtest.NewClock(t0)
	store := flowtest.NewStore()
	f := flow.New(api, store, func(o *flow.Options) {
		o.Clock = clock
		o.CallTimeout = 5 * time.Second
		o.Logf = func(format string, args ...any) {
			mu.Lock()
			out.logs = append(out.logs, fmt.Sprintf(format, args...))
			mu.Unlock()
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out.tok, out.err = f.SignIn(ctx, corp, flow.DeviceCode, func(s flow.State) {
		mu.Lock()
		out.states = append(out.states, s)
		mu.Unlock()
	})
	if ctx.Err() != nil {
		t.Fatalf("the sign-in hung: still running after 20 s (err %v)", out.err)
	}
	if counter.maxRead > maxRead {
		t.Errorf("the client read %d bytes of one reply; the limit is 1 MiB", counter.maxRead)
	}
	_, out.stored = store.Token(corp.Name)
	out.now = clock.Now()
	return out
}

type noBackoff struct{}

func (noBackoff) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }

// secretsIn returns the values of body's secret-bearing members, if body is
// a JSON object, leaving out any value that the body also sends as an error
// message (a message the server chose to send is not ssotray's leak).
func secretsIn(body []byte) []string {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return nil
	}
	var messages []string
	for _, k := range []string{"message", "Message", "error_description", "error", "__type", "code", "Code", "reason"} {
		if s, ok := m[k].(string); ok {
			messages = append(messages, s)
		}
	}
	var out []string
	for _, k := range []string{"accessToken", "refreshToken", "idToken", "deviceCode", "clientSecret"} {
		s, ok := m[k].(string)
		if !ok || len(s) < 8 {
			continue
		}
		shown := false
		for _, msg := range messages {
			shown = shown || strings.Contains(msg, s)
		}
		if !shown {
			out = append(out, s)
		}
	}
	return out
}

// checkOutcome asserts the properties every sign-in must have, whatever the
// server answered.
func checkOutcome(t *testing.T, o signInOutcome, fuzzed reply) {
	t.Helper()
	secrets := []string{fuzzClientSecret, fuzzDeviceCode}
	if !strings.Contains(string(fuzzed.body), fuzzAccessToken) {
		secrets = append(secrets, fuzzAccessToken, fuzzRefreshToken)
	}
	secrets = append(secrets, secretsIn(fuzzed.body)...)
	// A fuzzed body or header may itself carry a fixed secret in a message;
	// then only the members' values count.
	raw := string(fuzzed.body) + fuzzed.errorType
	keep := secrets[:0]
	for _, s := range secrets {
		if s == fuzzClientSecret || s == fuzzDeviceCode {
			if strings.Contains(raw, s) {
				continue
			}
		}
		keep = append(keep, s)
	}
	secrets = keep

	// A token or an error, never both, never neither.
	switch {
	case o.err == nil:
		if o.tok.AccessToken == "" {
			t.Fatalf("signed in with an empty access token")
		}
		if !o.tok.ExpiresAt.After(o.now) {
			t.Errorf("signed in with a token that expired at %v (now %v)", o.tok.ExpiresAt, o.now)
		}
		if !o.stored {
			t.Errorf("signed in but nothing was stored")
		}
	default:
		if o.tok != (flow.Token{}) {
			t.Errorf("failed (%v) but returned a token", o.err)
		}
		if o.stored {
			t.Errorf("failed (%v) but stored a token", o.err)
		}
		if errors.Is(o.err, context.Canceled) || errors.Is(o.err, context.DeadlineExceeded) {
			t.Errorf("ended with %v though nothing cancelled it", o.err)
		}
		checkText(t, "error", o.err.Error(), secrets)
	}
	for _, l := range o.logs {
		checkText(t, "log line", l, secrets)
	}

	// The states: Registering first, then AwaitingUser, then one final state
	// that agrees with the result.
	if len(o.states) < 2 {
		t.Fatalf("%d states published, want at least 2", len(o.states))
	}
	if o.states[0].Phase != flow.Registering {
		t.Errorf("first state %v, want registering", o.states[0].Phase)
	}
	last := o.states[len(o.states)-1]
	polls := 0
	for i, s := range o.states {
		for _, v := range []string{fmt.Sprintf("%v", s), fmt.Sprintf("%+v", s), fmt.Sprintf("%#v", s)} {
			checkText(t, "state", v, nil)
			for _, secret := range secrets {
				if strings.Contains(v, secret) {
					t.Errorf("state %d shows the secret %q", i, secret)
				}
			}
		}
		if i < len(o.states)-1 && s.Phase.Done() {
			t.Errorf("state %d is final (%v) but more followed", i, s.Phase)
		}
		if i > 0 && s.Phase < o.states[i-1].Phase {
			t.Errorf("state %d went back from %v to %v", i, o.states[i-1].Phase, s.Phase)
		}
		if s.Polls < polls {
			t.Errorf("state %d: polls went down from %d to %d", i, polls, s.Polls)
		}
		polls = s.Polls
		if s.Phase == flow.AwaitingUser {
			if s.UserCode == "" || s.VerificationURIComplete == "" {
				t.Errorf("awaiting the user with no code or no page: %q %q", s.UserCode, s.VerificationURIComplete)
			}
			if s.Interval <= 0 || !s.CodeExpiresAt.After(t0) {
				t.Errorf("awaiting the user with interval %v, code expiry %v", s.Interval, s.CodeExpiresAt)
			}
		}
	}
	switch {
	case o.err == nil && (last.Phase != flow.SignedIn || !last.TokenExpiresAt.Equal(o.tok.ExpiresAt) || last.Err != nil):
		t.Errorf("signed in, but the last state is %v (token expiry %v, err %v)", last.Phase, last.TokenExpiresAt, last.Err)
	case o.err != nil && (last.Phase != flow.Failed || last.Err != o.err):
		t.Errorf("failed with %v, but the last state is %v with %v", o.err, last.Phase, last.Err)
	}
}

// checkText asserts that text meant for a person is one line of printable
// text of modest length with none of the secrets.
func checkText(t *testing.T, what, text string, secrets []string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Errorf("%s is not valid UTF-8: %q", what, text)
	}
	if strings.IndexFunc(text, func(r rune) bool { return unicode.IsControl(r) }) >= 0 {
		t.Errorf("%s holds control characters: %q", what, text)
	}
	if len(text) > 2000 {
		t.Errorf("%s is %d bytes long: %.200q…", what, len(text), text)
	}
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("%s shows the secret %q: %q", what, s, text)
		}
	}
}

// FuzzCreateTokenResponse answers every CreateToken with the fuzzed reply,
// after a normal RegisterClient and StartDeviceAuthorization.
func FuzzCreateTokenResponse(f *testing.F) {
	f.Add(200, "", "application/json", tokenGranted.body, uint32(0))
	f.Fuzz(func(t *testing.T, status int, errorType, contentType string, body []byte, bloat uint32) {
		fuzzed := newReply(status, errorType, contentType, body, bloat)
		o := signInAgainst(t, map[string]reply{
			"/client/register":      registered,
			"/device_authorization": deviceStarted,
			"/token":                fuzzed,
		})
		checkOutcome(t, o, fuzzed)
	})
}

// FuzzStartDeviceAuthorizationResponse answers every StartDeviceAuthorization
// with the fuzzed reply, after a normal RegisterClient; CreateToken grants a
// token at once.
func FuzzStartDeviceAuthorizationResponse(f *testing.F) {
	f.Add(200, "", "application/json", deviceStarted.body, uint32(0))
	f.Fuzz(func(t *testing.T, status int, errorType, contentType string, body []byte, bloat uint32) {
		fuzzed := newReply(status, errorType, contentType, body, bloat)
		o := signInAgainst(t, map[string]reply{
			"/client/register":      registered,
			"/device_authorization": fuzzed,
			"/token":                tokenGranted,
		})
		checkOutcome(t, o, fuzzed)
	})
}
