package storage

import (
	"fmt"
	"strings"
	"time"
)

// TokenSecrets is the part of a token file that refreshes it: what keyring
// mode keeps in the keyring (under RefreshSecretKey) instead of the file,
// which keeps startUrl, region, accessToken and expiresAt so the AWS CLI and
// SDKs can still use the access token.
//
// Printing a TokenSecrets never shows RefreshToken or ClientSecret.
type TokenSecrets struct {
	// RefreshToken renews the access token; empty when the service gave none.
	RefreshToken string
	// ClientID identifies the registered OIDC client.
	ClientID string
	// ClientSecret is the registered client's secret.
	ClientSecret string
	// RegistrationExpiresAt is when the client registration expires.
	RegistrationExpiresAt time.Time
}

// IsZero reports whether s holds nothing.
func (s TokenSecrets) IsZero() bool {
	return s.RefreshToken == "" && s.ClientID == "" && s.ClientSecret == "" && s.RegistrationExpiresAt.IsZero()
}

// Secrets returns the part of t that refreshes it.
func (t Token) Secrets() TokenSecrets {
	return TokenSecrets{
		RefreshToken: t.RefreshToken, ClientID: t.ClientID, ClientSecret: t.ClientSecret,
		RegistrationExpiresAt: t.RegistrationExpiresAt,
	}
}

// WithSecrets returns t with its refresh part replaced by s.
func (t Token) WithSecrets(s TokenSecrets) Token {
	t.RefreshToken, t.ClientID, t.ClientSecret = s.RefreshToken, s.ClientID, s.ClientSecret
	t.RegistrationExpiresAt = s.RegistrationExpiresAt
	return t
}

// WithoutSecrets returns t without its refresh part: what keyring mode
// writes to the token file. Unknown keys stay.
func (t Token) WithoutSecrets() Token { return t.WithSecrets(TokenSecrets{}) }

// EncodeTokenSecrets returns s as the keyring value: a JSON object with the
// token file's key names (clientId, clientSecret, registrationExpiresAt,
// refreshToken), empty ones left out.
func EncodeTokenSecrets(s TokenSecrets) ([]byte, error) {
	o := newPyObject()
	o.strOmitEmpty("clientId", s.ClientID)
	o.strOmitEmpty("clientSecret", s.ClientSecret)
	if !s.RegistrationExpiresAt.IsZero() {
		if err := checkCacheTime("registrationExpiresAt", s.RegistrationExpiresAt); err != nil {
			return nil, err
		}
		o.str("registrationExpiresAt", formatCacheTime(s.RegistrationExpiresAt))
	}
	o.strOmitEmpty("refreshToken", s.RefreshToken)
	return o.bytes(), nil
}

// DecodeTokenSecrets reads a value EncodeTokenSecrets made. Its errors say
// what is wrong without quoting the value.
func DecodeTokenSecrets(data []byte) (TokenSecrets, error) {
	obj, err := parseJSONObject(data)
	if err != nil {
		return TokenSecrets{}, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	var s TokenSecrets
	for _, f := range []struct {
		key string
		dst *string
	}{{"clientId", &s.ClientID}, {"clientSecret", &s.ClientSecret}, {"refreshToken", &s.RefreshToken}} {
		if *f.dst, _, err = obj.str(f.key); err != nil {
			return TokenSecrets{}, fmt.Errorf("%w: %w", ErrUnreadable, err)
		}
	}
	if s.RegistrationExpiresAt, err = objTime(obj, "registrationExpiresAt", false); err != nil {
		return TokenSecrets{}, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	return s, nil
}

// EncodeRegistration returns r as the AWS CLI writes its registration file
// (clientId, clientSecret, expiresAt, scopes, grantTypes): the keyring value
// under ClientSecretKey in keyring mode.
func EncodeRegistration(r Registration) ([]byte, error) { return encodeRegistration(r) }

// DecodeRegistration reads a value EncodeRegistration made, with
// LoadRegistration's checks. Its errors never quote the value.
func DecodeRegistration(data []byte) (Registration, error) {
	obj, err := parseJSONObject(data)
	if err != nil {
		return Registration{}, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	r, err := registrationFromObject(obj)
	if err != nil {
		return Registration{}, fmt.Errorf("%w: %w", ErrUnreadable, err)
	}
	return r, nil
}

// String returns a redacted description of s.
func (s TokenSecrets) String() string {
	var b strings.Builder
	b.WriteString("TokenSecrets{")
	writeField(&b, "ClientID", fmt.Sprintf("%q", s.ClientID), false)
	writeField(&b, "ClientSecret", redacted(s.ClientSecret), true)
	writeField(&b, "RegistrationExpiresAt", formatTimeField(s.RegistrationExpiresAt), true)
	writeField(&b, "RefreshToken", redacted(s.RefreshToken), true)
	b.WriteString("}")
	return b.String()
}

// GoString returns the redacted description with the package name, for %#v.
func (s TokenSecrets) GoString() string { return "storage." + s.String() }

// Format implements fmt.Formatter so that every verb prints the redacted
// description.
func (s TokenSecrets) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, s.String(), s.GoString())
}
