package ui

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/aws/aws-sdk-go-v2/service/sso"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/monitor"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
	"github.com/ssotray/ssotray/vanity"
)

var t0 = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

const corpConfig = `[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
`

// env is one UI under test: a temp test app with the default theme (the
// test theme has no bold monospace font), a manager over a temp home, a
// virtual clock, scripted API fakes, and a pump that runs the UI's fyne.Do
// work on the test goroutine, so nothing touches widgets behind its back.
type env struct {
	t       *testing.T
	u       *UI
	home    string
	clock   *flowtest.Clock
	oidc    *flowtest.OIDC
	portal  *fakePortal
	pump    *pump
	ticks   *tickLog
	secrets *storage.MemSecrets // the keyring
	mon     *monitor.Monitor    // reads at start and on Poke only: see heldClock
	notes   *noteLog            // the notifications sent
	quits   int                 // calls of the app's Quit
}

type envOpt func(*envSetup)

type envSetup struct {
	config     string
	opts       Options
	tray       *fakeTray
	noTrayHost bool
	theme      fyne.Theme
	monOpts    []func(*monitor.Options)
	startURLs  *vanity.Resolver
}

// withStartURLs follows company start URLs with r. Without it, following
// one fails at once: the tests reach no network.
func withStartURLs(r vanity.Resolver) envOpt { return func(e *envSetup) { e.startURLs = &r } }

// offline is a transport with no network.
type offline struct{}

func (offline) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("no network in the UI tests (%s)", r.URL.Host)
}

func withConfig(s string) envOpt     { return func(e *envSetup) { e.config = s } }
func withTheme(th fyne.Theme) envOpt { return func(e *envSetup) { e.theme = th } }

// withOptions sets the UI's options; TrayHost follows withTray.
func withOptions(o Options) envOpt { return func(e *envSetup) { e.opts = o } }

// withTray gives the app a tray (as desktop.App has), and a tray host.
func withTray(tr *fakeTray) envOpt { return func(e *envSetup) { e.tray = tr } }

// withoutTrayHost keeps the app's tray but says no tray host shows it.
func withoutTrayHost() envOpt { return func(e *envSetup) { e.noTrayHost = true } }

// withMonitor tunes the env's monitor.
func withMonitor(fn func(*monitor.Options)) envOpt {
	return func(e *envSetup) { e.monOpts = append(e.monOpts, fn) }
}

