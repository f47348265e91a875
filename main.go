// Command ssotray signs you in to AWS IAM Identity Center from the system
// tray, and writes the AWS CLI's token cache so the CLI and every SDK use the
// sign-in with no further step. With no arguments it opens the tray app; see
// `ssotray help` for the headless commands.
package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/pkg/browser"

	"github.com/ssotray/ssotray/cli"
	"github.com/ssotray/ssotray/demo"
	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
	"github.com/ssotray/ssotray/ui"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const appID = "io.github.ssotray"

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	browser.Stdout, browser.Stderr = io.Discard, io.Discard

	if len(args) > 0 && args[0] == "demo" {
		return runDemo(ctx, args[1:])
	}
	paths, err := storage.DefaultPaths()
	if err != nil {
		fmt.Fprintf(os.Stderr, "ssotray: %v\n", err)
		return cli.ExitFailed
	}
	m := signin.New(paths, withDebugLog)
	if len(args) > 0 {
		return cli.Run(ctx, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Manager: m, OpenBrowser: browser.OpenURL, Version: version}, args)
	}
	runGUI(ctx, m, false)
	return cli.ExitOK
}

// runDemo runs the GUI against the built-in local Identity Center; with
// --server-only it runs just the server, for trying other AWS tools on it.
func runDemo(ctx context.Context, args []string) int {
	serverOnly := len(args) > 0 && args[0] == "--server-only"
	addr := "127.0.0.1:0"
	if serverOnly && len(args) > 1 {
		addr = args[1]
	}
	d, err := demo.Start(addr, demoAutoApprove)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ssotray: %v\n", err)
		return cli.ExitFailed
	}
	defer d.Close()
	if serverOnly {
		fmt.Printf("Local Identity Center at %s\nexport HOME=%s\n", d.Server.URL, d.Home)
		for k, v := range d.Env() {
			fmt.Printf("export %s=%s\n", k, v)
		}
		<-ctx.Done()
		return cli.ExitOK
	}
	fmt.Fprintf(os.Stderr, "ssotray demo: local Identity Center at %s, config %s\n", d.Server.URL, d.Paths.ConfigFile)
	runGUI(ctx, signin.New(d.Paths, withDebugLog, func(o *signin.Options) {
		o.Settings = filepath.Join(d.Home, ".config", "ssotray", "settings.json")
	}), true)
	return cli.ExitOK
}

func runGUI(ctx context.Context, m *signin.Manager, demoMode bool) {
	a := app.NewWithID(appID)
	// Quit cleanly on Ctrl-C or SIGTERM, so the demo's home is removed.
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	ui.New(a, m, ui.Options{
		Demo:    demoMode,
		OpenURL: func(u *url.URL) error { return browser.OpenURL(u.String()) },
		Version: version,
	}).Run()
}

// demoAutoApprove lets an unattended run (the GUI end-to-end test) have the
// demo's codes approved after SSOTRAY_DEMO_AUTO_APPROVE pending polls.
func demoAutoApprove(o *idctest.Options) {
	if n, err := strconv.Atoi(os.Getenv("SSOTRAY_DEMO_AUTO_APPROVE")); err == nil && n >= 0 {
		o.AutoApprove = n
	}
}

// withDebugLog sends flow's debug lines (which never hold secrets) to stderr
// when SSOTRAY_DEBUG is set.
func withDebugLog(o *signin.Options) {
	if os.Getenv("SSOTRAY_DEBUG") == "" {
		return
	}
	o.Logf = func(format string, args ...any) { fmt.Fprintf(os.Stderr, "debug: "+format+"\n", args...) }
}
