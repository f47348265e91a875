package flow

import (
	"fmt"
	"slices"
	"time"
)

// DefaultScopes are the registration scopes used when the config names none.
// sso:account:access is what `aws configure sso` writes; it is what makes
// Identity Center hand out refresh tokens.
var DefaultScopes = []string{"sso:account:access"}

// Target is what a person signs in to: one start URL in one Region.
type Target struct {
	// Name is the sso-session name, or the legacy profile's name.
	Name string
	// StartURL is the AWS access portal URL exactly as configured.
	StartURL string
	// Region is the Identity Center Region (sso_region).
	Region string
	// Scopes are the registration scopes; empty means DefaultScopes.
	Scopes []string
	// Legacy is true for a profile that carries sso_start_url itself
	// instead of naming an [sso-session].
	Legacy bool
}

// scopes returns the scopes to register with.
func (t Target) scopes() []string {
	if len(t.Scopes) == 0 {
		return DefaultScopes
	}
	return t.Scopes
}

// Registration is an OIDC client registration: reused for every sign-in to
// one target until shortly before it expires.
type Registration struct {
	ClientID     string
	ClientSecret string
	ExpiresAt    time.Time
	Scopes       []string
	// GrantTypes is set only for registrations made for the authorization
	// code flow (the AWS CLI's default since 2.22); the device flow cannot
	// use those.
	GrantTypes []string
}

// usableFor reports whether r may serve one more sign-in with m at now.
func (r Registration) usableFor(m Method, now time.Time) bool {
	if r.ClientID == "" || r.ClientSecret == "" {
		return false
	}
	// The AWS CLI registers again when fewer than 15 minutes remain.
	if !r.ExpiresAt.IsZero() && !now.Add(registrationMargin).Before(r.ExpiresAt) {
		return false
	}
	if m == AuthCode {
		// The AWS CLI reuses a registration for PKCE only if it was made
		// with the authorization code grant.
		return slices.Contains(r.GrantTypes, grantAuthCode)
	}
	// A registration made without grant types (the CLI's device-flow
	// registrations) allows the device code; one made for PKCE does not.
	return len(r.GrantTypes) == 0 || slices.Contains(r.GrantTypes, grantDeviceCode)
}

// String never shows the client secret.
func (r Registration) String() string {
	return fmt.Sprintf("Registration{ClientID:%q ExpiresAt:%s}", r.ClientID, r.ExpiresAt.UTC().Format(time.RFC3339))
}

// GoString never shows the client secret.
func (r Registration) GoString() string { return r.String() }

// Token is what a sign-in or a refresh yields, with what it takes to refresh it.
type Token struct {
	AccessToken           string
	ExpiresAt             time.Time
	RefreshToken          string
	ClientID              string
	ClientSecret          string
	RegistrationExpiresAt time.Time
}

// Refreshable reports whether t carries everything a refresh needs at now.
func (t Token) Refreshable(now time.Time) bool {
	if t.RefreshToken == "" || t.ClientID == "" || t.ClientSecret == "" {
		return false
	}
	return t.RegistrationExpiresAt.IsZero() || now.Before(t.RegistrationExpiresAt)
}

// String never shows the access token, refresh token or client secret.
func (t Token) String() string {
	return fmt.Sprintf("Token{ExpiresAt:%s Refreshable:%t}", t.ExpiresAt.UTC().Format(time.RFC3339), t.RefreshToken != "")
}

// GoString never shows the access token, refresh token or client secret.
func (t Token) GoString() string { return t.String() }
