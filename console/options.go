package console

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
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

// EndpointFromEnv returns SSOTRAY_FEDERATION_ENDPOINT, or "" when unset.
func EndpointFromEnv() string {
	return strings.TrimSpace(os.Getenv(EndpointEnv))
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
	if err == nil && u.User != nil {
		// Not echoed: a user name and password are secrets.
		return errors.New("console sign-in: the federation endpoint must not hold a user name or password")
	}
	if err != nil || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
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
