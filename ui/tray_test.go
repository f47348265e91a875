package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// menuText flattens a menu into lines: "label" for items, "label > child"
// for submenu items, "---" for separators, "(disabled)" suffixes.
func menuText(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		if it.IsSeparator {
			out = append(out, "---")
			continue
		}
		line := it.Label
		if it.Disabled {
			line += " (disabled)"
		}
		out = append(out, line)
		if it.ChildMenu != nil {
			for _, c := range it.ChildMenu.Items {
				out = append(out, it.Label+" > "+c.Label)
			}
		}
	}
	return out
}

func TestMenuFor(t *testing.T) {
	unreadable := status("broken", signin.Unreadable, time.Time{})
	unreadable.Problem = errors.New("not JSON")
	tests := []struct {
		name     string
		statuses []signin.Status
		demo     bool
		want     []string
	}{
		{
			name: "none",
			want: []string{"No sign-ins yet (disabled)", "---", "Open ssotray", "Add a sign-in…"},
		},
		{
			name:     "demo",
			statuses: []signin.Status{status("demo", signin.SignedOut, time.Time{})},
			demo:     true,
			want: []string{
				"Demo — local test Identity Center (disabled)", "---",
				"demo — signed out", "demo — signed out > Sign in",
				"---", "Open ssotray", "Add a sign-in…",
			},
		},
		{
			name: "every state",
			statuses: []signin.Status{
				status("corp", signin.SignedIn, t0.Add(7*time.Hour+12*time.Minute+30*time.Second)),
				status("sandbox", signin.SignedOut, time.Time{}),
				status("old", signin.Expired, t0.Add(-time.Hour)),
				status("soon", signin.SignedIn, t0.Add(4*time.Minute+5*time.Second)),
				status("gone", signin.SignedIn, t0.Add(-time.Second)), // expired since the last reload
				unreadable,
			},
			want: []string{
				"corp — 7 h 12 m left", "corp — 7 h 12 m left > Sign out",
				"sandbox — signed out", "sandbox — signed out > Sign in",
				"old — expired", "old — expired > Sign in", "old — expired > Sign out",
				"soon — 4 m left", "soon — 4 m left > Sign out",
				"gone — expired", "gone — expired > Sign in", "gone — expired > Sign out",
				"broken — token cache unreadable", "broken — token cache unreadable > Sign in", "broken — token cache unreadable > Sign out",
				"---", "Open ssotray", "Add a sign-in…",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := menuFor(tt.statuses, t0, menuInfo{Demo: tt.demo}, menuActions{})
			if diff := cmp.Diff(tt.want, menuText(m)); diff != "" {
				t.Errorf("menu (-want +got):\n%s", diff)
			}
			for _, it := range m.Items {
				if it.Label == "Quit" {
					t.Error("menu has its own Quit; Fyne adds one")
				}
			}
		})
	}
}

func TestMenuForActions(t *testing.T) {
	var got []string
	act := menuActions{
		SignIn:  func(in storage.SignIn) { got = append(got, "sign in "+in.Name) },
		SignOut: func(in storage.SignIn) { got = append(got, "sign out "+in.Name) },
		Open:    func() { got = append(got, "open") },
		Add:     func() { got = append(got, "add") },
	}
	m := menuFor([]signin.Status{
		status("corp", signin.SignedIn, t0.Add(time.Hour)),
		status("sandbox", signin.SignedOut, time.Time{}),
	}, t0, menuInfo{}, act)
	m.Items[0].ChildMenu.Items[0].Action()
	m.Items[1].ChildMenu.Items[0].Action()
	m.Items[len(m.Items)-2].Action()
	m.Items[len(m.Items)-1].Action()
	if diff := cmp.Diff([]string{"sign out corp", "sign in sandbox", "open", "add"}, got); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
}

