package ui

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

const (
	// reloadEvery is how often the list and tray menu re-read the config
	// and token cache, to catch tokens other tools wrote.
	reloadEvery = 30 * time.Second
	// tickEvery is the countdowns' refresh rate while a window is visible.
	tickEvery = time.Second
)

// UI is ssotray's desktop interface: the main window, the tray menu and one
// sign-in window per sign-in in progress. Its methods run on Fyne's UI
// goroutine.
type UI struct {
	app  fyne.App
	m    *signin.Manager
	opts Options
	tray tray // nil when the app has no system tray

	main    *mainWindow
	wizard  *wizard                  // nil when the wizard is closed
	signIns map[string]*signInWindow // by sign-in name
	look    trayLook
	hasLook bool
	cfg     *storage.Config  // the config as last read; nil before the first read
	lastErr map[string]error // the last error seen for each sign-in, for diagnostics

	ctx        context.Context // ends when the UI stops
	stop       context.CancelFunc
	tasks      sync.WaitGroup // goroutines started by the UI
	mainTicker context.CancelFunc

	// Seams for tests; New sets the real ones.
	do    func(func())                                          // fyne.Do
	now   func() time.Time                                      // time.Now
	every func(ctx context.Context, d time.Duration, fn func()) // runs fn every d on its own goroutine until ctx ends
}

// New returns the UI of app a over the sign-ins of m. It builds the main
// window but shows nothing, starts no goroutine and reads no file; Run
// does that.
func New(a fyne.App, m *signin.Manager, opts Options) *UI {
	if a == nil || m == nil {
		panic("ui.New: app and manager are required")
	}
	if opts.OpenURL == nil {
		opts.OpenURL = a.OpenURL
	}
	ctx, stop := context.WithCancel(context.Background())
	u := &UI{
		app: a, m: m, opts: opts,
		signIns: map[string]*signInWindow{},
		lastErr: map[string]error{},
		ctx:     ctx, stop: stop,
		do:  fyne.Do,
		now: time.Now,
	}
	u.every = u.tickerEvery
	if t, ok := a.(tray); ok {
		u.tray = t
	}
	u.main = newMainWindow(u)
	return u
}

// Run shows the main window, sets the tray menu when the app has a tray,
// and runs the app until it quits.
func (u *UI) Run() {
	u.start()
	u.app.Run()
	u.shutdown()
}

// start loads the sign-ins, shows them and keeps them fresh. With no
// sign-ins at all (a first run), it opens the wizard too, unless it is open
// already (`ssotray add` opens it prefilled before Run).
func (u *UI) start() {
	d := u.load()
	u.applyList(d)
	u.showMain()
	if d.err == nil && len(d.statuses) == 0 && u.wizard == nil {
		u.OpenWizard(Prefill{})
	}
	u.every(u.ctx, reloadEvery, u.reload)
}

// shutdown stops every goroutine the UI started and cancels the sign-ins in
// progress. It touches no window: the app has stopped running them.
func (u *UI) shutdown() { u.stop() }

// showMain shows the main window and ticks its countdowns while it is
// visible.
func (u *UI) showMain() {
	u.main.win.Show()
	u.main.win.RequestFocus()
	u.main.tick(u.now())
	if u.mainTicker != nil {
		return
	}
	ctx, cancel := context.WithCancel(u.ctx)
	u.mainTicker = cancel
	u.every(ctx, tickEvery, func() {
		u.do(func() {
			if ctx.Err() == nil {
				u.main.tick(u.now())
			}
		})
	})
}

// hideMain hides the main window and stops its ticker. Used as the close
// intercept when there is a tray to bring the window back from.
func (u *UI) hideMain() {
	u.main.win.Hide()
	u.stopMainTicker()
}

func (u *UI) stopMainTicker() {
	if u.mainTicker != nil {
		u.mainTicker()
		u.mainTicker = nil
	}
}

// listData is one reading of the config and token cache.
type listData struct {
	statuses []signin.Status
	cfg      *storage.Config
	err      error
}

// load reads every sign-in's status. It does file I/O, so goroutines call
// it; on the UI goroutine only before the app runs.
func (u *UI) load() listData {
	statuses, cfg, err := u.m.Statuses()
	return listData{statuses: statuses, cfg: cfg, err: err}
}

