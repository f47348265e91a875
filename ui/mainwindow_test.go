package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// rowText flattens the list's rows: "name | detail | state | button".
func rowText(w *mainWindow) []string {
	var out []string
	for _, r := range w.rows {
		out = append(out, strings.Join([]string{r.name.Text, r.detail.Text, r.state.Text, r.action.Text}, " | "))
	}
	return out
}

func TestMainWindowRows(t *testing.T) {
	e := newEnv(t)
	corp := status("corp", signin.SignedIn, t0.Add(7*time.Hour+12*time.Minute+30*time.Second))
	corp.Profiles = []string{"dev", "prod"}
	broken := status("broken", signin.Unreadable, time.Time{})
	broken.Problem = errors.New("the token file is not JSON")
	cfg := &storage.Config{File: "/home/u/.aws/config"}
	e.u.opts.Version = "v0.1.0"

	w := e.u.main
	w.apply(listData{statuses: []signin.Status{
		corp,
		status("sandbox", signin.SignedOut, time.Time{}),
		status("old", signin.Expired, t0.Add(-time.Hour)),
		broken,
	}, cfg: cfg}, t0)

	want := []string{
		"corp | https://d-1234567890.awsapps.com/start (eu-west-1) · profiles: dev, prod | Signed in · 7 h 12 m left | Sign out",
		"sandbox | https://d-1234567890.awsapps.com/start (eu-west-1) | Signed out | Sign in",
		"old | https://d-1234567890.awsapps.com/start (eu-west-1) | Expired — sign in again | Sign in",
		"broken | https://d-1234567890.awsapps.com/start (eu-west-1) | Token cache unreadable: the token file is not JSON | Sign in",
	}
	if diff := cmp.Diff(want, rowText(w)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if !w.rows[0].name.TextStyle.Bold {
		t.Error("the name is not bold")
	}
	if w.empty.Visible() || w.problems.Visible() || w.demo.Visible() || w.message.Visible() {
		t.Errorf("visible: empty %t, problems %t, demo %t, message %t; want none",
			w.empty.Visible(), w.problems.Visible(), w.demo.Visible(), w.message.Visible())
	}
	if got, want := w.footer.Text, "ssotray v0.1.0 · "+e.u.m.Paths().ConfigFile; got != want {
		t.Errorf("footer = %q, want %q", got, want)
	}
	if got := len(w.list.Objects); got != 7 {
		t.Errorf("list has %d objects, want 4 rows and 3 separators", got)
	}

	// The countdown ticks, and the row turns to Sign in when it runs out.
	w.tick(t0.Add(time.Hour))
	if got := w.rows[0].state.Text; got != "Signed in · 6 h 12 m left" {
		t.Errorf("after an hour: %q", got)
	}
	w.tick(t0.Add(8 * time.Hour))
	if got := rowText(w)[0]; !strings.HasSuffix(got, "| Expired — sign in again | Sign in") {
		t.Errorf("after expiry: %q", got)
	}
}

func TestMainWindowStates(t *testing.T) {
	tests := []struct {
		name         string
		opts         Options
		data         listData
		wantEmpty    bool
		wantProblems string // prefix; "" means hidden
		wantDemo     bool
	}{
		{
			name:      "no sign-ins",
			data:      listData{cfg: &storage.Config{File: "c"}},
			wantEmpty: true,
		},
		{
			name: "config problems",
			data: listData{
				statuses: []signin.Status{status("corp", signin.SignedOut, time.Time{})},
				problems: []storage.Problem{{File: "/h/.aws/config", Line: 3, Msg: "sso_region is missing"}},
			},
			wantProblems: "Some of your AWS config was skipped:\n• /h/.aws/config:3: sso_region is missing",
		},
		{
			name:         "config unreadable",
			data:         listData{err: errors.New("read config: permission denied")},
			wantProblems: "Cannot read your AWS config: read config: permission denied",
		},
		{
			name:      "demo",
			opts:      Options{Demo: true},
			data:      listData{cfg: &storage.Config{File: "c"}},
			wantEmpty: true,
			wantDemo:  true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, withOptions(tt.opts))
			w := e.u.main
			w.apply(tt.data, t0)
			if w.empty.Visible() != tt.wantEmpty {
				t.Errorf("empty state visible = %t, want %t", w.empty.Visible(), tt.wantEmpty)
			}
			if tt.wantEmpty && !strings.Contains(test.RenderObjectToMarkup(w.empty), "ssotray add") {
				t.Error("the empty state does not mention ssotray add")
			}
			if got := w.problems.Visible(); got != (tt.wantProblems != "") {
				t.Errorf("problems visible = %t, want %t", got, tt.wantProblems != "")
			}
			if !strings.HasPrefix(w.problems.Text, tt.wantProblems) {
				t.Errorf("problems = %q, want %q", w.problems.Text, tt.wantProblems)
			}
			if w.demo.Visible() != tt.wantDemo {
				t.Errorf("demo banner visible = %t, want %t", w.demo.Visible(), tt.wantDemo)
			}
			if tt.wantDemo && !strings.Contains(w.win.Title(), "Demo") {
				t.Errorf("title %q does not say Demo", w.win.Title())
			}
		})
	}
}

