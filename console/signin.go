package console

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ssotray/ssotray/accounts"
)

// EndpointEnv names the environment variable that points [SignInURL] at
// another federation endpoint, such as the local Identity Center's
// "http://127.0.0.1:PORT/federation" in the demo and in tests.
const EndpointEnv = "SSOTRAY_FEDERATION_ENDPOINT"

// Limits of SessionDuration on getSigninToken (IAM User Guide, "Enable
// custom identity broker access to the AWS console").
const (
	MinSessionDuration = 15 * time.Minute
	MaxSessionDuration = 12 * time.Hour
)

// defaultTimeout bounds each call to the federation endpoint when
// Options.HTTPClient is nil.
const defaultTimeout = 30 * time.Second

// maxBodyBytes caps the federation endpoint's reply, as x/oauth2 does.
const maxBodyBytes = 1 << 20

// HTTPClient sends a request; *http.Client fits.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Options configures [SignInURL].
type Options struct {
	// Region is the console's Region, such as "eu-west-1". It is required:
	// it picks the partition, the federation host and the default
	// Destination.
	Region string

	// Issuer is sent as the login URL's Issuer, where the console sends a
	// person whose session ended; ssotray passes the access portal's start
	// URL. The default, "", leaves it out.
	Issuer string

	// Destination is the console page to open. The default is the console
	// home in Region ([ConsoleHome]).
	Destination string

	// Endpoint is the federation endpoint's URL. The default is the
	// SSOTRAY_FEDERATION_ENDPOINT environment variable when set
	// ([EndpointFromEnv]), else the Region's own ([FederationEndpoint]). It
	// must be https, or http to a loopback address.
	Endpoint string

	// SessionDuration asks for a console session of this length, clamped to
	// MinSessionDuration–MaxSessionDuration and cut to whole minutes. The
	// default, zero, sends none, so the console lasts as long as the
	// credentials (Granted's choice). If the endpoint refuses the request
	// with 400, it is sent once more without it.
	SessionDuration time.Duration

	// HTTPClient sends the getSigninToken request. The default is an
	// *http.Client with a 30 s timeout that follows no redirect (a redirect
	// is then an error, as the credentials must go nowhere else).
	HTTPClient HTTPClient
}

// FederationError is a getSigninToken call that the federation endpoint
// answered with something other than a sign-in token. It holds no secret:
// neither the request, the reply's body, nor any URL with a token.
type FederationError struct {
	// StatusCode is the HTTP status; 200 when the body had no SigninToken.
	StatusCode int
}

// Error says what went wrong in words a person can act on.
func (e *FederationError) Error() string {
	if e.StatusCode == http.StatusOK {
		return "get console sign-in token: the federation endpoint answered without a sign-in token"
	}
	msg := fmt.Sprintf("get console sign-in token: the federation endpoint answered %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.StatusCode == http.StatusBadRequest {
		msg += " (the role credentials may have expired)"
	}
	return msg
}

// EndpointFromEnv returns SSOTRAY_FEDERATION_ENDPOINT, or "" when unset.
func EndpointFromEnv() string {
	return strings.TrimSpace(os.Getenv(EndpointEnv))
}

