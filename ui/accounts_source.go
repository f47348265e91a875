package ui

import (
	"context"

	"github.com/ssotray/ssotray/accounts"
)

// Roles is what the accounts view and the tray's quick roles need;
// *signin.Manager implements it. Every method may do file or network I/O,
// so the UI calls them on its own goroutines, never on Fyne's.
type Roles interface {
	// CachedAccounts returns the list kept on disk, at once; its error
	// wraps accounts.ErrNotCached when there is none.
	CachedAccounts(name string) (accounts.List, error)
	// RefreshAccounts lists the accounts and roles again from the portal,
	// reporting progress as it goes; it may take a minute at 1,000
	// accounts. Its error wraps accounts.ErrSignInAgain when the token is
	// gone.
	RefreshAccounts(ctx context.Context, name string, progress func(accounts.Progress)) (accounts.List, accounts.Stats, error)
	// ConsoleURL returns a sign-in URL of the AWS console as role r; region
	// "" is the default. The URL is a secret: never logged, never shown.
	ConsoleURL(ctx context.Context, name string, r accounts.Role, region string) (string, error)
	// PortalURL returns the access portal's shortcut link to the console as
	// r: the portal signs the person in, and no credentials pass through
	// ssotray. It holds no secret.
	PortalURL(name string, r accounts.Role, region string) (string, error)
	// RoleCredentials returns r's temporary credentials.
	RoleCredentials(ctx context.Context, name string, r accounts.Role) (accounts.Credentials, error)
	// AddProfile writes a [profile] section for r to ~/.aws/config and
	// returns its name.
	AddProfile(name string, r accounts.Role) (profile string, err error)
	// TouchRole records a use of r (console, credentials or profile).
	TouchRole(name string, r accounts.Role) error
	// PinRole pins r to the tray's quick roles, or unpins it.
	PinRole(name string, r accounts.Role, pinned bool) error
	// QuickRoles returns at most n roles for the tray: pinned first, then
	// the most recently used.
	QuickRoles(name string, n int) ([]accounts.QuickRole, error)
}
