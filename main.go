// Command ssotray signs you in to AWS IAM Identity Center from the system
// tray, and writes the AWS CLI's token cache so the CLI and every SDK use the
// sign-in with no further step. With no arguments it opens the tray app; see
// `ssotray help` for the headless commands.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/pkg/browser"

	"github.com/ssotray/ssotray/cli"
	"github.com/ssotray/ssotray/demo"
	"github.com/ssotray/ssotray/desktop"
	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
	"github.com/ssotray/ssotray/ui"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() { os.Exit(run(os.Args[1:])) }

func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	browser.Stdout, browser.Stderr = io.Discard, io.Discard

	cmd := ""
	if len(args) > 0 {
		cmd = args[0]
	}
	if cmd == "demo" {
		return runDemo(ctx, args[1:])
	}
	paths, err := storage.DefaultPaths()
	if err != nil {
		fmt.Fprintf(os.Stderr, "ssotray: %v\n", err)
		return cli.ExitFailed
	}
	m := signin.New(paths, withEnvOptions)
	switch {
	case cmd == "" || cmd == "--hidden":
		return runGUI(ctx, m, gui{id: desktop.DefaultID, hidden: cmd == "--hidden", msg: desktop.Message{Cmd: desktop.CmdShow}})
	case cmd == "add" && hasDisplay() && !hasFlag(args, "--headless"):
		// The helpdesk's one line opens the wizard, prefilled, for the
		// person to check and confirm.
		p, ok := addPrefill(args[1:])
		if ok {
			return runGUI(ctx, m, gui{id: desktop.DefaultID, msg: desktop.Message{Cmd: desktop.CmdAdd, Name: p.Name, StartURL: p.StartURL, Region: p.Region}, prefill: &p})
		}
	}
	return cli.Run(ctx, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Manager: m, OpenBrowser: browser.OpenURL, Version: version}, withoutFlag(args, "--headless"))
}

// gui is how the GUI starts.
type gui struct {
	id      string            // single-instance ID
	demo    bool              // the built-in local Identity Center
	hidden  bool              // tray only (start at login)
	msg     desktop.Message   // what to ask an instance that already runs
	prefill *ui.Prefill       // open the wizard with these values
	inst    *desktop.Instance // already claimed (the demo claims before it starts its server)
	extra   []func(*ui.Options)
}

// claim makes this the one running app for id, or hands msg to the one
// already running; ok is false when this process should exit.
func claim(id string, msg desktop.Message) (inst *desktop.Instance, ok bool) {
	inst, first, err := desktop.Claim(id, msg)
	switch {
	case err != nil:
		// Without the single-instance socket the app still works.
		fmt.Fprintf(os.Stderr, "ssotray: %v; not checking for another running ssotray\n", err)
		return nil, true
	case !first:
		fmt.Fprintln(os.Stderr, "ssotray is already running; brought it forward")
		return nil, false
	}
	return inst, true
}

// runGUI runs the tray app, or hands g.msg to the one already running.
func runGUI(ctx context.Context, m *signin.Manager, g gui) int {
	inst := g.inst
	if inst == nil {
		var ok bool
		if inst, ok = claim(g.id, g.msg); !ok {
			return cli.ExitOK
		}
		defer inst.Close()
	}

	trayCtx, cancel := context.WithTimeout(ctx, time.Second)
	trayHost := desktop.TrayHostAvailable(trayCtx)
	cancel()

	a := app.NewWithID(desktop.DefaultID)
	// Quit cleanly on Ctrl-C or SIGTERM, so the demo's home is removed.
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
	opts := ui.Options{
		Demo:      g.demo,
		OpenURL:   func(u *url.URL) error { return browser.OpenURL(u.String()) },
		Version:   version,
		Hidden:    g.hidden,
		TrayHost:  trayHost,
		Autostart: desktop.Autostart{Args: []string{"--hidden"}, Comment: "Sign in to AWS IAM Identity Center from the system tray"},
		Messages:  inst.Messages(),
	}
	for _, fn := range g.extra {
		fn(&opts)
	}
	u := ui.New(a, m, opts)
	if g.prefill != nil {
		u.OpenWizard(*g.prefill)
	}
	u.Run()
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
	hidden := len(args) > 0 && args[0] == "--hidden"
	var inst *desktop.Instance
	if !serverOnly {
		var ok bool
		if inst, ok = claim(desktop.DefaultID+".demo", desktop.Message{Cmd: desktop.CmdShow}); !ok {
			return cli.ExitOK
		}
		defer inst.Close()
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
	m := signin.New(d.Paths, withEnvOptions, func(o *signin.Options) {
		o.Settings = filepath.Join(d.Home, ".config", "ssotray", "settings.json")
	})
	return runGUI(ctx, m, gui{
		demo: true, hidden: hidden, inst: inst,
		// The demo must not switch the user's real start-at-login entry.
		extra: []func(*ui.Options){func(o *ui.Options) { o.Autostart = nil }},
	})
}

// addPrefill reads `add`'s flags for the wizard; false when they do not
// parse, so the command line reports the problem instead.
func addPrefill(args []string) (ui.Prefill, bool) {
	fs := flag.NewFlagSet("add", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var p ui.Prefill
	fs.StringVar(&p.Name, "name", "", "")
	fs.StringVar(&p.StartURL, "start-url", "", "")
	fs.StringVar(&p.Region, "region", "", "")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return ui.Prefill{}, false
	}
	return p, true
}

// hasDisplay reports whether a GUI can open: always on macOS and Windows,
// with an X11 or Wayland display elsewhere.
func hasDisplay() bool {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

func hasFlag(args []string, flag string) bool {
	for _, a := range args {
		if a == flag {
			return true
		}
	}
	return false
}

func withoutFlag(args []string, flag string) []string {
	out := args[:0:0]
	for _, a := range args {
		if a != flag {
			out = append(out, a)
		}
	}
	return out
}

// demoAutoApprove lets an unattended run (the GUI end-to-end test) have the
// demo's codes approved after SSOTRAY_DEMO_AUTO_APPROVE pending polls.
func demoAutoApprove(o *idctest.Options) {
	if n, err := strconv.Atoi(os.Getenv("SSOTRAY_DEMO_AUTO_APPROVE")); err == nil && n >= 0 {
		o.AutoApprove = n
	}
}

// withEnvOptions sends flow's debug lines (which never hold secrets) to stderr
// when SSOTRAY_DEBUG is set, and takes the per-call deadline from
// SSOTRAY_CALL_TIMEOUT (a Go duration such as 10s) when that is set.
func withEnvOptions(o *signin.Options) {
	if d, err := time.ParseDuration(os.Getenv("SSOTRAY_CALL_TIMEOUT")); err == nil && d > 0 {
		o.CallTimeout = d
	}
	if os.Getenv("SSOTRAY_DEBUG") == "" {
		return
	}
	o.Logf = func(format string, args ...any) { fmt.Fprintf(os.Stderr, "debug: "+format+"\n", args...) }
}
