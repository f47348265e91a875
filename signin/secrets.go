package signin

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ssotray/ssotray/storage"
)

// Errors of a sign-in in keyring mode, matched with errors.Is.
var (
	// ErrKeyringUnavailable: the system keyring cannot be used now (no
	// Secret Service, a locked keychain). It is storage.ErrKeyringUnavailable,
	// so either name matches. The access token in the token file keeps
	// working until it expires; refreshing needs the keyring back, or a
	// switch to the AWS CLI compatible mode and a new sign-in.
	ErrKeyringUnavailable = storage.ErrKeyringUnavailable
	// ErrSecretsMissing: the sign-in is in keyring mode and has a token
	// file, but the keyring holds no refresh token for it (deleted by hand,
	// or a different keyring); sign in again.
	ErrSecretsMissing = errors.New("the refresh token is missing from the system keyring; sign in again")
)

// SecretsMove is what MoveSecrets did for one sign-in. It names files and
// keyring entries, never their contents.
type SecretsMove struct {
	// Name is the sign-in.
	Name string
	// From and To are the secret modes before and after.
	From, To storage.SecretMode
	// TokenFile is the sign-in's token file; RegistrationFile the AWS CLI's
	// client registration file for it.
	TokenFile, RegistrationFile string
	// RefreshKey and ClientKey are the keyring entries that hold, in keyring
	// mode, what the two files hold in AWS CLI compatible mode.
	RefreshKey, ClientKey string
	// TokenSecrets is set when the refresh token, client ID and client
	// secret moved between TokenFile and RefreshKey.
	TokenSecrets bool
	// Registration is set when the client registration moved between
	// RegistrationFile and ClientKey.
	Registration bool
	// Stranded is set when the switch to AWS CLI compatible mode happened
	// while the keyring was unavailable and the token file holds no refresh
	// token of its own: the refresh token stayed in the keyring (with
	// whatever else the keyring holds for the sign-in). The token file keeps the access token until it
	// expires; after that the sign-in needs signing in again, unless the
	// keyring comes back first and MoveSecrets(name, SecretsCLI) runs again
	// to fetch the refresh token. It wraps ErrKeyringUnavailable.
	Stranded error
	// SettingsProblem is why ssotray's settings file could not be read,
	// when a switch to AWS CLI compatible mode repaired it: the file was
	// moved to SettingsSetAside and a new one written, in which every
	// other sign-in is in AWS CLI compatible mode.
	SettingsProblem error
	// SettingsSetAside is where the unreadable settings file went.
	SettingsSetAside string
}

// CheckKeyring tells whether the keyring in Options.Secrets works now, by a
// real round trip; an error wraps ErrKeyringUnavailable.
func (m *Manager) CheckKeyring() error { return storage.CheckSecrets(m.opts.Secrets) }

// SecretMode returns where the sign-in name keeps its secrets.
func (m *Manager) SecretMode(name string) (storage.SecretMode, error) {
	in, err := m.Find(name)
	if err != nil {
		return "", err
	}
	return m.secretMode(in.Name)
}

// SetSecretMode switches the sign-in name to mode, moving its secrets and
// leaving no copy behind; see MoveSecrets.
func (m *Manager) SetSecretMode(name string, mode storage.SecretMode) error {
	_, err := m.MoveSecrets(name, mode)
	return err
}

