package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/pkg/browser"

	"github.com/ssotray/ssotray/managed"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// Main runs a headless command line (args without the program name) for
// real: on the user's own ~/.aws, with the environment's debug and deadline
// settings (signin.OptionsFromEnv), the default browser, and the process's
// stdout and stderr. It returns the exit code. SIGINT and SIGTERM end any
// command promptly, even one blocked in a call that ignores ctx (see
// runUntilSignal).
func Main(ctx context.Context, args []string, version string) int {
	paths, err := storage.DefaultPaths()
	if err != nil {
		fmt.Fprintf(os.Stderr, "ssotray: %v\n", err)
		return ExitFailed
	}
	// The browser's own chatter is not ours to print.
	browser.Stdout, browser.Stderr = io.Discard, io.Discard
	env := Env{
		Stdout:      os.Stdout,
		Stderr:      os.Stderr,
		Manager:     signin.New(paths, signin.OptionsFromEnv),
		OpenBrowser: browser.OpenURL,
		Version:     version,
		ManagedFile: managed.DefaultPath(),
	}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	return runUntilSignal(ctx, env.Stderr, sigs, func(ctx context.Context) int { return Run(ctx, env, args) })
}
