package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ssotray/ssotray/addlink"
	"github.com/ssotray/ssotray/signin"
)

// Exit codes.
const (
	ExitOK        = 0
	ExitFailed    = 1
	ExitUsage     = 2
	ExitCancelled = 130
)

// Env is what a command runs against. Tests fill it with fakes.
type Env struct {
	Stdout, Stderr io.Writer
	// Manager reads the config and cache and runs sign-ins.
	Manager *signin.Manager
	// OpenBrowser opens a URL in the default browser.
	OpenBrowser func(url string) error
	// Version is printed by `ssotray version`.
	Version string
	// ManagedFile is the organisation's managed file (managed.DefaultPath);
	// "" means none.
	ManagedFile string
}

// Run runs one command (args without the program name) and returns the exit
// code.
func Run(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 {
		return usage(env.Stderr)
	}
	var err error
	switch args[0] {
	case "login":
		err = runLogin(ctx, env, args[1:])
	case "status":
		err = runStatus(env, args[1:])
	case "refresh":
		err = runRefresh(ctx, env, args[1:])
	case "logout":
		err = runLogout(ctx, env, args[1:])
	case "add":
		err = runAdd(ctx, env, args[1:])
	case "secrets":
		err = runSecrets(env, args[1:])
	case "accounts":
		err = runAccounts(ctx, env, args[1:])
	case "console":
		err = runConsole(ctx, env, args[1:])
	case "creds":
		err = runCreds(ctx, env, args[1:])
	case "profiles":
		err = runProfiles(ctx, env, args[1:])
	case "link":
		err = runLink(env, args[1:])
	case "version", "--version":
		fmt.Fprintln(env.Stdout, "ssotray", env.Version)
	case "help", "-h", "--help":
		printUsage(env.Stdout)
	default:
		if addlink.IsLink(args[0]) {
			err = runOpenLink(args[0])
			break
		}
		fmt.Fprintf(env.Stderr, "ssotray: unknown command %q\n", args[0])
		return usage(env.Stderr)
	}
	return report(env.Stderr, err)
}

// usageError is a command line that does not parse.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func report(stderr io.Writer, err error) int {
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "ssotray: %s\n", ue.msg)
		return ExitUsage
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "ssotray: cancelled")
		return ExitCancelled
	default:
		fmt.Fprintf(stderr, "ssotray: %s\n", err)
		return ExitFailed
	}
}

func usage(w io.Writer) int {
	printUsage(w)
	return ExitUsage
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  ssotray [--hidden]          open the tray app (--hidden: tray only, as at login)
  ssotray login NAME [--no-browser] [--use-device-code]
                              sign in to an sso-session or profile: in a
                              browser on this machine for an sso-session,
                              as the AWS CLI does; --use-device-code gives a
                              code to confirm on any device instead (phone,
                              SSH); --no-browser prints the page to open
  ssotray status [--json]     list every sign-in and its time left
  ssotray refresh NAME        get a new access token with the refresh token now
  ssotray logout NAME         sign out and remove the cached token
  ssotray add --name N --start-url URL [--region R] [--headless]
                              add a sign-in to ~/.aws/config; with a display
                              it opens the add-a-sign-in window prefilled
                              for you to check (--headless writes it at once)
  ssotray secrets NAME [cli|keyring]
                              show or switch where NAME keeps its refresh
                              token and client secret: cli (AWS CLI
                              compatible, the default: in ~/.aws/sso/cache)
                              or keyring (only in the system keyring; the
                              cache file keeps just the access token)
  ssotray accounts NAME [--json] [--refresh]
                              every account and role NAME reaches (from
                              the list kept on disk when under a day old)
  ssotray console NAME --account ACCOUNT --role ROLE [--region R] [--print] [--portal]
                              open the AWS console as ROLE (ACCOUNT is an
                              ID or an exact account name); --print prints
                              the sign-in URL instead (a secret for 15 min);
                              --portal goes through the access portal's own
                              link, so no credentials pass through ssotray
  ssotray creds NAME --account ACCOUNT --role ROLE [--format F]
                              print the role's credentials in the AWS CLI's
                              export formats: env (default), env-no-export,
                              powershell, windows-cmd, fish, process
  ssotray profiles NAME [--write] [--prune] [--template T] [--region R]
                              a [profile] per account and role in
                              ~/.aws/config: shows the changes, --write
                              makes them (only in sections ssotray wrote),
                              --prune removes those of roles that are gone
  ssotray link --name N --start-url URL [--region R]
                              print an ssotray://add link (and its QR code)
                              that opens the add-a-sign-in window prefilled,
                              for a helpdesk to send
  ssotray demo [--hidden | --server-only [ADDR]]
                              try the app on a built-in local Identity Center
  ssotray version
`)
}

// parse parses flags that may come before or after the positional
// arguments (`login corp --no-browser` and `login --no-browser corp`).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{flagProblem(fs.Name(), err)}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// flagProblem says what is wrong with a command's flags in words, then the
// command's usage from the help, instead of Go's "flag provided but not
// defined: -jsn".
func flagProblem(cmd string, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		msg = fmt.Sprintf("%s has no option --%s", cmd, name)
	} else {
		msg = cmd + ": " + msg
	}
	if u := usageOf(cmd); u != "" {
		msg += "\nUsage:\n" + u
	}
	return msg
}

// usageOf returns the lines of the help that describe cmd, so that the
// help stays the one place a command's usage is written.
func usageOf(cmd string) string {
	var help strings.Builder
	printUsage(&help)
	var out []string
	in := false
	for _, line := range strings.Split(help.String(), "\n") {
		switch {
		case strings.HasPrefix(line, "  ssotray "+cmd+" ") || line == "  ssotray "+cmd:
			in = true
		case strings.HasPrefix(line, "  ssotray "):
			in = false
		}
		if in {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

func oneName(cmd string, positional []string) (string, error) {
	switch {
	case len(positional) == 1 && strings.TrimSpace(positional[0]) != "":
		return positional[0], nil
	case len(positional) == 0:
		return "", usageError{fmt.Sprintf("%s needs the name of an sso-session or profile (see: ssotray status)", cmd)}
	default:
		return "", usageError{fmt.Sprintf("%s takes one name, got %d", cmd, len(positional))}
	}
}
