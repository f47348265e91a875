package managed

import (
	"context"
	"errors"
	"fmt"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/profiles"
	"github.com/ssotray/ssotray/storage"
)

// Manager is what applying the policy needs of the sign-ins;
// *signin.Manager is one.
type Manager interface {
	Config() (*storage.Config, error)
	SecretMode(name string) (storage.SecretMode, error)
	SetSecretMode(name string, mode storage.SecretMode) error
	CachedAccounts(name string) (accounts.List, error)
	Paths() storage.Paths
}

// Autostarter switches start at login; desktop.Autostart is one.
type Autostarter interface {
	Enabled() (bool, error)
	Enable() error
	Disable() error
}

// ApplyPolicy makes the machine follow the policy: the managed sign-ins'
// secrets where Policy.Secrets says (moving them, as the person's own
// switch does), start at login as Policy.StartAtLogin says (a nil
// Autostarter skips it), and, for each managed sign-in whose accounts and
// roles have been listed, the [profile] sections Policy.ProfileTemplate
// names (only ssotray's own sections change; a role the person has a
// profile for keeps theirs). Each problem is returned and the rest still
// applied; what already follows the policy is left untouched, so a second
// run changes nothing.
func (f *File) ApplyPolicy(ctx context.Context, m Manager, a Autostarter) []error {
	if f == nil {
		return nil
	}
	var errs []error
	if a != nil && f.Policy.StartAtLogin != nil {
		if err := applyAutostart(a, *f.Policy.StartAtLogin); err != nil {
			errs = append(errs, fmt.Errorf("start at login: %w", err))
		}
	}
	cfg, err := m.Config()
	if err != nil {
		return append(errs, err)
	}
	for _, in := range cfg.SignIns {
		if !f.Manages(in) {
			continue
		}
		if mode, ok := f.SecretMode(); ok {
			if cur, err := m.SecretMode(in.Name); err != nil || cur != mode {
				if err := m.SetSecretMode(in.Name, mode); err != nil {
					errs = append(errs, fmt.Errorf("%s: keep secrets as your organisation asks (%s): %w", in.Name, f.Policy.Secrets, err))
				}
			}
		}
		if f.Policy.ProfileTemplate != "" {
			if err := writeProfiles(ctx, m, in, f.Policy.ProfileTemplate); err != nil {
				errs = append(errs, fmt.Errorf("%s: profiles: %w", in.Name, err))
			}
		}
	}
	return errs
}

// applyAutostart switches start at login to on, if it is not already.
func applyAutostart(a Autostarter, on bool) error {
	cur, err := a.Enabled()
	if err == nil && cur == on {
		return nil
	}
	if on {
		return a.Enable()
	}
	return a.Disable()
}

// writeProfiles writes the profiles for in's accounts and roles as they
// were last listed; with no list yet there is nothing to do.
func writeProfiles(_ context.Context, m Manager, in storage.SignIn, template string) error {
	list, err := m.CachedAccounts(in.Name)
	if errors.Is(err, accounts.ErrNotCached) || (err == nil && len(list.Accounts) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	file := m.Paths().ConfigFile
	data, err := storage.ReadConfigFile(file)
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	plan, err := profiles.NewPlan(data, in, list, profiles.Options{Template: template})
	if err != nil {
		return err
	}
	return profiles.Write(file, plan)
}
