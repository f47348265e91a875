package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fynedesktop "fyne.io/fyne/v2/driver/desktop"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/desktop"
	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/monitor"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

const (
	// tickEvery is the countdowns' refresh rate while a window is visible.
	tickEvery = time.Second
	// menuEvery is how often the tray menu's "7 h 12 m left" labels are
	// redrawn when no snapshot came: the monitor only publishes changes, and
	// the time left changes every minute by itself.
	menuEvery = time.Minute
)

// UI is ssotray's desktop interface: the main window, the tray menu and one
// sign-in window per sign-in in progress. Its methods run on Fyne's UI
// goroutine.
type UI struct {
	app  fyne.App
	m    *signin.Manager
	mon  *monitor.Monitor
	opts Options
	tray tray // nil when there is no tray to show: then no tray call is made

	main    *mainWindow
	wizard  *wizard                  // nil when the wizard is closed
	signIns map[string]*signInWindow // by sign-in name
	look    trayLook
	hasLook bool
	menuKey string           // what the tray menu last set shows
	cfg     *storage.Config  // the config as last read; nil before the first read
	lastErr map[string]error // the last error seen for each sign-in, for diagnostics

	list      listData                  // what the list and tray last showed
	refreshed map[string]time.Time      // when the monitor last refreshed each sign-in
	failing   map[string]refreshFailure // background refreshes failing now, by name
	quietEnd  map[string]time.Time      // expiry of tokens the person signed out of: their end is no news
	autostart autostartState

	accountsWins map[string]*accountsWindow      // the open accounts views, by sign-in name
	quick        map[string][]accounts.QuickRole // each live sign-in's quick roles, as last read

	ctx        context.Context // ends when the UI stops
	stop       context.CancelFunc
	tasks      sync.WaitGroup // goroutines started by the UI
	mainTicker context.CancelFunc

	// Seams for tests; New sets the real ones.
	do    func(func())                                          // fyne.Do
	now   func() time.Time                                      // time.Now
	every func(ctx context.Context, d time.Duration, fn func()) // runs fn every d on its own goroutine until ctx ends
	quit  func()                                                // the app's Quit
	after func(d time.Duration, fn func())                      // time.AfterFunc
}

// refreshFailure is a background refresh of one token that failed.
type refreshFailure struct {
	err       error
	expiresAt time.Time // the token's: a new token clears the failure
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
	if opts.Monitor == nil {
		opts.Monitor = monitor.New(m, m, func(o *monitor.Options) { o.WatchDir = m.Paths().CacheDir() })
	}
	ctx, stop := context.WithCancel(context.Background())
	u := &UI{
		app: a, m: m, mon: opts.Monitor, opts: opts,
		signIns:      map[string]*signInWindow{},
		lastErr:      map[string]error{},
		failing:      map[string]refreshFailure{},
		quietEnd:     map[string]time.Time{},
		refreshed:    map[string]time.Time{},
		accountsWins: map[string]*accountsWindow{},
		ctx:          ctx, stop: stop,
		do:    fyne.Do,
		now:   time.Now,
		quit:  a.Quit,
		after: afterFunc,
	}
	u.every = u.tickerEvery
	// Without a tray host, a tray icon would not show: the window is the app.
	if t, ok := a.(tray); ok && opts.TrayHost {
		u.tray = t
		if _, real := a.(fynedesktop.App); real {
			u.tray = quittingTray{t, a.Quit}
		}
	}
	u.main = newMainWindow(u)
	return u
}

// Run shows the main window (unless Hidden asks for the tray alone), sets
// the tray menu when there is a tray, runs the monitor and the app until it
// quits, then stops every goroutine it started.
func (u *UI) Run() {
	u.start()
	u.app.Run()
	u.shutdown()
}

