package cli

import (
	"context"
	"flag"
	"fmt"
)

func runConsole(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("console", flag.ContinueOnError)
	rf := addRoleFlags(fs)
	region := fs.String("region", "", "the console's Region (default: the sign-in's)")
	print := fs.Bool("print", false, "print the sign-in URL instead of opening the browser")
	portal := fs.Bool("portal", false, "go through the access portal's shortcut link: the portal signs you in, in the browser, and no credentials pass through ssotray")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	name, r, err := rf.resolve(ctx, env, "console", positional)
	if err != nil {
		return err
	}
	var url string
	if *portal {
		url, err = env.Manager.PortalURL(name, r, *region)
	} else {
		url, err = env.Manager.ConsoleURL(ctx, name, r, *region)
	}
	if err != nil {
		return fmt.Errorf("open the console as %s in %s: %w", r.RoleName, r.AccountID, err)
	}
	if err := env.Manager.TouchRole(name, r); err != nil {
		fmt.Fprintf(env.Stderr, "warning: remember %s as recently used: %v\n", r.RoleName, err)
	}
	if *print {
		// A federation URL signs whoever opens it in for 15 minutes: it
		// goes to stdout only, because the person asked for it.
		fmt.Fprintln(env.Stdout, url)
		return nil
	}
	if env.OpenBrowser == nil || env.OpenBrowser(url) != nil {
		return fmt.Errorf("no browser could be started; use --print to get the sign-in URL instead")
	}
	fmt.Fprintf(env.Stdout, "Opened the AWS console as %s in %s (%s)\n", r.RoleName, r.AccountName, r.AccountID)
	return nil
}
