package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/ssotray/ssotray/accounts"
)

func runAccounts(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("accounts", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	refresh := fs.Bool("refresh", false, "list them from the access portal now, not from the list kept on disk")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	name, err := oneName("accounts", positional)
	if err != nil {
		return err
	}
	progress, done := progressLine(env.Stderr, name)
	list, err := env.Manager.Accounts(ctx, name, *refresh, progress)
	done()
	if err != nil {
		return err
	}
	if *asJSON {
		out := list.Accounts
		if out == nil {
			out = []accounts.Account{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	roles := 0
	for _, a := range list.Accounts {
		fmt.Fprintf(env.Stdout, "%s  %s", a.ID, a.Name)
		if a.Email != "" {
			fmt.Fprintf(env.Stdout, "  <%s>", a.Email)
		}
		fmt.Fprintln(env.Stdout)
		for _, r := range a.Roles {
			fmt.Fprintf(env.Stdout, "    %s\n", r)
		}
		roles += len(a.Roles)
	}
	fmt.Fprintf(env.Stderr, "%s: %s, %s; listed %s\n", name,
		plural(len(list.Accounts), "account"), plural(roles, "role"), ago(time.Since(list.FetchedAt)))
	return nil
}

// progressLine shows a listing's progress on one line of w when w is a
// terminal, and nothing otherwise. done clears the line.
func progressLine(w io.Writer, name string) (progress func(accounts.Progress), done func()) {
	f, ok := w.(*os.File)
	if !ok {
		return nil, func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil, func() {}
	}
	var (
		mu    sync.Mutex
		last  time.Time
		shown bool
	)
	progress = func(p accounts.Progress) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < 200*time.Millisecond && !p.Done {
			return
		}
		last, shown = time.Now(), true
		msg := fmt.Sprintf("Listing the accounts of %s… %d of %d", name, p.AccountsDone, p.AccountsFound)
		if !p.AllFound {
			msg = fmt.Sprintf("Listing the accounts of %s… %d done, %d found so far", name, p.AccountsDone, p.AccountsFound)
		}
		if p.Throttled > 0 {
			msg += fmt.Sprintf(" (the portal asked to slow down %d times)", p.Throttled)
		}
		fmt.Fprintf(f, "\r\033[K%s", msg)
	}
	done = func() {
		mu.Lock()
		defer mu.Unlock()
		if shown {
			fmt.Fprint(f, "\r\033[K")
		}
		shown = false
	}
	return progress, done
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// ago says how long ago something happened, for a person.
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute") + " ago"
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	default:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	}
}

// roleFlags are the flags that name one role: --account and --role.
type roleFlags struct {
	account, role *string
}

func addRoleFlags(fs *flag.FlagSet) roleFlags {
	return roleFlags{
		account: fs.String("account", "", "the account: its ID or its exact name"),
		role:    fs.String("role", "", "the role (permission set) name"),
	}
}

// resolve parses the command's NAME and finds the role the flags name.
func (f roleFlags) resolve(ctx context.Context, env Env, cmd string, positional []string) (string, accounts.Role, error) {
	name, err := oneName(cmd, positional)
	if err != nil {
		return "", accounts.Role{}, err
	}
	if *f.account == "" || *f.role == "" {
		return "", accounts.Role{}, usageError{cmd + " needs --account ACCOUNT and --role ROLE (see: ssotray accounts " + name + ")"}
	}
	r, err := env.Manager.ResolveRole(ctx, name, *f.account, *f.role)
	return name, r, err
}