// start loads the sign-ins, shows them and keeps them fresh. With no
// sign-ins at all (a first run), it opens the wizard too, unless it is open
// already (`ssotray add` opens it prefilled before Run) or the app starts
// hidden in the tray.
func (u *UI) start() {
	if u.opts.Autostart != nil {
		// A file check, before the app runs; an error shows as "off".
		u.autostart.on, _ = u.readAutostart()
		u.main.showAutostart(u.autostart.on)
	}
	d := u.load()
	u.applyList(d)
	hidden := u.opts.Hidden && u.tray != nil
	if !hidden {
		u.showMain()
		if u.wizard != nil {
			// `ssotray add` opened the wizard before the app ran: it is
			// what the person came for, so it goes in front.
			u.wizard.win.Show()
			u.wizard.win.RequestFocus()
		}
	}
	if !hidden && d.err == nil && len(d.statuses) == 0 && u.wizard == nil {
		u.OpenWizard(Prefill{})
	}
	u.watch()
}

// watch runs the monitor and follows its snapshots and events, the
// messages of later launches, and the clock for the tray menu's labels.
func (u *UI) watch() {
	mon := u.mon
	snaps := mon.Subscribe()
	events := mon.Events()
	u.goTask(func() { _ = mon.Run(u.ctx) }) // returns u.ctx's error once the UI stops
	u.goTask(func() {
		for {
			select {
			case <-u.ctx.Done():
				return
			case s, ok := <-snaps:
				if !ok {
					return
				}
				u.do(func() { u.applySnapshot(s) })
			}
		}
	})
	u.goTask(func() {
		for {
			select {
			case <-u.ctx.Done():
				return
			case e, ok := <-events:
				if !ok {
					return
				}
				u.do(func() { u.handleEvent(e) })
			}
		}
	})
	if u.opts.Messages != nil {
		msgs := u.opts.Messages
		u.goTask(func() {
			for {
				select {
				case <-u.ctx.Done():
					return
				case msg, ok := <-msgs:
					if !ok {
						return
					}
					u.do(func() { u.handleMessage(msg) })
				}
			}
		})
	}
	if u.tray != nil {
		// Each minute the labels, and the quick roles, which a command
		// such as `ssotray console` may have changed (one small file read).
		u.every(u.ctx, menuEvery, func() {
			u.do(func() {
				u.renderTray()
				u.loadQuickRoles()
			})
		})
	}
}

// shutdown stops every goroutine the UI started, the monitor among them,
// and cancels the sign-ins in progress. It touches no window: the app has
// stopped running them.
func (u *UI) shutdown() { u.stop() }

// handleMessage answers a later launch: "show" brings the main window
// forward, "add" opens the wizard with what was passed, for the person to
// check and confirm.
func (u *UI) handleMessage(msg desktop.Message) {
	switch msg.Cmd {
	case desktop.CmdShow:
		u.showMain()
	case desktop.CmdAdd:
		u.OpenWizard(Prefill{Name: msg.Name, StartURL: msg.StartURL, Region: msg.Region, Problem: msg.Problem})
	}
}