// SignInURL trades creds, a role's temporary credentials, for a console
// sign-in token at the federation endpoint and returns the login URL that
// opens the console: endpoint?Action=login&Issuer=…&Destination=…&SigninToken=….
//
// The credentials travel in the body of a POST (as aws-sso-util sends them),
// never in a URL. The returned URL grants console access for 15 minutes: it
// is a secret, to open in a browser or print where the person asked, never to
// log. Errors never contain the credentials, the token or the URL.
func SignInURL(ctx context.Context, creds accounts.Credentials, optFns ...func(*Options)) (string, error) {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	if creds.AccessKeyID == "" || creds.SecretAccessKey == "" || creds.SessionToken == "" {
		return "", errors.New("console sign-in: the role credentials are incomplete (key ID, secret and session token are all needed)")
	}
	endpoint, destination, err := o.resolve()
	if err != nil {
		return "", err
	}
	client := o.HTTPClient
	if client == nil {
		client = &http.Client{
			Timeout: defaultTimeout,
			// A 307 or 308 would resend the credentials to wherever it
			// points; the federation endpoint answers directly.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}

	duration := clampDuration(o.SessionDuration)
	token, err := getSigninToken(ctx, client, endpoint, creds, duration)
	if fe, ok := errors.AsType[*FederationError](err); ok && fe.StatusCode == http.StatusBadRequest && duration > 0 {
		// SessionDuration is refused for some credentials (role chaining,
		// odd values: accounts-roles.md §1.2); the credentials' own lifetime
		// is the next best.
		token, err = getSigninToken(ctx, client, endpoint, creds, 0)
	}
	if err != nil {
		return "", err
	}

	q := url.Values{}
	q.Set("Action", "login")
	if o.Issuer != "" {
		q.Set("Issuer", o.Issuer)
	}
	q.Set("Destination", destination)
	q.Set("SigninToken", token)
	return endpoint + "?" + q.Encode(), nil
}

// resolve checks the options and fills in the defaults.
func (o Options) resolve() (endpoint, destination string, err error) {
	if o.Region == "" {
		return "", "", errors.New("console sign-in: no Region for the console")
	}
	destination = o.Destination
	if destination == "" {
		if destination, err = ConsoleHome(o.Region); err != nil {
			return "", "", err
		}
	}
	endpoint = o.Endpoint
	if endpoint == "" {
		endpoint = EndpointFromEnv()
	}
	if endpoint == "" {
		if endpoint, err = FederationEndpoint(o.Region); err != nil {
			return "", "", err
		}
	}
	if err := checkEndpoint(endpoint); err != nil {
		return "", "", err
	}
	return endpoint, destination, nil
}

// checkEndpoint refuses an endpoint that would send credentials in clear
// text off this machine, or that cannot take a query.
func checkEndpoint(endpoint string) error {
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("console sign-in: federation endpoint %q is not a plain http(s) URL", endpoint)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if ip := net.ParseIP(u.Hostname()); (ip != nil && ip.IsLoopback()) || u.Hostname() == "localhost" {
			return nil
		}
		return fmt.Errorf("console sign-in: federation endpoint %q must use https (http only on loopback)", endpoint)
	}
	return fmt.Errorf("console sign-in: federation endpoint %q is not a plain http(s) URL", endpoint)
}

// clampDuration returns d within the endpoint's limits in whole minutes, or
// 0 for "send none".
func clampDuration(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return min(max(d, MinSessionDuration), MaxSessionDuration).Truncate(time.Minute)
}

// getSigninToken is step A of the IAM User Guide's custom broker: the
// Session JSON has exactly the keys sessionId, sessionKey and sessionToken.
func getSigninToken(ctx context.Context, client HTTPClient, endpoint string, creds accounts.Credentials, duration time.Duration) (string, error) {
	session, err := json.Marshal(struct {
		ID    string `json:"sessionId"`
		Key   string `json:"sessionKey"`
		Token string `json:"sessionToken"`
	}{creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken})
	if err != nil {
		return "", fmt.Errorf("get console sign-in token: %w", err)
	}
	form := url.Values{}
	form.Set("Action", "getSigninToken")
	form.Set("Session", string(session))
	if duration > 0 {
		form.Set("SessionDuration", strconv.Itoa(int(duration/time.Second)))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("get console sign-in token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")

	resp, err := client.Do(req)
	if err != nil {
		// *url.Error names the method and the endpoint, neither secret.
		return "", fmt.Errorf("get console sign-in token: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	if err != nil {
		return "", fmt.Errorf("get console sign-in token: read the reply: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", &FederationError{StatusCode: resp.StatusCode}
	}
	var reply struct {
		SigninToken string `json:"SigninToken"`
	}
	if json.Unmarshal(body, &reply) != nil || reply.SigninToken == "" {
		return "", &FederationError{StatusCode: resp.StatusCode}
	}
	return reply.SigninToken, nil
}
