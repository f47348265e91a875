// Command ssotray-app is ssotray's desktop app: the tray, its windows, the
// first-run wizard and the demo. The ssotray command starts it for the
// commands that need a window (no command, --hidden, demo, add with a
// display); the double-click launcher and start-at-login run it directly.
// It also answers every headless command as ssotray does, so whichever of
// the two a person runs, the command line behaves the same.
package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/pkg/browser"

	"github.com/ssotray/ssotray/addlink"
	"github.com/ssotray/ssotray/cli"
	"github.com/ssotray/ssotray/demo"
	"github.com/ssotray/ssotray/desktop"
	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/internal/initlog"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
	"github.com/ssotray/ssotray/ui"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	initlog.Done()
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if !cli.ForApp(args, cli.HasDisplay()) {
		// The same headless commands as the ssotray command line.
		return cli.Main(ctx, args, version)
	}
	browser.Stdout, browser.Stderr = io.Discard, io.Discard
	cmd := ""
	if len(args) > 0 {
		cmd = args[0]
	}
	if cmd == "demo" && len(args) > 1 && args[1] == "--server-only" {
		return serveDemo(ctx, args[2:])
	}
	if !cli.HasDisplay() {
		// Over SSH, or on a server: say what works instead of letting the
		// toolkit fail to open a window.
		fmt.Fprintln(os.Stderr, "ssotray: no display to open the app on (DISPLAY and WAYLAND_DISPLAY are not set).\n"+
			"The commands work without one: ssotray login NAME, ssotray status; ssotray help lists them all.")
		if cmd == "demo" {
			fmt.Fprintln(os.Stderr, "ssotray demo --server-only runs the demo's local Identity Center alone.")
		}
		return cli.ExitFailed
	}
	if cmd == "demo" {
		return runDemo(ctx, args[1:])
	}
	paths, err := storage.DefaultPaths()
	if err != nil {
		fmt.Fprintf(os.Stderr, "ssotray: %v\n", err)
		return cli.ExitFailed
	}
	m := signin.New(paths, signin.OptionsFromEnv)
	if cmd == "add" {
		// The helpdesk's one line opens the wizard, prefilled, for the
		// person to check and confirm.
		a, _ := cli.ParseAddArgs(args[1:]) // ForApp checked it parses
		p := ui.Prefill{Name: a.Name, StartURL: a.StartURL, Region: a.Region}
		return runGUI(ctx, m, gui{id: desktop.DefaultID, msg: desktop.Message{Cmd: desktop.CmdAdd, Name: p.Name, StartURL: p.StartURL, Region: p.Region}, prefill: &p})
	}
	if addlink.IsLink(cmd) {
		// An ssotray:// link (Linux, Windows: the OS starts us with it):
		// the wizard, prefilled or showing why the link cannot be used.
		p := linkPrefill(cmd)
		return runGUI(ctx, m, gui{id: desktop.DefaultID, msg: addMessage(p), prefill: &p})
	}
	return runGUI(ctx, m, gui{id: desktop.DefaultID, hidden: cmd == "--hidden", msg: desktop.Message{Cmd: desktop.CmdShow}})
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

	if !g.demo {
		registerLinks()
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
		Messages:  withLinkEvents(inst.Messages()),
		Roles:     m,
	}
	// For a person whose browser cannot reach this computer's 127.0.0.1
	// (a remote desktop, a VM): every sign-in shows a code instead.
	if os.Getenv("SSOTRAY_USE_DEVICE_CODE") == "1" {
		opts.SignInMethod = flow.DeviceCode
	}
	for _, fn := range g.extra {
		fn(&opts)
	}
	var managedProblems []string
	if !g.demo {
		managedProblems = applyManaged(ctx, m, &opts)
	}
	u := ui.New(a, m, opts) // its first NewWindow starts GLFW
	setWindowClass()
	u.NoteManagedProblems(managedProblems)
	if g.prefill != nil {
		u.OpenWizard(*g.prefill)
	}
	u.Run()
	return cli.ExitOK
}

// The manager is what the accounts view and the tray's quick roles use.
var _ ui.Roles = (*signin.Manager)(nil)

// runDemo runs the GUI against the built-in local Identity Center.
func runDemo(ctx context.Context, args []string) int {
	inst, ok := claim(desktop.DefaultID+".demo", desktop.Message{Cmd: desktop.CmdShow})
	if !ok {
		return cli.ExitOK
	}
	defer inst.Close()
	d, err := demo.Start("127.0.0.1:0", demo.AutoApproveFromEnv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "ssotray: %v\n", err)
		return cli.ExitFailed
	}
	defer d.Close()
	fmt.Fprintf(os.Stderr, "ssotray demo: local Identity Center at %s, config %s\n", d.Server.URL, d.Paths.ConfigFile)
	// Fyne keeps its preferences under the home directory (~/.config/fyne
	// on Linux, whatever XDG_CONFIG_HOME says): the demo's home is the
	// throw-away one, so the demo leaves nothing in the person's.
	os.Setenv("HOME", d.Home)
	if runtime.GOOS == "windows" {
		os.Setenv("USERPROFILE", d.Home)
	}
	m := signin.New(d.Paths, signin.OptionsFromEnv, func(o *signin.Options) {
		o.Settings = filepath.Join(d.Home, ".config", "ssotray", "settings.json")
	})
	return runGUI(ctx, m, gui{
		demo: true, hidden: len(args) > 0 && args[0] == "--hidden", inst: inst,
		// The demo must not switch the user's real start-at-login entry.
		extra: []func(*ui.Options){func(o *ui.Options) { o.Autostart = nil }},
	})
}

// serveDemo runs only the local Identity Center, with no window; args
// are what follows demo --server-only: [ADDR].
func serveDemo(ctx context.Context, args []string) int {
	addr := ""
	if len(args) > 0 {
		addr = args[0]
	}
	if err := demo.Serve(ctx, addr, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "ssotray: %v\n", err)
		return cli.ExitFailed
	}
	return cli.ExitOK
}
