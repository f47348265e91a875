package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/ssotray/ssotray/storage"
)

func runAdd(ctx context.Context, env Env, args []string) error {
	a, err := ParseAddArgs(args)
	if err != nil {
		return err
	}
	if a.Name == "" || a.StartURL == "" {
		return usageError{"add needs --name and --start-url (and --region unless the URL names one)"}
	}
	u, err := storage.ValidateStartURL(a.StartURL)
	if errors.Is(err, storage.ErrNotAWSHost) {
		// A company's own address: follow it to the portal, which may
		// name the Region.
		portal, rerr := env.Manager.ResolveStartURL(ctx, u.URL)
		if rerr != nil {
			return rerr
		}
		fmt.Fprintf(env.Stderr, "%s leads to the AWS access portal %s.\n", u.URL, portal.URL)
		u.Region, err = portal.Region, nil
	}
	if err != nil {
		return err
	}
	if u.Cleaned != "" {
		fmt.Fprintf(env.Stderr, "Using %s: the part from # on is the portal page's, not the portal's address.\n", u.URL)
	}
	a.StartURL = u.URL
	if a.Region == "" {
		if u.Region == "" {
			return usageError{"this start URL does not say its Region; add --region (for example --region us-east-1)"}
		}
		a.Region = u.Region
	}
	var existing string
	if cfg, err := env.Manager.Config(); err == nil {
		if in, ok := cfg.ForStartURL(a.StartURL); ok {
			existing = in.Name
		}
	}
	if err := env.Manager.Add(a.Name, a.StartURL, a.Region); err != nil {
		return err
	}
	if existing != "" {
		fmt.Fprintf(env.Stderr, "Note: %s already signs in to this portal (ssotray login %s); %s was added beside it.\n", existing, existing, a.Name)
	}
	fmt.Fprintf(env.Stdout, "Added %s (%s, %s) to %s.\nSign in with: ssotray login %s\n", a.Name, a.StartURL, a.Region, env.Manager.Paths().ConfigFile, a.Name)
	return nil
}

// AddArgs is what `ssotray add` was given.
type AddArgs struct {
	Name, StartURL, Region string
	// Headless writes the sign-in at once instead of opening the
	// add-a-sign-in window prefilled.
	Headless bool
}

// ParseAddArgs parses add's flags (args without "add"). It checks only the
// command line's form: the values are checked when they are used, by the
// headless command or by the window a person confirms them in.
func ParseAddArgs(args []string) (AddArgs, error) {
	var a AddArgs
	fs := flag.NewFlagSet("add", flag.ContinueOnError)
	fs.StringVar(&a.Name, "name", "", "a short name for the sign-in, e.g. corp")
	fs.StringVar(&a.StartURL, "start-url", "", "the AWS access portal URL")
	fs.StringVar(&a.Region, "region", "", "the IAM Identity Center Region")
	fs.BoolVar(&a.Headless, "headless", false, "write the sign-in at once, without opening a window")
	positional, err := parse(fs, args)
	if err != nil {
		return AddArgs{}, err
	}
	if len(positional) > 0 {
		return AddArgs{}, usageError{fmt.Sprintf("add takes only flags; unexpected %q", positional[0])}
	}
	return a, nil
}
