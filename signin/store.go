package signin

import (
	"errors"
	"fmt"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/storage"
)

// cacheStore keeps flow's registrations and tokens where the sign-in's
// secret mode says. In SecretsCLI mode (the default) both live in the AWS
// CLI's cache files, so the CLI and ssotray share them. In SecretsKeyring
// mode the token file gets only startUrl, region, accessToken and expiresAt
// (and keys other tools added), and the refresh token, client ID and secret
// and the client registration go to the keyring. The mode is looked up on
// every call, under the manager's lock, so a sign-in that is switched while
// a flow runs saves where the new mode says.
type cacheStore struct {
	m *Manager
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
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	mode, err := s.m.secretMode(t.Name)
	if err != nil {
		return flow.Registration{}, err
	}
	var r storage.Registration
	if mode == storage.SecretsKeyring {
		r, err = s.m.readRegistration(registrationFile(t))
	} else {
		r, err = s.m.cache.LoadRegistration(registrationFile(t))
	}
	if err != nil {
		return flow.Registration{}, err
	}
	return flow.Registration{
		ClientID: r.ClientID, ClientSecret: r.ClientSecret, ExpiresAt: r.ExpiresAt,
		Scopes: r.Scopes, GrantTypes: r.GrantTypes,
	}, nil
}

func (s cacheStore) SaveRegistration(t flow.Target, r flow.Registration) error {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	mode, err := s.m.secretMode(t.Name)
	if err != nil {
		return err
	}
	reg := storage.Registration{
		ClientID: r.ClientID, ClientSecret: r.ClientSecret, ExpiresAt: r.ExpiresAt,
		Scopes: r.Scopes, GrantTypes: r.GrantTypes,
	}
	if mode == storage.SecretsKeyring {
		return s.m.writeRegistration(registrationFile(t), reg)
	}
	return s.m.cache.SaveRegistration(registrationFile(t), reg)
}

// LoadToken returns the stored token. In keyring mode it joins the token
// file and the keyring entry; when the keyring cannot be read it returns
// what the file holds (a usable access token) together with an error
// wrapping ErrKeyringUnavailable or ErrSecretsMissing, so a refresh reports
// why it cannot go ahead.
func (s cacheStore) LoadToken(t flow.Target) (flow.Token, error) {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	if kept, ok := s.m.unsavedToken(t); ok {
		return kept, nil
	}
	tok, err := s.m.loadToken(t.Name, cacheKey(t))
	if tok.AccessToken == "" && err != nil {
		return flow.Token{}, err
	}
	return flow.Token{
		AccessToken: tok.AccessToken, ExpiresAt: tok.ExpiresAt, RefreshToken: tok.RefreshToken,
		ClientID: tok.ClientID, ClientSecret: tok.ClientSecret, RegistrationExpiresAt: tok.RegistrationExpiresAt,
	}, err
}

// SaveToken writes the token. It starts from the file on disk when that is
// readable, so keys other tools added survive. In keyring mode the secrets
// go to the keyring first and the file gets the rest. If the keyring fails,
// the file still gets the new access token (the session stays usable until
// it expires) and the keyring's error is returned; the new secrets go to
// the file only if it held secrets already (another tool wrote them), so
// that a rotated refresh token is not lost and the file holds nothing it
// did not hold before. Nothing falls back to the file silently. When the
// settings file cannot be read, a token file that held secrets gets the new
// ones, as in AWS CLI compatible mode; any other is left alone.
//
// When another program holds the token file (Windows), the token is kept
// in memory and the error wraps ErrTokenUnsaved; see unsaved.go.
func (s cacheStore) SaveToken(t flow.Target, tok flow.Token) error {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	return s.m.keepIfHeld(t, tok, s.m.saveToken(t, tok))
}

