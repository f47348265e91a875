package cli

import (
	"context"
	"flag"
	"fmt"
)

func runLogout(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("logout", flag.ContinueOnError)
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	name, err := oneName("logout", positional)
	if err != nil {
		return err
	}
	removed, warning, err := env.Manager.SignOut(ctx, name)
	if err != nil {
		return err
	}
	if warning != nil {
		fmt.Fprintf(env.Stderr, "warning: %v; the token was removed from this computer anyway\n", warning)
	}
	if !removed {
		fmt.Fprintf(env.Stdout, "%s: already signed out\n", name)
		return nil
	}
	fmt.Fprintf(env.Stdout, "%s: signed out\n", name)
	return nil
}
