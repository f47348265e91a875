package idctest

import (
	"slices"
	"time"
)

// Defaults applied by [NewServer] and [Listen] before the option functions run.
const (
	// DefaultInterval is the polling interval, in seconds, that the real service
	// returns from StartDeviceAuthorization (aws/aws-cli#5971 debug log).
	DefaultInterval = 1
	// DefaultDeviceCodeTTL is the device code's lifetime (expiresIn 600).
	DefaultDeviceCodeTTL = 10 * time.Minute
	// DefaultAccessTokenTTL is the access token's lifetime.
	DefaultAccessTokenTTL = time.Hour
	// DefaultRegistrationTTL is how long a client registration lasts
	// (clientSecretExpiresAt is about 90 days ahead).
	DefaultRegistrationTTL = 90 * 24 * time.Hour
	// DefaultRoleCredentialsTTL is the lifetime of role credentials.
	DefaultRoleCredentialsTTL = time.Hour
	// DefaultAccountID is the account of the default [Options.Accounts].
	DefaultAccountID = "111111111111"
)

// Options configures a [Server]. [NewServer] and [Listen] fill in the defaults
// first and then call the option functions, so a function only sets what it
// changes. Durations that are zero or negative afterwards fall back to their
// defaults.
type Options struct {
	// Now is the clock for every expiry the server computes and checks. Nil
	// means time.Now. It is called with the server's lock held, so it must not
	// call the Server's methods.
	Now func() time.Time

	// Interval is the device polling interval, in seconds, returned by
	// StartDeviceAuthorization. The default is DefaultInterval (1, as the real
	// service). A value of 0 or less is reset to the default unless
	// OmitInterval is set.
	Interval int32

	// OmitInterval leaves "interval" out of the StartDeviceAuthorization reply,
	// so clients must fall back to 5 s (RFC 8628 §3.2). The default is false.
	OmitInterval bool

	// EnforceInterval makes CreateToken answer slow_down to a device poll that
	// arrives sooner than the device's current interval after the previous
	// one, and grow that interval by 5 s (RFC 8628 §3.5). The default is false,
	// because clock-driven tests poll as fast as they like.
	EnforceInterval bool

	// DeviceCodeTTL is the device code's lifetime (expiresIn). The default is
	// DefaultDeviceCodeTTL (10 minutes).
	DeviceCodeTTL time.Duration

	// AccessTokenTTL is the lifetime of access tokens (expiresIn). The default
	// is DefaultAccessTokenTTL (1 hour).
	AccessTokenTTL time.Duration

	// RegistrationTTL is the lifetime of a client registration
	// (clientSecretExpiresAt). The default is DefaultRegistrationTTL (90 days).
	RegistrationTTL time.Duration

	// AutoApprove decides who approves device codes. -1, the default, waits for
	// Approve, Deny or the web page. N >= 0 approves a device code after N
	// polls answered authorization_pending, so 0 approves on the first poll.
	// With N >= 0 the PKCE /authorize endpoint also redirects at once instead of
	// showing its approval page.
	AutoApprove int

	// Authorize scripts what the PKCE /authorize page does; the default,
	// AuthorizeAsk, asks the person (or follows AutoApprove). Server.
	// ScriptAuthorize changes it while the server runs.
	Authorize AuthorizeBehaviour

	// RotateRefreshTokens makes each refresh return a new refresh token and
	// invalidate the old one, whose reuse then answers invalid_grant. The
	// default is true. When false, a refresh returns the same refresh token.
	RotateRefreshTokens bool

	// Accounts are the accounts and roles the portal API serves. The default is
	// one account DefaultAccountID named "Demo" (demo@example.com) with the roles
	// ReadOnly and Admin. Nil or empty means no accounts.
	Accounts []Account

	// RoleCredentialsTTL is the lifetime of credentials from
	// GetRoleCredentials. The default is DefaultRoleCredentialsTTL (1 hour).
	RoleCredentialsTTL time.Duration

	// Logf, if set, receives one line per request: method, path, operation,
	// status and error type. It never receives tokens, secrets or device codes.
	Logf func(format string, args ...any)

	// Throttling and scale

	// PortalRate is how many portal requests (ListAccounts,
	// ListAccountRoles, GetRoleCredentials) a second the server accepts,
	// with a token bucket that refills by Now; the others get 429
	// TooManyRequestsException as the real portal answers it, and use no
	// token. 0, the default, means no limit.
	PortalRate float64

	// PortalBurst is the token bucket's size, which starts full. 0 or less
	// means one second's worth: PortalRate rounded up.
	PortalBurst int

	// RetryAfter adds a Retry-After header (whole seconds until the next
	// token, at least 1) to throttled answers. The real portal is not known
	// to send one; the default is false.
	RetryAfter bool
}

// Account is an AWS account the signed-in user is assigned to, with the
// permission-set role names available in it.
type Account struct {
	ID, Name, Email string
	Roles           []string
}

func defaultOptions() Options {
	return Options{
		Interval:            DefaultInterval,
		DeviceCodeTTL:       DefaultDeviceCodeTTL,
		AccessTokenTTL:      DefaultAccessTokenTTL,
		RegistrationTTL:     DefaultRegistrationTTL,
		AutoApprove:         -1,
		RotateRefreshTokens: true,
		Accounts: []Account{{
			ID:    DefaultAccountID,
			Name:  "Demo",
			Email: "demo@example.com",
			Roles: []string{"ReadOnly", "Admin"},
		}},
		RoleCredentialsTTL: DefaultRoleCredentialsTTL,
	}
}

// normalize applies the documented fallbacks and deep-copies the accounts so
// that the caller's slices cannot race with the server.
func (o *Options) normalize() {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Interval <= 0 && !o.OmitInterval {
		o.Interval = DefaultInterval
	}
	if o.Interval < 0 {
		o.Interval = 0
	}
	if o.DeviceCodeTTL <= 0 {
		o.DeviceCodeTTL = DefaultDeviceCodeTTL
	}
	if o.AccessTokenTTL <= 0 {
		o.AccessTokenTTL = DefaultAccessTokenTTL
	}
	if o.RegistrationTTL <= 0 {
		o.RegistrationTTL = DefaultRegistrationTTL
	}
	if o.RoleCredentialsTTL <= 0 {
		o.RoleCredentialsTTL = DefaultRoleCredentialsTTL
	}
	if o.AutoApprove < -1 {
		o.AutoApprove = -1
	}
	accounts := make([]Account, len(o.Accounts))
	for i, a := range o.Accounts {
		a.Roles = slices.Clone(a.Roles)
		accounts[i] = a
	}
	o.Accounts = accounts
}
