package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
	"time"
)

func runRefresh(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("refresh", flag.ContinueOnError)
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	name, err := oneName("refresh", positional)
	if err != nil {
		return err
	}
	tok, err := env.Manager.Refresh(ctx, name)
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("%s is signed out, so there is nothing to refresh; sign in with: ssotray login %s", name, name)
	}
	if err != nil {
		return fmt.Errorf("refresh %s: %w", name, err)
	}
	fmt.Fprintf(env.Stdout, "%s: refreshed, signed in until %s\n", name, signin.FormatClock(tok.ExpiresAt, time.Now()))
	return nil
}
