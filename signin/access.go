package signin

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/storage"
)

// Session returns what the access portal API needs to act for name: its
// portal client and a current access token. A token that has expired, or
// is about to, is refreshed first when it can be; a sign-in with no usable
// token gives an error wrapping accounts.ErrSignInAgain, which says to sign
// in again and is never retried.
func (m *Manager) Session(ctx context.Context, name string) (accounts.Session, error) {
	in, err := m.Find(name)
	if err != nil {
		return accounts.Session{}, err
	}
	token, err := m.currentToken(ctx, in)
	if err != nil {
		return accounts.Session{}, err
	}
	api, err := m.opts.Clients.Portal(ctx, in.Region)
	if err != nil {
		return accounts.Session{}, fmt.Errorf("set up the portal client: %w", err)
	}
	return accounts.Session{
		Name: in.Name, Key: in.CacheKey, StartURL: in.StartURL, Region: in.Region,
		API: api, Token: token,
	}, nil
}

// currentToken returns in's access token, refreshing it when it has
// expired (or is within expiryMargin of it) and can be refreshed.
func (m *Manager) currentToken(ctx context.Context, in storage.SignIn) (string, error) {
	now := m.opts.Clock.Now()
	tok, err := m.cache.Load(in.CacheKey)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return "", fmt.Errorf("%s is signed out: %w (ssotray login %s)", in.Name, accounts.ErrSignInAgain, in.Name)
	case err != nil:
		return "", fmt.Errorf("%s: %w", in.Name, err)
	case tok.AccessToken != "" && now.Add(expiryMargin).Before(tok.ExpiresAt):
		return tok.AccessToken, nil
	}
	fresh, err := m.Refresh(ctx, in.Name)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return "", err
		}
		return "", fmt.Errorf("%s has expired and could not be refreshed (%w): %w (ssotray login %s)", in.Name, err, accounts.ErrSignInAgain, in.Name)
	}
	return fresh.AccessToken, nil
}

// AccountsCache is where the lists of accounts and roles are kept on disk:
// beside ssotray's settings file, in accounts/.
func (m *Manager) AccountsCache() (accounts.Cache, error) {
	if m.settingsErr != nil {
		return accounts.Cache{}, m.settingsErr
	}
	return accounts.Cache{Dir: filepath.Join(filepath.Dir(m.opts.Settings), "accounts")}, nil
}

// RecentRolesFile is where the roles a person used or pinned are kept,
// beside ssotray's settings file.
func (m *Manager) RecentRolesFile() (string, error) {
	if m.settingsErr != nil {
		return "", m.settingsErr
	}
	return filepath.Join(filepath.Dir(m.opts.Settings), "recent-roles.json"), nil
}
