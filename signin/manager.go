package signin

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/storage"
	"github.com/ssotray/ssotray/vanity"
)

// ErrUnknown is a name that no sso-session or profile in the config has.
var ErrUnknown = errors.New("no such sign-in")

// Options tune a Manager. The zero value of every field is the real default.
type Options struct {
	// Clock is the time source for states, refreshes and polling.
	// Default: flow.RealClock.
	Clock flow.Clock
	// Clients makes the API clients. Default: SDKClients{Logf: Logf}.
	Clients Clients
	// Logf receives debug lines, which never hold secrets. Default: none.
	Logf func(format string, args ...any)
	// CallTimeout bounds each Identity Center call. Default: flow's, 30 s.
	CallTimeout time.Duration
	// Secrets keeps the refresh tokens and client registrations of
	// sign-ins in keyring mode. Default: storage.Keyring{Service: "ssotray"}.
	// Sign-ins in the default, AWS CLI compatible mode never touch it.
	Secrets storage.Secrets
	// Settings is ssotray's own settings file, which holds each sign-in's
	// secret mode. Default: storage.DefaultSettingsFile().
	Settings string
	// StartURLs follows start URLs on a company's own domain to the AWS
	// access portal. Default: vanity.Resolver{}.
	StartURLs vanity.Resolver
	// StatusKeyringWait bounds, together, the keyring questions of one
	// Statuses or Status call, so that a keyring that never answers cannot
	// hold up a status. Default: 5 s.
	StatusKeyringWait time.Duration
}

// KeyringService is the service name ssotray's keyring entries carry.
const KeyringService = "ssotray"

// Manager signs people in to the sign-ins of one config file.
type Manager struct {
	paths       storage.Paths
	cache       *storage.TokenCache
	opts        Options
	settingsErr error // why there is no settings file path

	// mu serialises the store's reads and writes of tokens and secrets with
	// secret-mode switches and sign-outs, within this process.
	mu sync.Mutex

	// refreshMu guards refreshing: the refresh running for each token file.
	refreshMu  sync.Mutex
	refreshing map[string]*refreshCall
}