// showMain shows the main window and ticks its countdowns while it is
// visible.
func (u *UI) showMain() {
	u.main.build()
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

// mainClosed runs when the main window closes, which only happens when
// there is no tray: closing the app's only window quits it.
func (u *UI) mainClosed() {
	u.stopMainTicker()
	u.quit()
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
	problems []storage.Problem
	cfg      *storage.Config // set by the UI's own reads; nil in a monitor's snapshot
	err      error
}

// load reads every sign-in's status. It does file I/O, so goroutines call
// it; on the UI goroutine only before the app runs.
func (u *UI) load() listData {
	statuses, cfg, err := u.m.Statuses()
	d := listData{statuses: statuses, cfg: cfg, err: err}
	if cfg != nil {
		d.problems = cfg.Problems
	}
	return d
}

// reload reads the statuses and shows them; it runs off the UI goroutine.
func (u *UI) reload() {
	d := u.load()
	u.do(func() { u.applyList(d) })
}

// reloadSoon reloads in the background, after an action.
func (u *UI) reloadSoon() { u.goTask(u.reload) }

// changed is called after every action that changed a sign-in's files: the
// monitor re-reads at once, so its schedule, the tray and the events follow.
func (u *UI) changed() { u.mon.Poke() }

// applySnapshot shows what the monitor read.
func (u *UI) applySnapshot(s monitor.Snapshot) {
	if s.Refreshed != nil {
		u.refreshed = s.Refreshed
	}
	if s.Err == nil {
		// A failure of an earlier token is no longer news.
		for _, st := range s.Statuses {
			if f, ok := u.failing[st.Name]; ok && !f.expiresAt.Equal(st.ExpiresAt) {
				delete(u.failing, st.Name)
			}
		}
	}
	u.applyList(listData{statuses: s.Statuses, problems: s.Problems, err: s.Err})
}

// applyList shows d in the main window and the tray, and checks the
// wizard's name against the config it holds.
func (u *UI) applyList(d listData) {
	if d.err == nil && d.cfg != nil {
		u.cfg = d.cfg
	}
	u.list = d
	u.main.apply(d, u.now())
	u.accountsFollow(d)
	u.renderTray()
	if u.wizard != nil {
		u.wizard.validate()
	}
}

// NoteError records err as the last error seen for the sign-in called name;
// "Copy diagnostics" reports it. Like every UI method it runs on Fyne's UI
// goroutine.
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

// renderTray rebuilds the tray menu from the statuses last shown, at the
// time now, and changes the icon when the overall state changed. The menu
// is rebuilt on every snapshot and every minute, so its "time left" labels
// stay true.
func (u *UI) renderTray() {
	if u.tray == nil {
		return
	}
	now := u.now()
	info := menuInfo{Demo: u.opts.Demo, Refreshed: u.refreshed}
	if u.opts.Autostart != nil {
		on := u.autostart.on
		info.Autostart = &on
	}
	if u.opts.Roles != nil {
		info.Accounts, info.QuickRoles = true, u.quick
	}
	menu := menuFor(u.list.statuses, now, info, menuActions{
		SignIn:      u.signIn,
		SignOut:     u.signOut,
		Open:        u.showMain,
		Add:         func() { u.OpenWizard(Prefill{}) },
		Autostart:   u.toggleAutostart,
		OpenConsole: u.openConsole,
		AllAccounts: u.OpenAccounts,
	})
	// An unchanged menu is not sent again: each one rebuilds the D-Bus menu,
	// wakes the tray host and closes the menu if it is open.
	if key := menuKey(menu, u.list.statuses) + quickKey(info.QuickRoles); key != u.menuKey {
		u.menuKey = key
		u.tray.SetSystemTrayMenu(menu)
	}
	// Fyne wants the menu set before the icon.
	if look := lookFor(u.list.statuses, now); !u.hasLook || look != u.look {
		u.look, u.hasLook = look, true
		u.tray.SetSystemTrayIcon(trayIcon(look))
	}
}

// statusOf returns the last status shown for the sign-in name.
func (u *UI) statusOf(name string) (signin.Status, bool) {
	for _, st := range u.list.statuses {
		if st.Name == name {
			return st, true
		}
	}
	return signin.Status{}, false
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
	quiet := u.expectEnd(in.Name)
	u.goTask(func() {
		removed, warning, err := u.m.SignOut(u.ctx, in.Name)
		d := u.load()
		u.do(func() {
			if !removed {
				quiet()
			}
			u.NoteError(in.Name, err)
			u.NoteError(in.Name, warning)
			msg, bad := signOutMessage(in.Name, removed, warning, err)
			u.main.setMessage(msg, bad)
			u.applyList(d)
			u.changed()
		})
	})
}

// expectEnd marks the live session of name as ended by the person, so its
// Ended event makes no notification. It returns a func that takes the mark
// back, for when the session did not end after all.
func (u *UI) expectEnd(name string) (undo func()) {
	st, ok := u.statusOf(name)
	if !ok || st.State != signin.SignedIn {
		return func() {}
	}
	u.quietEnd[name] = st.ExpiresAt
	return func() {
		if at, ok := u.quietEnd[name]; ok && at.Equal(st.ExpiresAt) {
			delete(u.quietEnd, name)
		}
	}
}

// signOutMessage says how a sign-out went.
func signOutMessage(name string, removed bool, warning, err error) (msg string, bad bool) {
	switch {
	case err != nil:
		return "Could not sign out of " + name + ": " + err.Error(), true
	case warning != nil && errors.As(warning, new(*flow.APIError)):
		return "Signed out of " + name + " on this computer, but IAM Identity Center was not told: " + warning.Error(), true
	case warning != nil:
		// The keyring could not delete the secrets, say.
		return "Signed out of " + name + " on this computer, with a warning: " + warning.Error(), true
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
