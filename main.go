// Command ssotray signs you in to AWS IAM Identity Center and writes the AWS
// CLI's token cache, so the CLI and every SDK use the sign-in with no
// further step. `ssotray login`, `status` and the other headless commands
// run here; with no command (or --hidden, demo, or add with a display) it
// hands over to the desktop app, ssotray-app, installed beside it.
//
// The command line links neither the GUI toolkit nor the demo's local
// Identity Center: Fyne's start-up work (translations, fonts, Markdown
// tables) would otherwise run before every `ssotray status`, and nearly
// double the time to show a sign-in code.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/ssotray/ssotray/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	if cli.ForApp(args, cli.HasDisplay()) {
		err := startApp(args)
		// startApp returns only when the app could not start.
		if len(args) > 0 && args[0] == "add" {
			fmt.Fprintf(os.Stderr, "ssotray: %v; adding without a window\n", err)
			args = append(args, "--headless")
		} else {
			fmt.Fprintf(os.Stderr, "ssotray: %v\nThe commands work without it: ssotray help\n", err)
			return cli.ExitFailed
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return cli.Main(ctx, args, version)
}
