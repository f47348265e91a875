package storage

import (
	"fmt"
	"strings"
	"time"
)

// Token is one SSO access token as the AWS CLI caches it (spec §3.2).
//
// Printing a Token with any fmt verb shows which secrets are present but never
// their values; that protection does not reach a Token stored in another
// type's unexported field, which fmt prints without calling methods.
type Token struct {
	// StartURL is the configured start URL (the cache file's startUrl).
	StartURL string
	// Region is sso_region; aws sso logout needs it.
	Region string
	// AccessToken is the bearer token. It is a secret.
	AccessToken string
	// ExpiresAt is when AccessToken expires. Files store whole seconds in
	// UTC.
	ExpiresAt time.Time
	// ClientID identifies the registered OIDC client.
	ClientID string
	// ClientSecret is the registered client's secret.
	ClientSecret string
	// RegistrationExpiresAt is when the client registration expires; zero
	// when the file had none.
	RegistrationExpiresAt time.Time
	// RefreshToken renews AccessToken; empty when the service gave none. It
	// is a secret.
	RefreshToken string

	// extra holds the file's other keys, in their order, so that a rewrite
	// keeps what another tool added.
	extra jsonObject
}

// Refreshable reports whether t has what a refresh needs: a refresh token, a
// client ID and secret, and a registration that has not expired at now (a
// zero RegistrationExpiresAt counts as unknown, so as not expired).
func (t Token) Refreshable(now time.Time) bool {
	if t.RefreshToken == "" || t.ClientID == "" || t.ClientSecret == "" {
		return false
	}
	return t.RegistrationExpiresAt.IsZero() || now.Before(t.RegistrationExpiresAt)
}

// Equal reports whether t and u hold the same values, unknown keys included,
// comparing times with time.Time.Equal. go-cmp uses it, so tests can compare
// tokens without options.
func (t Token) Equal(u Token) bool {
	return t.StartURL == u.StartURL && t.Region == u.Region &&
		t.AccessToken == u.AccessToken && t.ExpiresAt.Equal(u.ExpiresAt) &&
		t.ClientID == u.ClientID && t.ClientSecret == u.ClientSecret &&
		t.RegistrationExpiresAt.Equal(u.RegistrationExpiresAt) &&
		t.RefreshToken == u.RefreshToken && t.extra.equal(u.extra)
}

// UnknownKeys returns the names of the cache file keys that Token has no field
// for, in file order; Save writes them back after the known keys.
func (t Token) UnknownKeys() []string {
	return t.extra.keys()
}

// String returns a redacted description of t.
func (t Token) String() string {
	var b strings.Builder
	b.WriteString("Token{")
	writeField(&b, "StartURL", fmt.Sprintf("%q", t.StartURL), false)
	writeField(&b, "Region", fmt.Sprintf("%q", t.Region), true)
	writeField(&b, "AccessToken", redacted(t.AccessToken), true)
	writeField(&b, "ExpiresAt", formatTimeField(t.ExpiresAt), true)
	writeField(&b, "ClientID", fmt.Sprintf("%q", t.ClientID), true)
	writeField(&b, "ClientSecret", redacted(t.ClientSecret), true)
	writeField(&b, "RegistrationExpiresAt", formatTimeField(t.RegistrationExpiresAt), true)
	writeField(&b, "RefreshToken", redacted(t.RefreshToken), true)
	if len(t.extra) > 0 {
		writeField(&b, "UnknownKeys", fmt.Sprintf("%q", t.extra.keys()), true)
	}
	b.WriteString("}")
	return b.String()
}

// GoString returns the redacted description with the package name, for %#v.
func (t Token) GoString() string {
	return "storage." + t.String()
}

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s, %q,
// %x, …) prints the redacted description.
func (t Token) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, t.String(), t.GoString())
}

// formatRedacted writes s (or goS for %#v) for any verb, honouring %q.
func formatRedacted(f fmt.State, verb rune, s, goS string) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, goS)
	case verb == 'q':
		fmt.Fprintf(f, "%q", s)
	default:
		fmt.Fprint(f, s)
	}
}

// redacted describes a secret without revealing it.
func redacted(secret string) string {
	if secret == "" {
		return `""`
	}
	return "[redacted]"
}

// formatTimeField prints a time field compactly.
func formatTimeField(t time.Time) string {
	if t.IsZero() {
		return "0"
	}
	return t.UTC().Format(time.RFC3339)
}

// writeField appends "name:value" with a separating space.
func writeField(b *strings.Builder, name, value string, sep bool) {
	if sep {
		b.WriteString(" ")
	}
	b.WriteString(name)
	b.WriteString(":")
	b.WriteString(value)
}
