package signin

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/console"
	"github.com/ssotray/ssotray/profiles"
	"github.com/ssotray/ssotray/storage"
)

// AccountsMaxAge is how old a list of accounts on disk may be before
// Accounts fetches it again. New assignments show up within a day, or at
// once with a refresh.
const AccountsMaxAge = 24 * time.Hour

// CachedAccounts returns name's list of accounts and roles as kept on disk,
// at once and without the network; an error wrapping accounts.ErrNotCached
// when none was kept yet.
func (m *Manager) CachedAccounts(name string) (accounts.List, error) {
	in, err := m.Find(name)
	if err != nil {
		return accounts.List{}, err
	}
	cache, err := m.AccountsCache()
	if err != nil {
		return accounts.List{}, err
	}
	return cache.Load(in.CacheKey)
}

// RefreshAccounts lists name's accounts and roles from the access portal
// now, throttle-aware, and keeps the list on disk. progress, if not nil,
// is called from any goroutine as the listing goes. When the list was
// fetched but could not be kept, it comes back with the error.
func (m *Manager) RefreshAccounts(ctx context.Context, name string, progress func(accounts.Progress)) (accounts.List, accounts.Stats, error) {
	s, err := m.Session(ctx, name)
	if err != nil {
		return accounts.List{}, accounts.Stats{}, err
	}
	list, stats, err := accounts.Fetch(ctx, s, func(o *accounts.FetchOptions) {
		o.Progress = progress
		o.Logf = m.opts.Logf
	})
	if err != nil {
		return accounts.List{}, stats, fmt.Errorf("list the accounts of %s: %w", s.Name, err)
	}
	cache, err := m.AccountsCache()
	if err == nil {
		err = cache.Save(s.Key, list)
	}
	if err != nil {
		return list, stats, fmt.Errorf("keep the list of accounts: %w", err)
	}
	return list, stats, nil
}

// Accounts returns name's accounts and roles: the list on disk when it is
// younger than AccountsMaxAge and refresh is false, else a new listing.
func (m *Manager) Accounts(ctx context.Context, name string, refresh bool, progress func(accounts.Progress)) (accounts.List, error) {
	if !refresh {
		list, err := m.CachedAccounts(name)
		if err == nil && list.Age(m.opts.Clock.Now()) < AccountsMaxAge {
			return list, nil
		}
		if err != nil && !errors.Is(err, accounts.ErrNotCached) {
			m.opts.Logf("accounts of %s: %v; listing them again", name, err)
		}
	}
	list, _, err := m.RefreshAccounts(ctx, name, progress)
	if err != nil {
		if list.FetchedAt.IsZero() { // not listed at all
			return accounts.List{}, err
		}
		// Listed, but not kept on disk: the list is good for this once.
		m.opts.Logf("%v", err)
	}
	return list, nil
}

// ResolveRole finds account (an ID or an exact account name) and role in
// name's accounts. A miss in a list from disk lists again once, so a role
// assigned since shows up.
func (m *Manager) ResolveRole(ctx context.Context, name, account, role string) (accounts.Role, error) {
	start := m.opts.Clock.Now()
	list, err := m.Accounts(ctx, name, false, nil)
	if err != nil {
		return accounts.Role{}, err
	}
	a, err := list.Resolve(account, role)
	fromDisk := list.FetchedAt.Before(start)
	if fromDisk && (errors.Is(err, accounts.ErrUnknownAccount) || errors.Is(err, accounts.ErrUnknownRole)) {
		if fresh, ferr := m.Accounts(ctx, name, true, nil); ferr == nil {
			a, err = fresh.Resolve(account, role)
		}
	}
	if err != nil {
		return accounts.Role{}, err
	}
	// Resolve gives the role as the list spells it.
	return accounts.Role{AccountID: a.ID, AccountName: a.Name, RoleName: a.Roles[0]}, nil
}

// RoleCredentials gets r's temporary credentials (GetRoleCredentials).
// They are secrets: the caller writes them only where the person asked.
func (m *Manager) RoleCredentials(ctx context.Context, name string, r accounts.Role) (accounts.Credentials, error) {
	s, err := m.Session(ctx, name)
	if err != nil {
		return accounts.Credentials{}, err
	}
	return accounts.GetCredentials(ctx, s, r.AccountID, r.RoleName)
}

