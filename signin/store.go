package signin

import (
	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/storage"
)

// cacheStore keeps flow's registrations and tokens in the AWS CLI's cache
// files, so the CLI and ssotray share both.
type cacheStore struct {
	cache *storage.TokenCache
}

var _ flow.Store = cacheStore{}

// cacheKey is the token file's key: the sso-session name, or for a legacy
// profile its start URL exactly as configured.
func cacheKey(t flow.Target) string {
	if t.Legacy {
		return t.StartURL
	}
	return t.Name
}

// registrationFile names the registration file as the AWS CLI does, from
// the scopes actually registered, so a session configured with scopes
// (as `aws configure sso` and `ssotray add` write it) shares its
// registration with the CLI.
func registrationFile(t flow.Target) string {
	scopes := t.Scopes
	if len(scopes) == 0 {
		scopes = flow.DefaultScopes
	}
	session := t.Name
	if t.Legacy {
		session = ""
	}
	return storage.RegistrationFileName(t.StartURL, t.Region, scopes, session)
}

func (s cacheStore) LoadRegistration(t flow.Target) (flow.Registration, error) {
	r, err := s.cache.LoadRegistration(registrationFile(t))
	if err != nil {
		return flow.Registration{}, err
	}
	return flow.Registration{
		ClientID: r.ClientID, ClientSecret: r.ClientSecret, ExpiresAt: r.ExpiresAt,
		Scopes: r.Scopes, GrantTypes: r.GrantTypes,
	}, nil
}

func (s cacheStore) SaveRegistration(t flow.Target, r flow.Registration) error {
	return s.cache.SaveRegistration(registrationFile(t), storage.Registration{
		ClientID: r.ClientID, ClientSecret: r.ClientSecret, ExpiresAt: r.ExpiresAt,
		Scopes: r.Scopes, GrantTypes: r.GrantTypes,
	})
}

func (s cacheStore) LoadToken(t flow.Target) (flow.Token, error) {
	tok, err := s.cache.Load(cacheKey(t))
	if err != nil {
		return flow.Token{}, err
	}
	return flow.Token{
		AccessToken: tok.AccessToken, ExpiresAt: tok.ExpiresAt, RefreshToken: tok.RefreshToken,
		ClientID: tok.ClientID, ClientSecret: tok.ClientSecret, RegistrationExpiresAt: tok.RegistrationExpiresAt,
	}, nil
}

// SaveToken writes the token file. It starts from the file on disk when that
// is readable, so keys other tools added survive.
func (s cacheStore) SaveToken(t flow.Target, tok flow.Token) error {
	key := cacheKey(t)
	cur, err := s.cache.Load(key)
	if err != nil {
		cur = storage.Token{}
	}
	cur.StartURL, cur.Region = t.StartURL, t.Region
	cur.AccessToken, cur.ExpiresAt, cur.RefreshToken = tok.AccessToken, tok.ExpiresAt, tok.RefreshToken
	cur.ClientID, cur.ClientSecret, cur.RegistrationExpiresAt = tok.ClientID, tok.ClientSecret, tok.RegistrationExpiresAt
	return s.cache.Save(key, cur)
}
