package idctest

import (
	"net/url"
	"slices"
	"time"
)

// Grant types (RFC 8628 §3.4, RFC 6749 §4.1.3 and §6).
const (
	grantDeviceCode   = "urn:ietf:params:oauth:grant-type:device_code"
	grantRefreshToken = "refresh_token"
	grantAuthCode     = "authorization_code"
)

const opCreateTokenWithIAM = "CreateTokenWithIAM"

// authCodeTTL is how long a PKCE authorization code stays usable (RFC 6749
// §4.1.2 recommends at most 10 minutes; the real value is not known).
const authCodeTTL = 5 * time.Minute

// client is a registration from RegisterClient.
type client struct {
	id, secret   string
	name         string
	scopes       []string
	grantTypes   []string
	redirectURIs []string
	issuerURL    string
	expiresAt    time.Time
}

// allows reports whether the registration may use grant. A registration
// without grantTypes is a device-flow registration, as the CLI makes them.
func (c *client) allows(grant string) bool {
	if len(c.grantTypes) == 0 {
		return grant == grantDeviceCode || grant == grantRefreshToken
	}
	return slices.Contains(c.grantTypes, grant)
}

// matchRedirect reports whether uri matches a registered redirect URI. For
// loopback hosts registered without a port, any port matches (RFC 8252 §7.3),
// which is what AWS CLI v2 relies on.
func (c *client) matchRedirect(uri string) bool {
	u, err := url.Parse(uri)
	if err != nil || u.Host == "" {
		return false
	}
	for _, reg := range c.redirectURIs {
		if reg == uri {
			return true
		}
		r, err := url.Parse(reg)
		if err != nil || r.Scheme != u.Scheme || r.Hostname() != u.Hostname() || r.Path != u.Path {
			continue
		}
		if r.Port() == "" && isLoopback(r.Hostname()) {
			return true
		}
	}
	return false
}

func isLoopback(host string) bool {
	return host == "127.0.0.1" || host == "::1" || host == "localhost"
}

type deviceState int

const (
	devicePending deviceState = iota
	deviceApproved
	deviceDenied
	deviceIssued // a token was issued; the device code is spent
)

// device is one StartDeviceAuthorization.
type device struct {
	code, userCode string
	clientID       string
	clientName     string
	startURL       string
	expiresAt      time.Time
	expired        bool // forced by ExpireDevice
	state          deviceState
	pendingPolls   int
	interval       time.Duration // for EnforceInterval; grows on slow_down
	lastPoll       time.Time
}

func (d *device) isExpired(now time.Time) bool {
	return d.expired || !now.Before(d.expiresAt)
}

// session is one sign-in. Logout ends it, which invalidates every access and
// refresh token issued in it.
type session struct {
	clientID  string
	loggedOut bool
}

type accessToken struct {
	sess      *session
	expiresAt time.Time
}

type refreshToken struct {
	sess    *session
	revoked bool // rotated away
}

// authRequest is a PKCE /authorize request waiting for the approval page.
type authRequest struct {
	id          string
	clientID    string
	clientName  string
	redirectURI string
	state       string
	challenge   string
	done        bool
}

// authCode is an issued PKCE authorization code.
type authCode struct {
	clientID    string
	redirectURI string
	challenge   string
	expiresAt   time.Time
	used        bool
}
