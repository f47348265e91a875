package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/ssotray/ssotray/profiles"
)

func runProfiles(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("profiles", flag.ContinueOnError)
	write := fs.Bool("write", false, "write the changes to the config file (default: only show them)")
	prune := fs.Bool("prune", false, "also remove the profiles ssotray wrote for roles that are gone")
	template := fs.String("template", "", "profile names, as a Go template (default: the organisation's for its sign-ins, else "+profiles.DefaultTemplate+")")
	region := fs.String("region", "", "the region key of new profiles (default: the sign-in's Region)")
	refresh := fs.Bool("refresh", false, "list the accounts from the access portal now")
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	name, err := oneName("profiles", positional)
	if err != nil {
		return err
	}
	if *template == "" {
		*template = managedTemplate(env, name)
	}
	progress, done := progressLine(env.Stderr, name)
	plan, err := env.Manager.PlanProfiles(ctx, name, *refresh, progress, profiles.Options{
		Template: *template, Region: *region, Prune: *prune,
	})
	done()
	if err != nil {
		return err
	}
	for _, w := range plan.Warnings {
		fmt.Fprintf(env.Stderr, "warning: %s\n", w)
	}
	fmt.Fprint(env.Stdout, plan.Summary())
	if !*write {
		if plan.Changed() {
			fmt.Fprintf(env.Stdout, "Nothing written. Run again with --write to write %s.\n", env.Manager.Paths().ConfigFile)
		}
		return nil
	}
	if !plan.Changed() {
		return nil
	}
	if err := env.Manager.WriteProfiles(plan); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote %s\n", env.Manager.Paths().ConfigFile)
	return nil
}