// New returns a Manager over the config file and token cache in paths.
func New(paths storage.Paths, optFns ...func(*Options)) *Manager {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	if o.Clock == nil {
		o.Clock = flow.RealClock{}
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	if o.Clients == nil {
		o.Clients = SDKClients{Logf: o.Logf}
	}
	if o.Secrets == nil {
		o.Secrets = storage.Keyring{Service: KeyringService}
	}
	if o.StatusKeyringWait <= 0 {
		o.StatusKeyringWait = defaultStatusKeyringWait
	}
	m := &Manager{paths: paths, cache: storage.NewTokenCache(paths.CacheDir())}
	if o.Settings == "" {
		o.Settings, m.settingsErr = storage.DefaultSettingsFile()
	}
	m.opts = o
	return m
}

// Paths returns where the manager reads and writes.
func (m *Manager) Paths() storage.Paths { return m.paths }

// Config reads the config file.
func (m *Manager) Config() (*storage.Config, error) {
	return storage.LoadConfig(m.paths.ConfigFile)
}

// Statuses reads the config and every sign-in's token. The config's Problems
// come back too, for the caller to report; a token cache directory that
// other users can write to is reported first among them, as a problem of
// no line (Line 0), and tightened when it is the person's own
// (storage.TokenCache.SecureDir).
func (m *Manager) Statuses() ([]Status, *storage.Config, error) {
	cfg, err := m.Config()
	if err != nil {
		return nil, nil, err
	}
	if w := m.secureCacheDir(); w != nil {
		cfg.Problems = append([]storage.Problem{{Msg: w.Error()}}, cfg.Problems...)
	}
	now := m.opts.Clock.Now()
	settings, settingsErr := m.loadSettings()
	ask := m.newKeyringQuestions()
	out := make([]Status, 0, len(cfg.SignIns))
	for _, in := range cfg.SignIns {
		out = append(out, m.statusOf(in, now, settings, settingsErr, ask))
	}
	return out, cfg, nil
}

// Status returns one sign-in's status.
func (m *Manager) Status(name string) (Status, error) {
	in, err := m.Find(name)
	if err != nil {
		return Status{}, err
	}
	settings, settingsErr := m.loadSettings()
	return m.statusOf(in, m.opts.Clock.Now(), settings, settingsErr, m.newKeyringQuestions()), nil
}

// Find returns the sign-in that name (an sso-session or a profile) uses.
func (m *Manager) Find(name string) (storage.SignIn, error) {
	cfg, err := m.Config()
	if err != nil {
		return storage.SignIn{}, err
	}
	if in, ok := cfg.Lookup(name); ok {
		return in, nil
	}
	names := make([]string, 0, len(cfg.SignIns))
	for _, in := range cfg.SignIns {
		names = append(names, in.Name)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return storage.SignIn{}, fmt.Errorf("%q: %w; %s has none yet (add one with: ssotray add)", name, ErrUnknown, m.paths.ConfigFile)
	}
	return storage.SignIn{}, fmt.Errorf("%q: %w in %s; known: %s", name, ErrUnknown, m.paths.ConfigFile, strings.Join(names, ", "))
}

// Target turns a configured sign-in into what flow signs in to.
func Target(in storage.SignIn) flow.Target {
	return flow.Target{
		Name: in.Name, StartURL: in.StartURL, Region: in.Region,
		Scopes: in.Scopes, Legacy: in.Kind == storage.KindLegacyProfile,
	}
}

// Flow returns a flow for in's Region, keeping tokens in the CLI's cache.
func (m *Manager) Flow(ctx context.Context, in storage.SignIn) (*flow.Flow, error) {
	api, err := m.opts.Clients.OIDC(ctx, in.Region)
	if err != nil {
		return nil, fmt.Errorf("set up the OIDC client: %w", err)
	}
	return flow.New(api, cacheStore{m}, func(o *flow.Options) {
		o.Clock = m.opts.Clock
		o.Logf = m.opts.Logf
		o.CallTimeout = m.opts.CallTimeout
		o.ResolveStartURL = func(ctx context.Context, startURL string) (string, error) {
			p, err := m.ResolveStartURL(ctx, startURL)
			return p.URL, err
		}
	}), nil
}

// StartSignIn begins signing in to name in the background. It first checks
// that the token can be kept, so that nobody approves a code in vain: a
// sign-in in keyring mode checks that the keyring works (else an error
// wrapping ErrKeyringUnavailable), and every sign-in that the token cache
// directory can be created and written (else a *storage.CacheError naming
// it), tightening it first if others can write to it.
//
// how is the method: flow.Auto for the AWS CLI's choice (the browser for
// [sso-session] sign-ins, the device code for legacy profiles).
func (m *Manager) StartSignIn(ctx context.Context, name string, how flow.Method) (*flow.Attempt, storage.SignIn, error) {
	in, err := m.Find(name)
	if err != nil {
		return nil, storage.SignIn{}, err
	}
	mode, err := m.secretMode(in.Name)
	if err != nil {
		return nil, in, err
	}
	if mode == storage.SecretsKeyring {
		if err := storage.CheckSecrets(m.opts.Secrets); err != nil {
			return nil, in, fmt.Errorf("%s keeps its secrets in the system keyring: %w", in.Name, err)
		}
	}
	m.secureCacheDir()
	if err := m.cache.CheckWritable(); err != nil {
		return nil, in, fmt.Errorf("sign in to %s: %w", in.Name, err)
	}
	f, err := m.Flow(ctx, in)
	if err != nil {
		return nil, in, err
	}
	return f.Start(ctx, Target(in), how), in, nil
}

// secureCacheDir tightens a token cache directory others can write to
// when it is ours, and logs and returns what it found.
func (m *Manager) secureCacheDir() (warning error) {
	w := m.cache.SecureDir()
	if w != nil {
		m.opts.Logf("%v", w)
	}
	return w
}

// Refresh refreshes name's token now. Refreshes of one sign-in in this
// process (the monitor, a window, a command) share one: while one runs,
// the others wait for it and get its result.
func (m *Manager) Refresh(ctx context.Context, name string) (flow.Token, error) {
	in, err := m.Find(name)
	if err != nil {
		return flow.Token{}, err
	}
	return m.refreshOnce(ctx, in)
}

// SignOut ends name's session at Identity Center (as `aws sso logout` does)
// and removes its token file. In AWS CLI compatible mode the client
// registration file stays, as with the CLI; in keyring mode the sign-in's
// keyring entries (refresh token and client registration) are deleted too,
// so nothing of it is left in the keyring. It reports whether there was a
// token to remove. A failed Logout call, or a keyring that cannot delete,
// does not keep the token file: it comes back as a warning alongside the
// removal.
func (m *Manager) SignOut(ctx context.Context, name string) (removed bool, warning error, err error) {
	in, err := m.Find(name)
	if err != nil {
		return false, nil, err
	}
	tok, loadErr := m.cache.Load(in.CacheKey)
	if loadErr == nil && tok.AccessToken != "" && m.opts.Clock.Now().Before(tok.ExpiresAt) {
		warning = m.logout(ctx, in.Region, tok.AccessToken)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	mode, modeErr := m.secretMode(in.Name)
	warning = errors.Join(warning, modeErr)
	if mode == storage.SecretsKeyring {
		var secretsWarning error
		removed, secretsWarning = m.deleteSecrets(in)
		warning = errors.Join(warning, secretsWarning)
	}
	if errors.Is(loadErr, storage.ErrNotFound) {
		return removed, warning, nil
	}
	if err := m.cache.Delete(in.CacheKey); err != nil {
		return removed, warning, fmt.Errorf("remove token: %w", err)
	}
	return true, warning, nil
}

// deleteSecrets deletes in's keyring entries. It reports whether the
// refresh entry existed, and why an entry could not be deleted.
func (m *Manager) deleteSecrets(in storage.SignIn) (existed bool, err error) {
	refreshErr := m.opts.Secrets.Delete(storage.RefreshSecretKey(in.CacheKey))
	clientErr := m.opts.Secrets.Delete(storage.ClientSecretKey(registrationFile(Target(in))))
	for _, err := range []error{refreshErr, clientErr} {
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return refreshErr == nil, fmt.Errorf("could not delete the sign-in's secrets from the keyring: %w", err)
		}
	}
	return refreshErr == nil, nil
}

func (m *Manager) logout(ctx context.Context, region, accessToken string) error {
	portal, err := m.opts.Clients.Portal(ctx, region)
	if err != nil {
		return fmt.Errorf("set up the portal client: %w", err)
	}
	timeout := m.opts.CallTimeout
	if timeout <= 0 {
		timeout = defaultCallTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if _, err := portal.Logout(ctx, &sso.LogoutInput{AccessToken: aws.String(accessToken)}); err != nil {
		return &flow.APIError{Op: "sign out at IAM Identity Center", Err: err}
	}
	return nil
}

// ResolveStartURL returns the AWS access portal that startURL leads to:
// itself when it is an AWS access portal address, else the end of its
// redirects (a company's own address, package vanity).
func (m *Manager) ResolveStartURL(ctx context.Context, startURL string) (vanity.Portal, error) {
	return m.opts.StartURLs.Resolve(ctx, startURL)
}

// Add writes a new [sso-session] to the config. A start URL on a company's
// own domain must have been followed to the portal (ResolveStartURL) first.
func (m *Manager) Add(name, startURL, region string) error {
	return storage.AddSSOSession(m.paths.ConfigFile, name, startURL, region)
}