// MoveSecrets switches the sign-in name to mode and moves its refresh
// token, client ID and secret and its client registration to where mode
// keeps them, leaving no copy behind. Each step is ordered so that a crash
// or a failure part-way leaves the secrets readable in the old or the new
// place; running it again finishes the move.
//
// To SecretsKeyring: the keyring is checked first; if it is unavailable the
// error wraps ErrKeyringUnavailable and nothing changes. The secrets are
// written to the keyring, the mode is saved, then the token file is
// rewritten without them and the CLI's registration file for the sign-in
// is removed. The AWS CLI and SDKs keep using the access token; only
// ssotray can refresh it.
//
// To SecretsCLI: the secrets are written back to the token file and the
// registration file, the mode is saved, then the keyring entries are
// deleted. A token file that already holds secrets (aws sso login wrote
// them) keeps its own, which are newer. If the keyring is unavailable the
// switch still happens, because the person asked for it (the caller must
// have their consent): the access token keeps working until it expires,
// the refresh token stays in the keyring, and SecretsMove.Stranded says so.
// Falling back this way therefore means signing in again once the access
// token expires, unless the keyring comes back first.
func (m *Manager) MoveSecrets(name string, mode storage.SecretMode) (SecretsMove, error) {
	if !mode.Valid() {
		return SecretsMove{}, fmt.Errorf("secret mode %q: want %q or %q", mode, storage.SecretsCLI, storage.SecretsKeyring)
	}
	in, err := m.Find(name)
	if err != nil {
		return SecretsMove{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	settings, err := m.loadSettings()
	var problem error
	var setAside string
	if _, ok := errors.AsType[*storage.SettingsError](err); ok && mode == storage.SecretsCLI {
		// The person asks for the mode that needs nothing from the file:
		// keep the broken file aside and start a new one.
		bad, serr := storage.SetAsideSettings(m.opts.Settings)
		if serr != nil {
			return SecretsMove{}, fmt.Errorf("%w; %w", err, serr)
		}
		m.opts.Logf("secrets %s: the settings file could not be read and was moved to %s", in.Name, bad)
		problem, setAside, settings, err = err, bad, &storage.Settings{}, nil
	}
	if err != nil {
		return SecretsMove{}, repairHint(in.Name, err)
	}
	regName := registrationFile(Target(in))
	mv := SecretsMove{
		SettingsProblem: problem, SettingsSetAside: setAside,
		Name: in.Name, From: settings.SecretMode(in.Name), To: mode,
		TokenFile: m.cache.Path(in.CacheKey), RegistrationFile: filepath.Join(m.cache.Dir, regName),
		RefreshKey: storage.RefreshSecretKey(in.CacheKey), ClientKey: storage.ClientSecretKey(regName),
	}
	if mode == storage.SecretsKeyring {
		err = m.toKeyring(&mv, settings, in, regName)
	} else {
		err = m.toCLI(&mv, settings, in, regName)
	}
	if err != nil {
		return mv, fmt.Errorf("move %s's secrets to %s: %w", in.Name, where(mode), err)
	}
	return mv, nil
}

// where names a mode's home for people.
func where(mode storage.SecretMode) string {
	if mode == storage.SecretsKeyring {
		return "the system keyring"
	}
	return "the AWS CLI's cache files"
}

// toKeyring moves in's secrets from the cache files to the keyring.
func (m *Manager) toKeyring(mv *SecretsMove, settings *storage.Settings, in storage.SignIn, regName string) error {
	if err := storage.CheckSecrets(m.opts.Secrets); err != nil {
		return err
	}
	tok, err := m.cache.Load(in.CacheKey)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("the token file cannot be read, so nothing was moved: %w", err)
	}
	moveToken := err == nil && !tok.Secrets().IsZero()
	if err == nil && !moveToken {
		// A token without secrets (one that cannot be refreshed) still gets
		// its entry, so that a missing entry always means a loss.
		if _, err := m.readTokenSecrets(in.CacheKey); errors.Is(err, ErrSecretsMissing) {
			if err := m.writeTokenSecrets(in.CacheKey, storage.TokenSecrets{}); err != nil {
				return err
			}
		}
	}
	reg, regErr := m.cache.LoadRegistration(regName)
	moveReg := regErr == nil
	var written []string
	rollback := func() {
		for _, k := range written {
			_ = m.opts.Secrets.Delete(k)
		}
	}
	if moveToken {
		if err := m.writeTokenSecrets(in.CacheKey, tok.Secrets()); err != nil {
			return err
		}
		written = append(written, mv.RefreshKey)
	}
	if moveReg {
		if err := m.writeRegistration(regName, reg); err != nil {
			rollback()
			return err
		}
		written = append(written, mv.ClientKey)
	}
	settings.SetSecretMode(in.Name, storage.SecretsKeyring)
	if err := settings.Save(m.opts.Settings); err != nil {
		rollback()
		return err
	}
	// From here on the mode is keyring and the keyring holds the secrets,
	// so a failure leaves a copy in the files but loses nothing.
	if moveToken {
		if err := m.stripTokenFile(in.CacheKey); err != nil {
			return fmt.Errorf("the secrets are in the keyring, but the token file still holds them: %w", err)
		}
	}
	if moveReg {
		if err := os.Remove(mv.RegistrationFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("the registration is in the keyring, but its file could not be removed: %w", err)
		}
	}
	mv.TokenSecrets, mv.Registration = moveToken, moveReg
	return nil
}

// stripTokenFile rewrites the token file under key without its secrets. It
// reads the file again first and stores in the keyring whatever secrets it
// holds now, in case another tool refreshed the token meanwhile.
func (m *Manager) stripTokenFile(key string) error {
	tok, err := m.cache.Load(key)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if tok.Secrets().IsZero() {
		return nil
	}
	if err := m.writeTokenSecrets(key, tok.Secrets()); err != nil {
		return err
	}
	return m.cache.Save(key, tok.WithoutSecrets())
}

// toCLI moves in's secrets from the keyring back to the cache files.
func (m *Manager) toCLI(mv *SecretsMove, settings *storage.Settings, in storage.SignIn, regName string) error {
	tok, tokErr := m.cache.Load(in.CacheKey)
	if tokErr != nil && !errors.Is(tokErr, storage.ErrNotFound) {
		return fmt.Errorf("the token file cannot be read, so nothing was moved: %w", tokErr)
	}
	sec, secErr := m.readTokenSecrets(in.CacheKey)
	reg, regErr := m.readRegistration(regName)
	// A missing entry has nothing to move; a garbled one cannot be moved
	// and goes with the rest below. An unavailable keyring strands the
	// refresh token only when the token file lacks one: a file that holds
	// its own (the mode was AWS CLI compatible already, or aws sso login
	// wrote it) loses nothing, and a client registration left behind only
	// means registering again at the next sign-in.
	unavailable := errors.Is(secErr, storage.ErrKeyringUnavailable) || errors.Is(regErr, storage.ErrKeyringUnavailable)
	if errors.Is(secErr, storage.ErrKeyringUnavailable) && tokErr == nil && tok.Secrets().IsZero() {
		mv.Stranded = secErr
	}
	if secErr == nil && tokErr == nil && tok.Secrets().IsZero() {
		if err := m.cache.Save(in.CacheKey, tok.WithSecrets(sec)); err != nil {
			return err
		}
		mv.TokenSecrets = true
	}
	if regErr == nil {
		if _, err := m.cache.LoadRegistration(regName); err != nil {
			if err := m.cache.SaveRegistration(regName, reg); err != nil {
				return err
			}
			mv.Registration = true
		}
	}
	settings.SetSecretMode(in.Name, storage.SecretsCLI)
	if err := settings.Save(m.opts.Settings); err != nil {
		return err
	}
	if unavailable {
		m.opts.Logf("secrets %s: the keyring is not available, so any entries it holds for the sign-in stay there", in.Name)
		return nil
	}
	// The files hold the secrets now; the keyring's copies go.
	for _, k := range []string{mv.RefreshKey, mv.ClientKey} {
		if err := m.opts.Secrets.Delete(k); err != nil && !errors.Is(err, storage.ErrNotFound) {
			return fmt.Errorf("the secrets are back in the files, but the keyring still holds a copy: %w", err)
		}
	}
	return nil
}

// loadSettings reads ssotray's settings file.
func (m *Manager) loadSettings() (*storage.Settings, error) {
	if m.settingsErr != nil {
		return nil, m.settingsErr
	}
	return storage.LoadSettings(m.opts.Settings)
}

// secretMode returns where the sign-in name keeps its secrets. A settings
// file that cannot be read gives an error that says how to repair it.
func (m *Manager) secretMode(name string) (storage.SecretMode, error) {
	s, err := m.loadSettings()
	if err != nil {
		return "", repairHint(name, err)
	}
	return s.SecretMode(name), nil
}

// repairHint adds to a *storage.SettingsError how to repair the file; any
// other error comes back as it is.
func repairHint(name string, err error) error {
	se, ok := errors.AsType[*storage.SettingsError](err)
	if !ok {
		return err
	}
	return fmt.Errorf("%w; to repair it, run `ssotray secrets %s cli` (it moves the file to %s.bad and writes a good one), or delete it (every sign-in goes back to AWS CLI compatible mode)", err, name, filepath.Base(se.Path))
}
