package main

import (
	"context"
	"fmt"
	"os"

	"github.com/ssotray/ssotray/managed"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/ui"
)

// applyManaged follows the organisation's managed file at start: the
// sign-ins it lists that the config lacks are added, its policy applied,
// and opts told which sign-ins are managed and where secrets must live.
// It returns what the person should be told; each problem also goes to
// stderr. A file that cannot be used changes nothing.
func applyManaged(ctx context.Context, m *signin.Manager, opts *ui.Options) (problems []string) {
	path := managed.DefaultPath()
	f, err := managed.Load(path)
	if err != nil {
		problems = append(problems, err.Error())
	}
	if f == nil {
		return report(problems)
	}
	opts.Managed = f.Manages
	if mode, ok := f.SecretMode(); ok {
		opts.SecretsPolicy = mode
	}
	added, err := f.AddMissing(m.Paths().ConfigFile)
	if err != nil {
		problems = append(problems, fmt.Sprintf("managed file %s: add sign-ins: %v", path, err))
	}
	for _, s := range added.New {
		fmt.Fprintf(os.Stderr, "ssotray: added %s (%s) from %s\n", s.Name, s.StartURL, path)
	}
	for _, err := range added.Conflicts {
		problems = append(problems, err.Error())
	}
	var a managed.Autostarter
	if opts.Autostart != nil {
		a = opts.Autostart
	}
	for _, err := range f.ApplyPolicy(ctx, m, a) {
		problems = append(problems, err.Error())
	}
	return report(problems)
}

// report prints each problem on stderr and returns them.
func report(problems []string) []string {
	for _, p := range problems {
		fmt.Fprintf(os.Stderr, "ssotray: %s\n", p)
	}
	return problems
}