func TestLookFor(t *testing.T) {
	refreshable := func(st signin.Status) signin.Status { st.Refreshable = true; return st }
	tests := []struct {
		name     string
		statuses []signin.Status
		want     trayLook
	}{
		{"none", nil, lookSignedOut},
		{"all signed in", []signin.Status{
			status("a", signin.SignedIn, t0.Add(time.Hour)),
			status("b", signin.SignedIn, t0.Add(2*time.Hour)),
		}, lookSignedIn},
		{"one expiring", []signin.Status{
			status("a", signin.SignedIn, t0.Add(time.Hour)),
			status("b", signin.SignedIn, t0.Add(10*time.Minute)),
		}, lookExpiring},
		{"expiring but refreshable", []signin.Status{
			refreshable(status("b", signin.SignedIn, t0.Add(10*time.Minute))),
		}, lookSignedIn},
		{"one signed out wins over expiring", []signin.Status{
			status("a", signin.SignedIn, t0.Add(10*time.Minute)),
			status("b", signin.SignedOut, time.Time{}),
		}, lookSignedOut},
		{"expired since the reload", []signin.Status{
			status("a", signin.SignedIn, t0),
		}, lookSignedOut},
		{"unreadable", []signin.Status{
			status("a", signin.Unreadable, time.Time{}),
		}, lookSignedOut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lookFor(tt.statuses, t0); got != tt.want {
				t.Errorf("lookFor = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestTrayFollowsList checks that every reload sets the tray menu, and the
// icon only when the overall look changes.
func TestTrayFollowsList(t *testing.T) {
	tr := &fakeTray{}
	e := newEnv(t, withConfig(corpConfig), withTray(tr))
	if e.u.tray == nil {
		t.Fatal("the app has a tray but the UI did not find it")
	}
	e.u.applyList(e.u.load())
	if diff := cmp.Diff([]string{"corp — signed out", "corp — signed out > Sign in", "---", "Open ssotray", "Add a sign-in…"}, menuText(tr.last())); diff != "" {
		t.Errorf("menu (-want +got):\n%s", diff)
	}
	if len(tr.icons) != 1 || tr.icons[0] != trayIcon(lookSignedOut) {
		t.Fatalf("icons = %v, want the signed-out one", tr.icons)
	}

	e.u.applyList(e.u.load())
	if len(tr.menus) != 1 || len(tr.icons) != 1 {
		t.Errorf("after a reload with no change: %d menus, %d icons; want the same 1 and 1", len(tr.menus), len(tr.icons))
	}

	e.saveToken("corp", t0.Add(7*time.Hour+12*time.Minute))
	e.u.applyList(e.u.load())
	if got := tr.last().Items[0].Label; got != "corp — 7 h 12 m left" {
		t.Errorf("item = %q, want corp — 7 h 12 m left", got)
	}
	if len(tr.icons) != 2 || tr.icons[1] != trayIcon(lookSignedIn) {
		t.Errorf("icons = %v, want signed-out then signed-in", tr.icons)
	}

	// "Open ssotray" shows the main window.
	e.u.hideMain()
	tr.last().Items[len(tr.last().Items)-2].Action()
	if e.ticks.running(tickEvery) != 1 {
		t.Errorf("Open ssotray: %d countdown tickers, want 1", e.ticks.running(tickEvery))
	}

	// "Add a sign-in…" opens the wizard.
	tr.last().Items[len(tr.last().Items)-1].Action()
	if e.u.wizard == nil {
		t.Error("Add a sign-in… did not open the wizard")
	}
}

func TestMenuForInfo(t *testing.T) {
	on, off := true, false
	statuses := []signin.Status{
		status("corp", signin.SignedIn, t0.Add(7*time.Hour+12*time.Minute)),
		status("sandbox", signin.SignedOut, time.Time{}),
	}
	refreshed := map[string]time.Time{"corp": t0.Add(-time.Hour), "sandbox": t0.Add(-2 * time.Hour)}
	m := menuFor(statuses, t0, menuInfo{Refreshed: refreshed, Autostart: &on}, menuActions{})
	want := []string{
		"corp — 7 h 12 m left · refreshed " + formatClock(t0.Add(-time.Hour), t0), "corp — 7 h 12 m left · refreshed " + formatClock(t0.Add(-time.Hour), t0) + " > Sign out",
		"sandbox — signed out", "sandbox — signed out > Sign in",
		"---", "Open ssotray", "Add a sign-in…", "Start at login",
	}
	if diff := cmp.Diff(want, menuText(m)); diff != "" {
		t.Errorf("menu (-want +got):\n%s", diff)
	}
	if !m.Items[len(m.Items)-1].Checked {
		t.Error("Start at login is not checked while on")
	}
	m = menuFor(statuses, t0, menuInfo{Autostart: &off}, menuActions{})
	if m.Items[len(m.Items)-1].Checked {
		t.Error("Start at login is checked while off")
	}
}

func TestMenuKey(t *testing.T) {
	st := []signin.Status{status("corp", signin.SignedOut, time.Time{})}
	key := func(st []signin.Status, info menuInfo) string {
		return menuKey(menuFor(st, t0, info, menuActions{}), st)
	}
	base := key(st, menuInfo{})
	if key(st, menuInfo{}) != base {
		t.Error("the same menu has two keys")
	}
	moved := []signin.Status{st[0]}
	moved[0].Region = "us-east-1" // the label stays, what Sign in acts on does not
	on := true
	for name, k := range map[string]string{
		"another Region": key(moved, menuInfo{}),
		"autostart":      key(st, menuInfo{Autostart: &on}),
		"signed in":      key([]signin.Status{status("corp", signin.SignedIn, t0.Add(time.Hour))}, menuInfo{}),
	} {
		if k == base {
			t.Errorf("%s: same key", name)
		}
	}
}

func TestWithQuit(t *testing.T) {
	quits := 0
	m := withQuit(fyne.NewMenu("x", fyne.NewMenuItem("Open ssotray", nil)), func() { quits++ })
	last := m.Items[len(m.Items)-1]
	if last.Label != "Quit" || !last.IsQuit || !m.Items[len(m.Items)-2].IsSeparator {
		t.Fatalf("menu ends with %q (IsQuit %v)", last.Label, last.IsQuit)
	}
	last.Action()
	if quits != 1 {
		t.Error("Quit does not quit")
	}
}

func TestQuittingTrayAddsQuit(t *testing.T) {
	tr := &fakeTray{}
	quittingTray{tr, func() {}}.SetSystemTrayMenu(fyne.NewMenu("x", fyne.NewMenuItem("Open ssotray", nil)))
	if items := tr.last().Items; items[len(items)-1].Label != "Quit" {
		t.Errorf("the real tray's menu ends with %q, want Quit", items[len(items)-1].Label)
	}
}

// TestTrayRemainingHasNoStaleSeconds: the tray, redrawn once a minute,
// shows whole minutes only, so it never shows a second it cannot keep.
func TestTrayRemainingHasNoStaleSeconds(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{59*time.Minute + 36*time.Second, "59 m"},
		{time.Hour, "1 h 0 m"},
		{7*time.Hour + 12*time.Minute + 59*time.Second, "7 h 12 m"},
		{61 * time.Second, "1 m"},
		{59 * time.Second, "under 1 m"},
		{26 * time.Hour, "1 d 2 h"},
	} {
		if got := trayRemaining(tt.d); got != tt.want {
			t.Errorf("trayRemaining(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestTrayAgreesWithTheWindowOverTime: redrawn once a minute at any phase,
// the tray's time left never disagrees with the window's per-second
// countdown by a minute or more, and never shows seconds.
func TestTrayAgreesWithTheWindowOverTime(t *testing.T) {
	expires := t0.Add(59*time.Minute + 36*time.Second)
	for render := t0.Add(17 * time.Second); render.Before(t0.Add(5 * time.Minute)); render = render.Add(menuEvery) {
		label := trayRemaining(expires.Sub(render))
		var minutes int
		if _, err := fmt.Sscanf(label, "%d m", &minutes); err != nil || strings.Contains(label, " s") {
			t.Fatalf("tray label %q at %v", label, render.Sub(t0))
		}
		for s := render; s.Before(render.Add(menuEvery)); s = s.Add(time.Second) {
			window := expires.Sub(s) // what the window shows this second
			if d := window - time.Duration(minutes)*time.Minute; d <= -time.Minute || d >= time.Minute {
				t.Fatalf("at %v the tray says %q while the window says %s", s.Sub(t0), label, signin.FormatRemaining(window))
			}
		}
	}
}
