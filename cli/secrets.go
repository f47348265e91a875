package cli

import (
	"errors"
	"flag"
	"fmt"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// runSecrets shows or switches where a sign-in keeps its refresh token and
// client secret: `ssotray secrets NAME [cli|keyring]`.
func runSecrets(env Env, args []string) error {
	fs := flag.NewFlagSet("secrets", flag.ContinueOnError)
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) == 0 || len(positional) > 2 {
		return usageError{"secrets needs a name and optionally a mode: ssotray secrets NAME [cli|keyring]"}
	}
	name, err := oneName("secrets", positional[:1])
	if err != nil {
		return err
	}
	if len(positional) == 1 {
		mode, err := env.Manager.SecretMode(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%s: %s (%s)\n", name, mode, mode.Label())
		return nil
	}
	mode, err := storage.ParseSecretMode(positional[1])
	if err != nil {
		return usageError{fmt.Sprintf("secrets: the mode is %q or %q, not %q", storage.SecretsCLI, storage.SecretsKeyring, positional[1])}
	}
	mv, err := env.Manager.MoveSecrets(name, mode)
	if err != nil {
		return err
	}
	printMove(env, mv)
	return nil
}

// printMove says what moved where; it names files and keyring entries only.
func printMove(env Env, mv signin.SecretsMove) {
	w := env.Stdout
	if mv.To == storage.SecretsKeyring {
		fmt.Fprintf(w, "%s: secrets are now kept in the system keyring (%s mode).\n", mv.Name, mv.To.Label())
	} else {
		fmt.Fprintf(w, "%s: secrets are now kept in the AWS CLI's cache files (%s mode).\n", mv.Name, mv.To.Label())
	}
	entry := func(key string) string {
		return fmt.Sprintf("keyring entry %q (service %q)", key, signin.KeyringService)
	}
	moved := false
	if mv.TokenSecrets {
		moved = true
		if mv.To == storage.SecretsKeyring {
			fmt.Fprintf(w, "  moved the refresh token, client ID and client secret\n    from %s\n    to   %s\n", mv.TokenFile, entry(mv.RefreshKey))
		} else {
			fmt.Fprintf(w, "  moved the refresh token, client ID and client secret\n    from %s\n    to   %s\n", entry(mv.RefreshKey), mv.TokenFile)
		}
	}
	if mv.Registration {
		moved = true
		if mv.To == storage.SecretsKeyring {
			fmt.Fprintf(w, "  moved the client registration\n    from %s\n    to   %s\n", mv.RegistrationFile, entry(mv.ClientKey))
		} else {
			fmt.Fprintf(w, "  moved the client registration\n    from %s\n    to   %s\n", entry(mv.ClientKey), mv.RegistrationFile)
		}
	}
	if !moved && mv.Stranded == nil {
		fmt.Fprintln(w, "  nothing to move: no secrets were stored for it yet")
	}
	if mv.To == storage.SecretsKeyring {
		fmt.Fprintln(w, "The token file keeps the access token, so the AWS CLI and SDKs work until it expires; only ssotray can refresh it.")
	}
	if mv.SettingsSetAside != "" {
		fmt.Fprintf(env.Stderr, "warning: %v\n", mv.SettingsProblem)
		fmt.Fprintf(env.Stderr, "It was moved to %s and a new one written. Every other sign-in is now in AWS CLI compatible mode; one that kept its secrets in the keyring needs `ssotray secrets NAME keyring` to go back.\n", mv.SettingsSetAside)
	}
	if mv.Stranded != nil {
		unavailable := errors.Is(mv.Stranded, signin.ErrKeyringUnavailable)
		fmt.Fprintf(env.Stderr, "warning: %v\n", mv.Stranded)
		if unavailable {
			fmt.Fprintf(env.Stderr, "The refresh token stayed in the keyring. The access token works until it expires; then sign in again (ssotray login %s), unless the keyring comes back first: then run `ssotray secrets %s cli` again to fetch it.\n", mv.Name, mv.Name)
		}
	}
}
