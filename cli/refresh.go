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
	if errors.Is(err, signin.ErrTokenUnsaved) {
		err = awaitSave(ctx, env, name, err)
	}
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("%s is signed out, so there is nothing to refresh; sign in with: ssotray login %s", name, name)
	}
	if err != nil {
		return fmt.Errorf("refresh %s: %w", name, err)
	}
	fmt.Fprintf(env.Stdout, "%s: refreshed, signed in until %s\n", name, signin.FormatClock(tok.ExpiresAt, time.Now()))
	return nil
}

// saveTries bounds how long `ssotray refresh` waits for another program to
// let go of the token file: each try itself waits about 2.5 s, so about a
// minute in all.
const saveTries = 24

// awaitSave waits for the token file that another program holds (Windows)
// so that the refreshed token, which the Manager keeps in memory, is
// written before this process ends and takes it along. It says so on
// standard error first, and returns nil once written, or the last error.
func awaitSave(ctx context.Context, env Env, name string, err error) error {
	fmt.Fprintf(env.Stderr, "%s: %v\nWaiting up to a minute for it to close the file (Ctrl+C stops waiting, and the session ends with it).\n", name, err)
	for range saveTries {
		if ctx.Err() != nil {
			return err
		}
		if err = env.Manager.SaveUnsaved(name); err == nil {
			fmt.Fprintf(env.Stderr, "%s: the new token is written.\n", name)
			return nil
		}
	}
	return fmt.Errorf("%w; the session is lost when this command ends: sign in again with: ssotray login %s", err, name)
}