func newEnv(t *testing.T, optFns ...envOpt) *env {
	t.Helper()
	var setup envSetup
	for _, fn := range optFns {
		fn(&setup)
	}
	base := test.NewTempApp(t)
	if setup.theme == nil {
		setup.theme = theme.DefaultTheme()
	}
	test.ApplyTheme(t, setup.theme)
	notes := &noteLog{}
	var a fyne.App = noteApp{base, notes}
	if setup.tray != nil {
		a = trayApp{noteApp{base, notes}, setup.tray}
		setup.opts.TrayHost = !setup.noTrayHost
	}

	home := t.TempDir()
	if setup.config != "" {
		path := filepath.Join(home, ".aws", "config")
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(setup.config), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	e := &env{
		t: t, home: home,
		clock:   flowtest.NewClock(t0),
		oidc:    &flowtest.OIDC{},
		portal:  &fakePortal{},
		pump:    &pump{ch: make(chan func())},
		ticks:   &tickLog{},
		secrets: &storage.MemSecrets{},
		notes:   notes,
	}
	m := signin.New(storage.PathsFromHome(home), func(o *signin.Options) {
		o.Clock = e.clock
		o.Clients = fakeClients{oidc: e.oidc, portal: e.portal}
		o.Secrets = e.secrets
		o.Settings = filepath.Join(home, ".config", "ssotray", "settings.json")
		o.StartURLs = vanity.Resolver{Client: &http.Client{Transport: offline{}}}
		if setup.startURLs != nil {
			o.StartURLs = *setup.startURLs
		}
	})
	if setup.opts.Monitor == nil {
		setup.opts.Monitor = monitor.New(m, m, append([]func(*monitor.Options){func(o *monitor.Options) {
			o.Clock = heldClock{e.clock}
		}}, setup.monOpts...)...)
	}
	e.mon = setup.opts.Monitor
	e.u = New(a, m, setup.opts)
	e.u.do = e.pump.do
	e.u.now = e.clock.Now
	e.u.every = e.ticks.every
	e.u.quit = func() { e.quits++ }
	t.Cleanup(e.close)
	return e
}

// close closes every sign-in window, stops the UI and runs queued UI work
// until every goroutine the UI started has ended.
func (e *env) close() {
	for _, w := range e.u.signIns {
		w.win.Close()
	}
	e.u.shutdown()
	done := make(chan struct{})
	go func() {
		e.u.tasks.Wait()
		close(done)
	}()
	for {
		select {
		case fn := <-e.pump.ch:
			fn()
		case <-done:
			return
		}
	}
}

// pump queues the UI's fyne.Do work for the test goroutine to run.
type pump struct{ ch chan func() }

func (p *pump) do(fn func()) { p.ch <- fn }

// until runs queued UI work until cond holds. The timeout only stops a
// broken test from hanging; it plays no part when the test passes.
func (e *env) until(what string, cond func() bool) {
	e.t.Helper()
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for !cond() {
		select {
		case fn := <-e.pump.ch:
			fn()
		case <-deadline.C:
			e.t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// tickLog records the tickers the UI asks for instead of starting them;
// tests call tick methods themselves.
type tickLog struct {
	mu  sync.Mutex
	all []tickReg
}

type tickReg struct {
	ctx context.Context
	d   time.Duration
	fn  func()
}

func (l *tickLog) every(ctx context.Context, d time.Duration, fn func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.all = append(l.all, tickReg{ctx, d, fn})
}

// running returns the tickers of period d whose context has not ended.
func (l *tickLog) running(d time.Duration) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, r := range l.all {
		if r.d == d && r.ctx.Err() == nil {
			n++
		}
	}
	return n
}

// tickerOf returns the function of the last ticker of period d, failing
// the test when there is none.
func (e *env) tickerOf(d time.Duration) func() {
	e.t.Helper()
	e.ticks.mu.Lock()
	defer e.ticks.mu.Unlock()
	var fn func()
	for _, r := range e.ticks.all {
		if r.d == d {
			fn = r.fn
		}
	}
	if fn == nil {
		e.t.Fatalf("no ticker of %v", d)
	}
	return fn
}

// fakeClients hands out the scripted fakes for every Region.
type fakeClients struct {
	oidc   *flowtest.OIDC
	portal *fakePortal
}

func (c fakeClients) OIDC(context.Context, string) (flow.OIDC, error) { return c.oidc, nil }

func (c fakeClients) Portal(context.Context, string) (signin.Portal, error) { return c.portal, nil }

// fakePortal records Logout calls. The accounts calls are not made through
// it: the accounts view's tests fake Roles instead.
type fakePortal struct {
	accounts.API
	mu      sync.Mutex
	logouts int
	err     error
}

func (p *fakePortal) Logout(context.Context, *sso.LogoutInput, ...func(*sso.Options)) (*sso.LogoutOutput, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.logouts++
	if p.err != nil {
		return nil, p.err
	}
	return &sso.LogoutOutput{}, nil
}

// heldClock is the env's virtual clock for the monitor, whose waits last
// until they are interrupted: the monitor reads when it starts and on each
// Poke, never by itself, so tests decide when it looks. Tests move the time
// on with env.clock.Advance.
type heldClock struct{ *flowtest.Clock }

func (heldClock) Wait(ctx context.Context, _ time.Duration) error {
	<-ctx.Done()
	return ctx.Err()
}

// noteLog records notifications.
type noteLog struct {
	mu  sync.Mutex
	all []*fyne.Notification
}

// texts returns every notification as "title / body".
func (l *noteLog) texts() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, n := range l.all {
		out = append(out, n.Title+" / "+n.Content)
	}
	return out
}

// noteApp is the test app recording the notifications it sends.
type noteApp struct {
	fyne.App
	notes *noteLog
}

func (a noteApp) SendNotification(n *fyne.Notification) {
	a.notes.mu.Lock()
	a.notes.all = append(a.notes.all, n)
	a.notes.mu.Unlock()
	a.App.SendNotification(n)
}

// fakeTray records the tray menus and icons it is given.
type fakeTray struct {
	menus []*fyne.Menu
	icons []fyne.Resource
}

func (f *fakeTray) SetSystemTrayMenu(m *fyne.Menu)    { f.menus = append(f.menus, m) }
func (f *fakeTray) SetSystemTrayIcon(r fyne.Resource) { f.icons = append(f.icons, r) }

// last returns the latest menu.
func (f *fakeTray) last() *fyne.Menu {
	if len(f.menus) == 0 {
		return nil
	}
	return f.menus[len(f.menus)-1]
}

// trayApp is a test app with a tray, as desktop.App gives one.
type trayApp struct {
	noteApp
	*fakeTray
}

// saveToken writes a token for key into the env's cache, as a sign-in or
// another tool would.
func (e *env) saveToken(key string, expiresAt time.Time) {
	e.t.Helper()
	cache := storage.PathsFromHome(e.home).TokenCache()
	err := cache.Save(key, storage.Token{
		StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1",
		AccessToken: "ACCESS-SECRET", ExpiresAt: expiresAt,
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// status returns a Status for tests that need no files.
func status(name string, state signin.State, expiresAt time.Time) signin.Status {
	return signin.Status{
		SignIn: storage.SignIn{
			Name: name, Kind: storage.KindSSOSession,
			StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1",
			CacheKey: name,
		},
		State: state, ExpiresAt: expiresAt,
	}
}