// ConsoleURL returns a sign-in URL for the AWS console as r, through the
// federation endpoint of the partition. region is the console's Region;
// empty means the region of the profile for r, else the sign-in's. The URL
// is a secret for 15 minutes: never log it.
func (m *Manager) ConsoleURL(ctx context.Context, name string, r accounts.Role, region string) (string, error) {
	in, err := m.Find(name)
	if err != nil {
		return "", err
	}
	region = m.consoleRegion(in, r, region)
	creds, err := m.RoleCredentials(ctx, name, r)
	if err != nil {
		return "", err
	}
	return console.SignInURL(ctx, creds, func(o *console.Options) {
		o.Region = region
		o.Issuer = in.StartURL
	})
}

// PortalURL returns the access portal's shortcut link to the console as r:
// the portal signs the person in, in the browser, and no credentials pass
// through ssotray. region is as for ConsoleURL. The link holds no secret.
func (m *Manager) PortalURL(name string, r accounts.Role, region string) (string, error) {
	in, err := m.Find(name)
	if err != nil {
		return "", err
	}
	home, err := console.ConsoleHome(m.consoleRegion(in, r, region))
	if err != nil {
		return "", err
	}
	return console.ShortcutURL(in.StartURL, r.AccountID, r.RoleName, home), nil
}

// consoleRegion is the console's Region for r: region when given, else
// the region key of a profile for r, else the sign-in's Region.
func (m *Manager) consoleRegion(in storage.SignIn, r accounts.Role, region string) string {
	if region != "" {
		return region
	}
	if data, err := storage.ReadConfigFile(m.paths.ConfigFile); err == nil {
		if own := profiles.RegionFor(data, in, r.AccountID, r.RoleName); own != "" {
			return own
		}
	}
	return in.Region
}

// PlanProfiles works out the [profile] sections for name's accounts and
// roles, from the list on disk unless refresh or it is old.
func (m *Manager) PlanProfiles(ctx context.Context, name string, refresh bool, progress func(accounts.Progress), opts profiles.Options) (*profiles.Plan, error) {
	in, err := m.Find(name)
	if err != nil {
		return nil, err
	}
	list, err := m.Accounts(ctx, name, refresh, progress)
	if err != nil {
		return nil, err
	}
	return m.plan(in, list, opts)
}

func (m *Manager) plan(in storage.SignIn, list accounts.List, opts profiles.Options) (*profiles.Plan, error) {
	data, err := storage.ReadConfigFile(m.paths.ConfigFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return profiles.NewPlan(data, in, list, opts)
}

// WriteProfiles writes a plan to the config file.
func (m *Manager) WriteProfiles(p *profiles.Plan) error {
	return profiles.Write(m.paths.ConfigFile, p)
}

// AddProfile writes a [profile] for r to the config file (or keeps the one
// ssotray wrote before) and returns its name.
func (m *Manager) AddProfile(name string, r accounts.Role) (string, error) {
	in, err := m.Find(name)
	if err != nil {
		return "", err
	}
	list := accounts.List{Name: in.Name, StartURL: in.StartURL, Region: in.Region, Accounts: []accounts.Account{{
		ID: r.AccountID, Name: r.AccountName, Roles: []string{r.RoleName},
	}}}
	p, err := m.plan(in, list, profiles.Options{})
	if err != nil {
		return "", err
	}
	if err := m.WriteProfiles(p); err != nil {
		return "", err
	}
	for _, group := range [][]profiles.Change{p.Add, p.Update, p.Unchanged} {
		for _, c := range group {
			if c.AccountID == r.AccountID && c.RoleName == r.RoleName {
				return c.Profile, nil
			}
		}
	}
	return "", fmt.Errorf("no profile was written for %s in %s", r.RoleName, r.AccountID)
}

// TouchRole records that the person used r, for the tray's quick roles.
func (m *Manager) TouchRole(name string, r accounts.Role) error {
	rec, err := m.recent()
	if err != nil {
		return err
	}
	return rec.Touch(name, r, m.opts.Clock.Now())
}

// PinRole pins r to (or unpins it from) the tray's quick roles.
func (m *Manager) PinRole(name string, r accounts.Role, pinned bool) error {
	rec, err := m.recent()
	if err != nil {
		return err
	}
	return rec.SetPinned(name, r, pinned)
}

// QuickRoles returns at most n of name's roles for quick access: pinned
// first, then the most recently used.
func (m *Manager) QuickRoles(name string, n int) ([]accounts.QuickRole, error) {
	rec, err := m.recent()
	if err != nil {
		return nil, err
	}
	return rec.Quick(name, n)
}

func (m *Manager) recent() (accounts.Recent, error) {
	path, err := m.RecentRolesFile()
	return accounts.Recent{Path: path}, err
}
