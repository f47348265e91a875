package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"runtime"
	"slices"
	"strings"

	"github.com/ssotray/ssotray/credexport"
)

func runCreds(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("creds", flag.ContinueOnError)
	rf := addRoleFlags(fs)
	format := fs.String("format", defaultCredsFormat(), "one of: "+strings.Join(credexport.Formats, ", "))
	positional, err := parse(fs, args)
	if err != nil {
		return err
	}
	if !slices.Contains(credexport.Formats, *format) {
		return usageError{fmt.Sprintf("creds: unknown --format %q; use one of: %s", *format, strings.Join(credexport.Formats, ", "))}
	}
	name, r, err := rf.resolve(ctx, env, "creds", positional)
	if err != nil {
		return err
	}
	creds, err := env.Manager.RoleCredentials(ctx, name, r)
	if err != nil {
		return fmt.Errorf("get credentials for %s in %s: %w", r.RoleName, r.AccountID, err)
	}
	// Format in memory first, so a failure prints nothing half-done.
	var out bytes.Buffer
	if err := credexport.Write(&out, creds, *format); err != nil {
		return err
	}
	_, err = env.Stdout.Write(out.Bytes())
	return err
}

// defaultCredsFormat is env, as for the AWS CLI, except in Windows'
// PowerShell, the usual shell there.
func defaultCredsFormat() string {
	if runtime.GOOS == "windows" {
		return "powershell"
	}
	return "env"
}
