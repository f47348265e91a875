package flow

import (
	"context"
	"errors"
	"net"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

const (
	grantDeviceCode   = "urn:ietf:params:oauth:grant-type:device_code"
	grantRefreshToken = "refresh_token"
	grantAuthCode     = "authorization_code"

	// defaultInterval applies when StartDeviceAuthorization names none:
	// "If no value is provided, clients MUST use 5 as the default."
	// (RFC 8628 §3.2).
	defaultInterval = 5 * time.Second
	// slowDownStep is added to the interval on every slow_down: "the
	// interval MUST be increased by 5 seconds for this and all subsequent
	// requests" (RFC 8628 §3.5).
	slowDownStep = 5 * time.Second
	// defaultCodeLifetime is used if a reply lacks expiresIn; Identity
	// Center gives 600 s.
	defaultCodeLifetime = 10 * time.Minute
	// registrationMargin: like the AWS CLI, register again when a cached
	// registration has less than 15 minutes left.
	registrationMargin = 15 * time.Minute
	// rotationChecks and rotationWait bound how long Refresh waits for
	// another program's rotated token to land: 2 s in all.
	rotationChecks = 10
	rotationWait   = 200 * time.Millisecond
	// defaultCallTimeout bounds every single API call.
	defaultCallTimeout = 30 * time.Second
	// defaultCallbackTimeout is how long a browser sign-in waits for the
	// browser to come back: the AWS CLI's 600 s.
	defaultCallbackTimeout = 10 * time.Minute
)

// Options tune a Flow. The zero value of every field is the real default.
type Options struct {
	// Clock tells the time and waits between polls. Default: RealClock.
	Clock Clock
	// ClientName is the OIDC client name registered. Default: "ssotray".
	ClientName string
	// CallTimeout bounds each API call. Default: 30 s.
	CallTimeout time.Duration
	// CallbackTimeout bounds how long a browser sign-in (AuthCode) waits
	// for the browser to come back. Default: 10 minutes, as the AWS CLI.
	CallbackTimeout time.Duration
	// Listen opens the loopback listener of a browser sign-in. Default:
	// net.Listen. Tests use it to refuse the port.
	Listen func(network, address string) (net.Listener, error)
	// AuthorizeEndpoint is the OIDC endpoint whose /authorize page a
	// browser sign-in opens, such as "https://oidc.eu-west-1.amazonaws.com".
	// Default: the endpoint the OIDC client itself resolves (so
	// AWS_ENDPOINT_URL_SSO_OIDC moves it too), when the client is an
	// *ssooidc.Client or tells its options the same way.
	AuthorizeEndpoint string
	// ResolveStartURL turns a start URL on a company's own domain into the
	// AWS access portal URL it leads to, which is what Identity Center
	// knows as the issuer. Default: the start URL as configured.
	ResolveStartURL func(ctx context.Context, startURL string) (string, error)
	// Logf receives debug lines, which never hold secrets, possibly from
	// more than one goroutine at once. Default: none.
	Logf func(format string, args ...any)
}

// Flow signs people in and refreshes their tokens. It is safe for
// concurrent use; each call works on its own Target.
type Flow struct {
	api   OIDC
	store Store
	opts  Options
}

// New returns a Flow that calls api and keeps registrations and tokens in store.
func New(api OIDC, store Store, optFns ...func(*Options)) *Flow {
	if api == nil || store == nil {
		panic("flow.New: api and store are required")
	}
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	if o.Clock == nil {
		o.Clock = RealClock{}
	}
	if o.ClientName == "" {
		o.ClientName = "ssotray"
	}
	if o.CallTimeout <= 0 {
		o.CallTimeout = defaultCallTimeout
	}
	if o.CallbackTimeout <= 0 {
		o.CallbackTimeout = defaultCallbackTimeout
	}
	if o.Listen == nil {
		o.Listen = net.Listen
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return &Flow{api: api, store: store, opts: o}
}

// call runs fn with the per-call deadline.
func (f *Flow) call(ctx context.Context, fn func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, f.opts.CallTimeout)
	defer cancel()
	return fn(ctx)
}

// createToken calls CreateToken with the per-call deadline and the
// response-size limit, for every grant.
func (f *Flow) createToken(ctx context.Context, in *ssooidc.CreateTokenInput) (*ssooidc.CreateTokenOutput, error) {
	var out *ssooidc.CreateTokenOutput
	err := f.call(ctx, func(ctx context.Context) error {
		var err error
		out, err = f.api.CreateToken(ctx, in, limitResponses)
		return err
	})
	return out, err
}

// cancelled maps a context error to the Cancelled outcome.
func cancelled(ctx context.Context, err error) bool {
	return errors.Is(err, context.Canceled) || ctx.Err() != nil
}