// saveToken is SaveToken under m.mu, without the keeping.
func (m *Manager) saveToken(t flow.Target, tok flow.Token) error {
	s := cacheStore{m}
	key := cacheKey(t)
	cur, err := s.m.cache.Load(key)
	if err != nil {
		cur = storage.Token{}
	}
	fileHadSecrets := !cur.Secrets().IsZero()
	mode, err := s.m.secretMode(t.Name)
	if err != nil && !fileHadSecrets {
		return err
	}
	if err != nil {
		// The settings file cannot be read, but the file held the secrets
		// (see loadToken): the new ones go where the old ones were.
		mode = storage.SecretsCLI
	}
	cur.StartURL, cur.Region = t.StartURL, t.Region
	cur.AccessToken, cur.ExpiresAt = tok.AccessToken, tok.ExpiresAt
	cur = cur.WithSecrets(storage.TokenSecrets{
		RefreshToken: tok.RefreshToken, ClientID: tok.ClientID, ClientSecret: tok.ClientSecret,
		RegistrationExpiresAt: tok.RegistrationExpiresAt,
	})
	if mode != storage.SecretsKeyring {
		return s.m.cache.Save(key, cur)
	}
	if err := s.m.writeTokenSecrets(key, cur.Secrets()); err != nil {
		if !fileHadSecrets {
			cur = cur.WithoutSecrets()
		}
		return errors.Join(err, s.m.cache.Save(key, cur))
	}
	return s.m.cache.Save(key, cur.WithoutSecrets())
}

// loadToken reads the token cached under key for the sign-in name, joined
// with its keyring entry in keyring mode. A token file that is missing or
// unreadable gives the cache's error. In keyring mode a file that holds
// secrets itself (another tool, such as aws sso login, wrote them since) is
// taken as it is, being newer than the keyring; ssotray's next save moves
// them to the keyring. Otherwise a keyring that cannot be read gives the
// file's token with an error.
//
// A settings file that cannot be read does not stop a token file that
// holds its own secrets (the AWS CLI compatible mode, the default): it is
// taken as it is.
func (m *Manager) loadToken(name, key string) (storage.Token, error) {
	mode, err := m.secretMode(name)
	if err != nil {
		if tok, lerr := m.cache.Load(key); lerr == nil && !tok.Secrets().IsZero() {
			m.opts.Logf("%s: using the secrets in the token file: %v", name, err)
			return tok, nil
		}
		return storage.Token{}, err
	}
	tok, err := m.cache.Load(key)
	if err != nil || mode != storage.SecretsKeyring || !tok.Secrets().IsZero() {
		return tok, err
	}
	sec, err := m.readTokenSecrets(key)
	if err != nil {
		return tok, err
	}
	return tok.WithSecrets(sec), nil
}

// readTokenSecrets reads the keyring entry for the token under key. A
// missing entry gives an error wrapping ErrSecretsMissing; a keyring that does not answer, one wrapping
// ErrKeyringUnavailable.
func (m *Manager) readTokenSecrets(key string) (storage.TokenSecrets, error) {
	data, err := m.opts.Secrets.Get(storage.RefreshSecretKey(key))
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return storage.TokenSecrets{}, fmt.Errorf("%w (keyring entry %q is missing)", ErrSecretsMissing, storage.RefreshSecretKey(key))
	case err != nil:
		return storage.TokenSecrets{}, err
	}
	sec, err := storage.DecodeTokenSecrets(data)
	if err != nil {
		return storage.TokenSecrets{}, fmt.Errorf("keyring entry %q: %w", storage.RefreshSecretKey(key), err)
	}
	return sec, nil
}

// writeTokenSecrets stores the keyring entry for the token under key. It is
// written even when empty (a token without a refresh token), so that a
// missing entry always means something was lost.
func (m *Manager) writeTokenSecrets(key string, sec storage.TokenSecrets) error {
	data, err := storage.EncodeTokenSecrets(sec)
	if err != nil {
		return fmt.Errorf("keyring entry %q: %w", storage.RefreshSecretKey(key), err)
	}
	return m.opts.Secrets.Set(storage.RefreshSecretKey(key), data)
}

// readRegistration reads the client registration kept in the keyring for
// the CLI registration file name.
func (m *Manager) readRegistration(name string) (storage.Registration, error) {
	data, err := m.opts.Secrets.Get(storage.ClientSecretKey(name))
	if err != nil {
		return storage.Registration{}, err
	}
	r, err := storage.DecodeRegistration(data)
	if err != nil {
		return storage.Registration{}, fmt.Errorf("keyring entry %q: %w", storage.ClientSecretKey(name), err)
	}
	return r, nil
}

// writeRegistration keeps r in the keyring instead of the CLI registration
// file name.
func (m *Manager) writeRegistration(name string, r storage.Registration) error {
	data, err := storage.EncodeRegistration(r)
	if err != nil {
		return fmt.Errorf("keyring entry %q: %w", storage.ClientSecretKey(name), err)
	}
	return m.opts.Secrets.Set(storage.ClientSecretKey(name), data)
}
