package idctest

import (
	"bytes"
	"encoding/json"
	"time"
)

// Issued is a registration and sign-in made by [Server.SignInDirect]: what the
// AWS CLI would keep in its token cache after `aws sso login`.
type Issued struct {
	ClientID     string
	ClientSecret string
	Scopes       []string
	AccessToken  string
	// RefreshToken is empty when the registration had no scopes.
	RefreshToken string
	// ExpiresAt is the access token's expiry, UTC, whole seconds.
	ExpiresAt time.Time
	// RegistrationExpiresAt is the registration's clientSecretExpiresAt, UTC.
	RegistrationExpiresAt time.Time
}

// CacheJSON returns the token cache file the AWS CLI writes for this sign-in
// (~/.aws/sso/cache/<sha1>.json, aws-sso-spec.md §3.2): the keys in the CLI's
// order, Python's default separators, "Z" timestamps and no trailing newline;
// refreshToken only when there is one. It is a reference writer for
// compatibility tests, independent of ssotray's own storage package.
func (i Issued) CacheJSON(startURL, region string) []byte {
	type kv struct{ k, v string }
	fields := []kv{
		{"startUrl", startURL},
		{"region", region},
		{"accessToken", i.AccessToken},
		{"expiresAt", i.ExpiresAt.UTC().Format(cacheTimeFormat)},
		{"clientId", i.ClientID},
		{"clientSecret", i.ClientSecret},
		{"registrationExpiresAt", i.RegistrationExpiresAt.UTC().Format(cacheTimeFormat)},
	}
	if i.RefreshToken != "" {
		fields = append(fields, kv{"refreshToken", i.RefreshToken})
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for n, f := range fields {
		if n > 0 {
			b.WriteString(", ")
		}
		b.Write(jsonString(f.k))
		b.WriteString(": ")
		b.Write(jsonString(f.v))
	}
	b.WriteByte('}')
	return b.Bytes()
}

// cacheTimeFormat is botocore's "%Y-%m-%dT%H:%M:%SZ".
const cacheTimeFormat = "2006-01-02T15:04:05Z"

func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
