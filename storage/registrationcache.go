package storage

import (
	"errors"
	"fmt"
	"github.com/ssotray/ssotray/internal/atomicfile"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Registration is an OIDC client registration as the AWS CLI caches it next
// to the tokens (spec §3.3). No SDK reads these files; the CLI reuses them
// for aws sso login.
//
// Printing a Registration never shows ClientSecret.
type Registration struct {
	// ClientID identifies the registered client.
	ClientID string
	// ClientSecret is the client's secret.
	ClientSecret string
	// ExpiresAt is when the registration expires (clientSecretExpiresAt).
	ExpiresAt time.Time
	// Scopes are the registered scopes; nil when the file has none.
	Scopes []string
	// GrantTypes are the registered grant types; the CLI records them only
	// for PKCE registrations (authorization_code and refresh_token).
	GrantTypes []string

	// extra holds the file's other keys, in their order.
	extra jsonObject
}

// Equal reports whether r and s hold the same values, unknown keys included.
func (r Registration) Equal(s Registration) bool {
	return r.ClientID == s.ClientID && r.ClientSecret == s.ClientSecret &&
		r.ExpiresAt.Equal(s.ExpiresAt) && slices.Equal(r.Scopes, s.Scopes) &&
		slices.Equal(r.GrantTypes, s.GrantTypes) && r.extra.equal(s.extra)
}

// String returns a redacted description of r.
func (r Registration) String() string {
	var b strings.Builder
	b.WriteString("Registration{")
	writeField(&b, "ClientID", fmt.Sprintf("%q", r.ClientID), false)
	writeField(&b, "ClientSecret", redacted(r.ClientSecret), true)
	writeField(&b, "ExpiresAt", formatTimeField(r.ExpiresAt), true)
	writeField(&b, "Scopes", fmt.Sprintf("%q", r.Scopes), true)
	writeField(&b, "GrantTypes", fmt.Sprintf("%q", r.GrantTypes), true)
	if len(r.extra) > 0 {
		writeField(&b, "UnknownKeys", fmt.Sprintf("%q", r.extra.keys()), true)
	}
	b.WriteString("}")
	return b.String()
}

// GoString returns the redacted description with the package name, for %#v.
func (r Registration) GoString() string {
	return "storage." + r.String()
}

// Format implements fmt.Formatter so that every verb prints the redacted
// description.
func (r Registration) Format(f fmt.State, verb rune) {
	formatRedacted(f, verb, r.String(), r.GoString())
}

// RegistrationFileName returns the name of the CLI's registration cache file:
// the SHA-1 hex of Python's json.dumps({"tool": "botocore", "startUrl": …,
// "region": …, "scopes": …, "session_name": …}, sort_keys=True), plus
// ".json". Nil scopes and an empty sessionName are written as null, which is
// what the CLI does for legacy profiles; an empty non-nil scopes is [].
func RegistrationFileName(startURL, region string, scopes []string, sessionName string) string {
	o := newPyObject()
	o.str("region", region)
	o.strList("scopes", scopes)
	o.strOrNull("session_name", sessionName)
	o.str("startUrl", startURL)
	o.str("tool", "botocore")
	return CacheFileName(string(o.bytes()))
}

// registrationKeys are the keys Registration has fields for, in the order
// the CLI writes them.
var registrationKeys = []string{"clientId", "clientSecret", "expiresAt", "scopes", "grantTypes"}

// registrationPath checks name (from RegistrationFileName) and joins it to
// the cache directory.
func (c *TokenCache) registrationPath(name string) (string, error) {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || filepath.Base(name) != name {
		return "", fmt.Errorf("registration file name %q is not a plain file name", name)
	}
	return filepath.Join(c.Dir, name), nil
}

// LoadRegistration reads the registration file name, as returned by
// RegistrationFileName. Errors are as Load's: a missing file wraps
// ErrNotFound; a file without clientId, clientSecret and a valid expiresAt,
// or with values of the wrong type, wraps ErrUnreadable.
func (c *TokenCache) LoadRegistration(name string) (Registration, error) {
	path, err := c.registrationPath(name)
	if err != nil {
		return Registration{}, err
	}
	obj, err := readCacheObject(path)
	if err != nil {
		return Registration{}, err
	}
	r, err := registrationFromObject(obj)
	if err != nil {
		return Registration{}, unreadable(path, err)
	}
	return r, nil
}

// registrationFromObject checks and converts a registration file's object.
func registrationFromObject(obj jsonObject) (Registration, error) {
	var r Registration
	var err error
	for _, f := range []struct {
		key string
		dst *string
	}{{"clientId", &r.ClientID}, {"clientSecret", &r.ClientSecret}} {
		if *f.dst, _, err = obj.str(f.key); err != nil {
			return Registration{}, err
		}
		if *f.dst == "" {
			return Registration{}, fmt.Errorf("%s is missing", f.key)
		}
	}
	if r.ExpiresAt, err = objTime(obj, "expiresAt", true); err != nil {
		return Registration{}, err
	}
	if r.Scopes, err = obj.strList("scopes"); err != nil {
		return Registration{}, err
	}
	if r.GrantTypes, err = obj.strList("grantTypes"); err != nil {
		return Registration{}, err
	}
	r.extra = obj.unknown(registrationKeys)
	return r, nil
}

// SaveRegistration writes r to the registration file name in the CLI's
// format: clientId, clientSecret, expiresAt, then scopes and grantTypes when
// there are any, then r's unknown keys. Like Save, it keeps the unknown keys
// of the file on disk when r has none, writes atomically with mode 0600, and
// refuses a registration without client ID, secret or expiry.
func (c *TokenCache) SaveRegistration(name string, r Registration) error {
	path, err := c.registrationPath(name)
	if err != nil {
		return err
	}
	if len(r.extra) == 0 {
		if old, err := readCacheObject(path); err == nil {
			r.extra = old.unknown(registrationKeys)
		}
	}
	data, err := encodeRegistration(r)
	if err != nil {
		return &CacheError{Path: path, Err: err}
	}
	if err := atomicfile.Write(path, data, 0o600); err != nil {
		return &CacheError{Path: path, Err: err}
	}
	return nil
}

// encodeRegistration returns the file contents for r.
func encodeRegistration(r Registration) ([]byte, error) {
	switch {
	case r.ClientID == "":
		return nil, errors.New("the registration has no client ID")
	case r.ClientSecret == "":
		return nil, errors.New("the registration has no client secret")
	case r.ExpiresAt.IsZero():
		return nil, errors.New("the registration has no expiry time")
	}
	if err := checkCacheTime("expiresAt", r.ExpiresAt); err != nil {
		return nil, err
	}
	o := newPyObject()
	o.str("clientId", r.ClientID)
	o.str("clientSecret", r.ClientSecret)
	o.str("expiresAt", formatCacheTime(r.ExpiresAt))
	if len(r.Scopes) > 0 {
		o.strList("scopes", r.Scopes)
	}
	if len(r.GrantTypes) > 0 {
		o.strList("grantTypes", r.GrantTypes)
	}
	if err := o.members(r.extra); err != nil {
		return nil, err
	}
	return o.bytes(), nil
}
