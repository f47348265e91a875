package ui

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/desktop"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/monitor"
	"github.com/ssotray/ssotray/storage"
)

const twoConfig = corpConfig + `
[sso-session sandbox]
sso_start_url = https://d-2234567890.awsapps.com/start
sso_region = us-east-1
`

// startLive starts the UI and waits until its monitor has read the cache
// once, so that what the test changes next is the monitor's news.
func (e *env) startLive() {
	e.t.Helper()
	e.u.start()
	select {
	case _, ok := <-e.mon.Subscribe():
		if !ok {
			e.t.Fatal("the monitor stopped")
		}
	case <-time.After(10 * time.Second):
		e.t.Fatal("the monitor never read")
	}
}

// saveRefreshable writes a token for key that the monitor can refresh.
func (e *env) saveRefreshable(key string, expiresAt time.Time) {
	e.t.Helper()
	err := storage.PathsFromHome(e.home).TokenCache().Save(key, storage.Token{
		StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1",
		AccessToken: "ACCESS-SECRET", ExpiresAt: expiresAt,
		ClientID: "cid-1", ClientSecret: "CLIENT-SECRET", RegistrationExpiresAt: t0.Add(90 * 24 * time.Hour),
		RefreshToken: "REFRESH-SECRET",
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// trayLabels are the labels of the tray menu's top items.
func trayLabels(tr *fakeTray) []string {
	var out []string
	for _, it := range tr.last().Items {
		if !it.IsSeparator {
			out = append(out, it.Label)
		}
	}
	return out
}

// TestSnapshotsDriveListAndTray changes the token cache behind the UI's
// back: each of the monitor's reads reaches the rows, the tray menu and the
// tray icon.
func TestSnapshotsDriveListAndTray(t *testing.T) {
	tr := &fakeTray{}
	e := newEnv(t, withConfig(twoConfig), withTray(tr))
	e.startLive()
	want := []string{"corp — signed out", "sandbox — signed out", "Open ssotray", "Add a sign-in…"}
	if diff := cmp.Diff(want, trayLabels(tr)); diff != "" {
		t.Errorf("tray at start (-want +got):\n%s", diff)
	}

	// aws sso login signs corp in; the directory watch pokes the monitor.
	e.saveToken("corp", t0.Add(7*time.Hour+12*time.Minute))
	e.mon.Poke()
	e.until("corp signed in", func() bool { return tr.last().Items[0].Label == "corp — 7 h 12 m left" })
	if got := rowText(e.u.main)[0]; !strings.Contains(got, "| Signed in · 7 h 12 m left | Sign out") {
		t.Errorf("row = %q", got)
	}
	if got := tr.icons[len(tr.icons)-1]; got != trayIcon(lookSignedOut) {
		t.Error("the icon is not the signed-out one while sandbox is signed out")
	}

	e.saveToken("sandbox", t0.Add(10*time.Minute))
	e.mon.Poke()
	e.until("sandbox signed in", func() bool { return tr.last().Items[1].Label == "sandbox — 10 m left" })
	if got := tr.icons[len(tr.icons)-1]; got != trayIcon(lookExpiring) {
		t.Error("the icon does not say a session expires soon")
	}

	// aws sso logout deletes corp's file.
	if err := storage.PathsFromHome(e.home).TokenCache().Delete("corp"); err != nil {
		t.Fatal(err)
	}
	e.mon.Poke()
	e.until("corp signed out", func() bool { return tr.last().Items[0].Label == "corp — signed out" })
	if got := e.u.main.rows[0].action.Text; got != "Sign in" {
		t.Errorf("row button = %q, want Sign in", got)
	}
}

// TestTrayLabelsFollowTheClock: with no news from the monitor, the tray's
// "time left" labels are redrawn every minute, and the icon turns amber
// when a session comes within 15 minutes of its end.
func TestTrayLabelsFollowTheClock(t *testing.T) {
	tr := &fakeTray{}
	e := newEnv(t, withConfig(corpConfig), withTray(tr))
	e.saveToken("corp", t0.Add(16*time.Minute))
	e.startLive()
	if got := tr.last().Items[0].Label; got != "corp — 16 m left" {
		t.Fatalf("label = %q", got)
	}
	minute := e.tickerOf(menuEvery)
	e.clock.Advance(time.Minute)
	go minute()
	e.until("the menu redrawn", func() bool { return tr.last().Items[0].Label == "corp — 15 m left" })
	if got := tr.icons[len(tr.icons)-1]; got != trayIcon(lookExpiring) {
		t.Error("the icon did not turn to expiring")
	}

	// A tick that changes nothing sets nothing: each menu set rebuilds the
	// D-Bus menu and wakes the tray host.
	menus := len(tr.menus)
	e.u.renderTray()
	if len(tr.menus) != menus {
		t.Error("an unchanged menu was set again")
	}
}

// TestNotifications plays a session that cannot refresh to its end: one
// notification 15 minutes before, one when it ends.
func TestNotifications(t *testing.T) {
	tr := &fakeTray{}
	e := newEnv(t, withConfig(corpConfig), withTray(tr))
	e.saveToken("corp", t0.Add(time.Hour))
	e.startLive()

	test.AssertNotificationSent(t, fyne.NewNotification("corp: signed in for 15 more minutes", "Sign in again to keep working"), func() {
		e.clock.Advance(45 * time.Minute)
		e.mon.Poke()
		e.until("the warning", func() bool { return len(e.notes.texts()) == 1 })
	})
	test.AssertNotificationSent(t, fyne.NewNotification("corp: session ended", "Sign in from the ssotray menu"), func() {
		e.clock.Advance(15 * time.Minute)
		e.mon.Poke()
		e.until("the end", func() bool { return len(e.notes.texts()) == 2 })
	})
	// The menu offers the Sign in the notification points to.
	e.until("the menu", func() bool { return tr.last().Items[0].Label == "corp — expired" })
	if got := tr.last().Items[0].ChildMenu.Items[0].Label; got != "Sign in" {
		t.Errorf("corp's first menu item = %q, want Sign in", got)
	}
}

// TestNoTrayNotificationPointsToWindow: without a tray, the end of a
// session points to the window.
func TestNoTrayNotificationPointsToWindow(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	e.saveToken("corp", t0.Add(time.Hour))
	e.startLive()
	e.clock.Advance(time.Hour)
	e.mon.Poke()
	e.until("the end", func() bool {
		return slices.Contains(e.notes.texts(), "corp: session ended / Sign in from the ssotray window")
	})
}

// TestRefreshShowsWithoutNotifying fails a background refresh, then lets it
// succeed: the row says so each time, the tray item shows when it was
// refreshed, and no notification is sent for either.
func TestRefreshShowsWithoutNotifying(t *testing.T) {
	tr := &fakeTray{}
	e := newEnv(t, withConfig(corpConfig), withTray(tr), withMonitor(func(o *monitor.Options) {
		o.RefreshAhead = 30 * time.Minute // before the 15-minute warning
	}))
	e.oidc.TokenReplies = []flowtest.Reply[ssooidc.CreateTokenOutput]{
		{Err: errors.New("connection reset by peer")},
		{Out: &ssooidc.CreateTokenOutput{AccessToken: aws.String("ACCESS-2"), ExpiresIn: 3600, TokenType: aws.String("Bearer")}},
	}
	e.saveRefreshable("corp", t0.Add(time.Hour))
	e.startLive()

	e.clock.Advance(30 * time.Minute)
	e.mon.Poke()
	e.until("the failure on the row", func() bool { return e.u.main.rows[0].note.Visible() })
	if got := e.u.main.rows[0].note.Text; !strings.HasPrefix(got, "Refresh failing: ") || !strings.Contains(got, "connection reset by peer") {
		t.Errorf("row note = %q", got)
	}
	if !strings.Contains(diagnostics(e.u.main.rows[0].status, "", e.u.lastErr["corp"]), "connection reset by peer") {
		t.Error("the failure is not in the diagnostics")
	}

	e.clock.Advance(time.Minute) // the first retry
	e.mon.Poke()
	at := formatClock(t0.Add(31*time.Minute), t0.Add(31*time.Minute))
	e.until("the refresh on the tray", func() bool { return tr.last().Items[0].Label == "corp — 1 h 0 m left · refreshed "+at })
	e.until("the refresh on the row", func() bool {
		return e.u.main.rows[0].state.Text == "Signed in · 1 h 0 m left · refreshed "+at && !e.u.main.rows[0].note.Visible()
	})
	if got := e.notes.texts(); len(got) != 0 {
		t.Errorf("notifications %q, want none", got)
	}
}

// TestSignOutIsNoNews: a session the person ends here makes no "session
// ended" notification.
func TestSignOutIsNoNews(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig), withTray(&fakeTray{}))
	e.saveToken("corp", t0.Add(time.Hour))
	e.startLive()
	test.Tap(e.u.main.rows[0].action) // Sign out
	e.until("the sign-out", func() bool { return e.u.main.message.Text == "Signed out of corp." })
	e.until("the monitor's Ended", func() bool { return len(e.u.quietEnd) == 0 })
	if got := e.notes.texts(); len(got) != 0 {
		t.Errorf("notifications %q, want none", got)
	}
}

func TestMinutesLeft(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{15 * time.Minute, "15 more minutes"},
		{14*time.Minute + 50*time.Second, "15 more minutes"},
		{time.Minute, "1 more minute"},
		{59 * time.Second, "less than a minute"},
		{0, "less than a minute"},
	} {
		if got := minutesLeft(tt.d); got != tt.want {
			t.Errorf("minutesLeft(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestNoTrayHost: where no tray shows, no tray call is made, the window
// opens at start even when asked to hide, and closing it quits.
func TestNoTrayHost(t *testing.T) {
	tr := &fakeTray{}
	e := newEnv(t, withConfig(corpConfig), withTray(tr), withoutTrayHost(), withOptions(Options{Hidden: true}))
	e.startLive()
	e.saveToken("corp", t0.Add(time.Hour))
	e.mon.Poke()
	e.until("the snapshot", func() bool { return e.u.main.rows[0].action.Text == "Sign out" })
	if len(tr.menus)+len(tr.icons) != 0 {
		t.Errorf("%d tray menus and %d icons set with no tray host", len(tr.menus), len(tr.icons))
	}
	if e.u.mainTicker == nil {
		t.Error("the main window is not showing")
	}
	if n := e.ticks.running(menuEvery); n != 0 {
		t.Errorf("%d tray menu tickers with no tray", n)
	}
	e.u.main.win.Close()
	if e.quits != 1 {
		t.Errorf("closing the window quit %d times, want 1", e.quits)
	}
	if e.u.mainTicker != nil {
		t.Error("the countdown still ticks after closing")
	}
}

// TestHiddenStartsInTray: started at login, the app shows no window, not
// even the first-run wizard, until the tray or a later launch asks.
func TestHiddenStartsInTray(t *testing.T) {
	tr := &fakeTray{}
	e := newEnv(t, withTray(tr), withOptions(Options{Hidden: true}))
	e.startLive()
	if e.u.mainTicker != nil || e.u.wizard != nil {
		t.Errorf("a window shows: main %t, wizard %t", e.u.mainTicker != nil, e.u.wizard != nil)
	}
	if len(tr.menus) == 0 {
		t.Fatal("no tray menu")
	}
	tr.last().Items[len(tr.last().Items)-2].Action() // Open ssotray
	if e.u.mainTicker == nil {
		t.Error("Open ssotray did not show the window")
	}
	e.u.hideMain() // the close intercept
	if e.quits != 0 || e.u.mainTicker != nil {
		t.Errorf("closing with a tray: %d quits, ticker running %t; want it hidden", e.quits, e.u.mainTicker != nil)
	}
}

// TestHiddenBuildsTheWindowOnFirstShow: in the tray alone, the main
// window's content is not built (building it measures text, which parses
// the fonts: most of the memory the tray app would hold for nothing); the
// first show builds it with the sign-ins as they are then.
func TestHiddenBuildsTheWindowOnFirstShow(t *testing.T) {
	tr := &fakeTray{}
	e := newEnv(t, withConfig(corpConfig), withTray(tr), withOptions(Options{Hidden: true}))
	e.saveToken("corp", t0.Add(time.Hour))
	e.startLive()
	e.until("the tray menu", func() bool { return len(tr.menus) > 0 })
	if e.u.main.built() || e.u.main.win.Content() != nil {
		t.Fatal("the hidden main window was built")
	}
	e.u.showMain()
	if !e.u.main.built() || len(e.u.main.rows) != 1 || e.u.main.rows[0].status.Name != "corp" {
		t.Fatalf("after the first show: built %t, rows %d", e.u.main.built(), len(e.u.main.rows))
	}
	if got := e.u.main.rows[0].action.Text; got != "Sign out" {
		t.Errorf("corp's button = %q, want Sign out: the row missed the reading taken while hidden", got)
	}
}

// TestMessages answers later launches: show, then add prefilled.
func TestMessages(t *testing.T) {
	msgs := make(chan desktop.Message)
	e := newEnv(t, withConfig(corpConfig), withTray(&fakeTray{}), withOptions(Options{Hidden: true, Messages: msgs}))
	e.startLive()
	if e.u.mainTicker != nil {
		t.Fatal("the window shows at a hidden start")
	}
	go func() { msgs <- desktop.Message{Cmd: desktop.CmdShow} }()
	e.until("the window", func() bool { return e.u.mainTicker != nil })

	go func() {
		msgs <- desktop.Message{Cmd: "unknown"}
		msgs <- desktop.Message{Cmd: desktop.CmdAdd, Name: "acme", StartURL: acmeURL, Region: "eu-west-1"}
	}()
	e.until("the wizard", func() bool { return e.u.wizard != nil })
	w := e.u.wizard
	if w.nameEntry.Text != "acme" || w.urlEntry.Text != acmeURL || w.regionEntry.Text != "eu-west-1" {
		t.Errorf("wizard fields = %q, %q, %q", w.nameEntry.Text, w.urlEntry.Text, w.regionEntry.Text)
	}
	if w.busy || w.closed || len(e.u.signIns) != 0 {
		t.Error("the prefilled wizard was submitted")
	}
	if cfg, err := e.u.m.Config(); err != nil || cfg.NameInUse("acme") {
		t.Errorf("the config has acme (err %v): nothing should be written before Add", err)
	}
}