// reload reads the statuses and shows them; it runs off the UI goroutine.
func (u *UI) reload() {
	d := u.load()
	u.do(func() { u.applyList(d) })
}

// reloadSoon reloads in the background, after an action.
func (u *UI) reloadSoon() { u.goTask(u.reload) }

// applyList shows d in the main window and the tray, and checks the
// wizard's name against the config it holds.
func (u *UI) applyList(d listData) {
	if d.err == nil && d.cfg != nil {
		u.cfg = d.cfg
	}
	u.main.apply(d, u.now())
	u.updateTray(d.statuses)
	if u.wizard != nil {
		u.wizard.validate()
	}
}

// NoteError records err as the last error seen for the sign-in called name;
// "Copy diagnostics" reports it. Like every UI method it runs on Fyne's UI
// goroutine; it is exported for the parts of the app that refresh sign-ins
// in the background.
func (u *UI) NoteError(name string, err error) {
	if err != nil {
		u.lastErr[name] = err
	}
}

// copyDiagnostics puts st's diagnostics on the clipboard.
func (u *UI) copyDiagnostics(st signin.Status) {
	u.app.Clipboard().SetContent(diagnostics(st, u.opts.Version, u.lastErr[st.Name]))
	u.main.setMessage("Copied the details of "+st.Name+" for your helpdesk. They hold no token or secret.", false)
}

// updateTray rebuilds the tray menu and, when the overall state changed,
// the icon.
func (u *UI) updateTray(statuses []signin.Status) {
	if u.tray == nil {
		return
	}
	now := u.now()
	u.tray.SetSystemTrayMenu(menuFor(statuses, now, u.opts.Demo, menuActions{
		SignIn:  u.signIn,
		SignOut: u.signOut,
		Open:    u.showMain,
		Add:     func() { u.OpenWizard(Prefill{}) },
	}))
	// Fyne wants the menu set before the icon.
	if look := lookFor(statuses, now); !u.hasLook || look != u.look {
		u.look, u.hasLook = look, true
		u.tray.SetSystemTrayIcon(trayIcon(look))
	}
}

// signIn opens the sign-in window for in and starts signing in, or brings
// forward the window already open for it.
func (u *UI) signIn(in storage.SignIn) {
	if w, ok := u.signIns[in.Name]; ok {
		w.win.Show()
		w.win.RequestFocus()
		return
	}
	w := newSignInWindow(u, in)
	u.signIns[in.Name] = w
	w.win.Show()
	w.startTicker()
	w.start()
}

// signOut signs out of in in the background and reports how it went.
func (u *UI) signOut(in storage.SignIn) {
	u.main.setMessage("Signing out of "+in.Name+"…", false)
	u.goTask(func() {
		removed, warning, err := u.m.SignOut(u.ctx, in.Name)
		d := u.load()
		u.do(func() {
			u.NoteError(in.Name, err)
			u.NoteError(in.Name, warning)
			msg, bad := signOutMessage(in.Name, removed, warning, err)
			u.main.setMessage(msg, bad)
			u.applyList(d)
		})
	})
}

// signOutMessage says how a sign-out went.
func signOutMessage(name string, removed bool, warning, err error) (msg string, bad bool) {
	switch {
	case err != nil:
		return "Could not sign out of " + name + ": " + err.Error(), true
	case warning != nil:
		return "Signed out of " + name + " on this computer, but IAM Identity Center was not told: " + warning.Error(), true
	case !removed:
		return name + " was already signed out.", false
	default:
		return "Signed out of " + name + ".", false
	}
}

// goTask runs fn on a goroutine the UI keeps count of.
func (u *UI) goTask(fn func()) {
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		fn()
	}()
}

// tickerEvery is the real every: a time.Ticker on a counted goroutine,
// stopped when ctx ends.
func (u *UI) tickerEvery(ctx context.Context, d time.Duration, fn func()) {
	u.goTask(func() { runEvery(ctx, d, fn) })
}

// runEvery calls fn every d until ctx ends.
func runEvery(ctx context.Context, d time.Duration, fn func()) {
	t := time.NewTicker(d)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fn()
		}
	}
}
