package cli

import (
	"flag"
	"fmt"

	"github.com/ssotray/ssotray/storage"
)

func runAdd(env Env, args []string) error {
	fs := flag.NewFlagSet("add", flag.ContinueOnError)
	name := fs.String("name", "", "a short name for the sign-in, e.g. corp")
	startURL := fs.String("start-url", "", "the AWS access portal URL")
	region := fs.String("region", "", "the IAM Identity Center Region")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usageError{fmt.Sprintf("add takes only flags; unexpected %q", positional[0])}
	}
	if *name == "" || *startURL == "" {
		return usageError{"add needs --name and --start-url (and --region unless the URL names one)"}
	}
	if *region == "" {
		u, err := storage.ValidateStartURL(*startURL)
		if err != nil {
			return err
		}
		if u.Region == "" {
			return usageError{"this start URL does not say its Region; add --region (for example --region us-east-1)"}
		}
		*region = u.Region
	}
	if err := env.Manager.Add(*name, *startURL, *region); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Added %s (%s, %s) to %s.\nSign in with: ssotray login %s\n", *name, *startURL, *region, env.Manager.Paths().ConfigFile, *name)
	return nil
}