func TestProblemTextLimit(t *testing.T) {
	var problems []storage.Problem
	for i := range 8 {
		problems = append(problems, storage.Problem{Line: i + 1, Msg: fmt.Sprint("bad ", i)})
	}
	got := problemText(listData{problems: problems})
	if n := strings.Count(got, "•"); n != maxProblems {
		t.Errorf("%d problems listed, want %d", n, maxProblems)
	}
	if !strings.HasSuffix(got, "…and 3 more") {
		t.Errorf("text does not end with the rest's count: %q", got)
	}
}

// TestMainWindowTicksOnlyWhileVisible checks that the countdown ticker
// runs while the window shows and stops when it is hidden.
func TestMainWindowTicksOnlyWhileVisible(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig), withTray(&fakeTray{}))
	e.u.start()
	if got := e.ticks.running(tickEvery); got != 1 {
		t.Fatalf("shown: %d countdown tickers, want 1", got)
	}
	if got := e.ticks.running(menuEvery); got != 1 {
		t.Fatalf("%d tray menu tickers, want 1", got)
	}
	e.u.showMain()
	if got := e.ticks.running(tickEvery); got != 1 {
		t.Errorf("shown twice: %d countdown tickers, want 1", got)
	}
	e.u.hideMain()
	if got := e.ticks.running(tickEvery); got != 0 {
		t.Errorf("hidden: %d countdown tickers, want 0", got)
	}
	if got := e.ticks.running(menuEvery); got != 1 {
		t.Errorf("hidden: %d tray menu tickers, want 1 (the tray menu still needs it)", got)
	}
	e.u.showMain()
	if got := e.ticks.running(tickEvery); got != 1 {
		t.Errorf("shown again: %d countdown tickers, want 1", got)
	}
	e.u.shutdown()
	if got := e.ticks.running(tickEvery) + e.ticks.running(menuEvery); got != 0 {
		t.Errorf("after shutdown: %d tickers still running", got)
	}
}

// TestTickersCallThroughDo checks what the registered ticker does when it
// fires (the countdown updates the rows), and that the monitor's re-read
// reaches the rows.
func TestTickersCallThroughDo(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	e.saveToken("corp", t0.Add(2*time.Hour))
	e.u.start()
	row := func() string { return e.u.main.rows[0].state.Text }
	if row() != "Signed in · 2 h 0 m left" {
		t.Fatalf("row = %q", row())
	}
	var countdown func()
	for _, r := range e.ticks.all {
		if r.d == tickEvery {
			countdown = r.fn
		}
	}
	e.clock.Advance(time.Minute)
	go countdown()
	e.until("the countdown to tick", func() bool { return row() == "Signed in · 1 h 59 m left" })

	// Another tool signs out behind our back; the monitor notices (here
	// poked, as its directory watch does).
	if err := storage.PathsFromHome(e.home).TokenCache().Delete("corp"); err != nil {
		t.Fatal(err)
	}
	e.mon.Poke()
	e.until("the monitor's re-read", func() bool { return row() == "Signed out" })
}

func TestMainWindowSignOut(t *testing.T) {
	tests := []struct {
		name      string
		token     bool
		logoutErr error
		want      string
		wantBad   bool
		logouts   int
	}{
		{"signed in", true, nil, "Signed out of corp.", false, 1},
		{"logout fails", true, errors.New("boom"), "Signed out of corp on this computer, but IAM Identity Center was not told: sign out at IAM Identity Center: boom", true, 1},
		{"already signed out", false, nil, "corp was already signed out.", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, withConfig(corpConfig))
			e.portal.err = tt.logoutErr
			if tt.token {
				e.saveToken("corp", t0.Add(time.Hour))
			}
			e.u.applyList(e.u.load())
			if tt.token {
				test.Tap(e.u.main.rows[0].action)
			} else {
				e.u.signOut(e.u.main.rows[0].status.SignIn)
			}
			e.until("the sign-out", func() bool { return e.u.main.message.Text != "Signing out of corp…" })
			if got := e.u.main.message.Text; !strings.HasPrefix(got, tt.want) {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
			if bad := e.u.main.message.Importance == widget.DangerImportance; bad != tt.wantBad {
				t.Errorf("message shown as bad = %t, want %t", bad, tt.wantBad)
			}
			if got := e.u.main.rows[0].state.Text; got != "Signed out" {
				t.Errorf("row = %q, want Signed out", got)
			}
			if e.portal.logouts != tt.logouts {
				t.Errorf("%d Logout calls, want %d", e.portal.logouts, tt.logouts)
			}
		})
	}
}

func TestSignOutMessage(t *testing.T) {
	tests := []struct {
		name         string
		removed      bool
		warning, err error
		want         string
		wantBad      bool
	}{
		{"removed", true, nil, nil, "Signed out of corp.", false},
		{"nothing to remove", false, nil, nil, "corp was already signed out.", false},
		{"logout failed", true, &flow.APIError{Op: "sign out at IAM Identity Center", Err: errors.New("offline")}, nil, "Signed out of corp on this computer, but IAM Identity Center was not told: sign out at IAM Identity Center: offline", true},
		{"keyring kept a copy", true, errors.New("could not delete the sign-in's secrets from the keyring: locked"), nil, "Signed out of corp on this computer, with a warning: could not delete the sign-in's secrets from the keyring: locked", true},
		{"remove failed", false, nil, errors.New("remove token: permission denied"), "Could not sign out of corp: remove token: permission denied", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad := signOutMessage("corp", tt.removed, tt.warning, tt.err)
			if got != tt.want || bad != tt.wantBad {
				t.Errorf("signOutMessage = %q, %t; want %q, %t", got, bad, tt.want, tt.wantBad)
			}
		})
	}
}
