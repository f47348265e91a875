package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// expiringSoon is how close to its end a session turns the tray icon amber.
const expiringSoon = 15 * time.Minute

// tray is the part of desktop.App the tray uses. Fyne's test app has no tray,
// so tests pass a fake that records what it is given.
type tray interface {
	SetSystemTrayMenu(menu *fyne.Menu)
	SetSystemTrayIcon(icon fyne.Resource)
}

// menuActions are what the tray menu's items do.
type menuActions struct {
	SignIn    func(in storage.SignIn)
	SignOut   func(in storage.SignIn)
	Open      func()
	Add       func()
	Autostart func() // switches Start at login
	// OpenConsole opens the console as a quick role of the sign-in name.
	OpenConsole func(name string, r accounts.Role)
	// AllAccounts opens the accounts view of the sign-in name.
	AllAccounts func(name string)
}

// menuInfo is what the tray menu shows besides the statuses.
type menuInfo struct {
	// Demo adds a disabled first item saying so.
	Demo bool
	// Refreshed is when the monitor last refreshed each sign-in.
	Refreshed map[string]time.Time
	// Autostart is whether Start at login is on; nil leaves the item out.
	Autostart *bool
	// Accounts adds each live sign-in's quick roles and "All accounts…" to
	// its submenu.
	Accounts bool
	// QuickRoles are each sign-in's quick roles, by name.
	QuickRoles map[string][]accounts.QuickRole
}

// menuFor builds the tray menu for statuses at now: one item per sign-in
// with its state ("corp — 7 h 12 m left · refreshed 14:03", "sandbox —
// signed out") and a submenu to sign in or out (for a live sign-in with
// Accounts on, led by its quick roles and "All accounts…"), then "Open ssotray", "Add a
// sign-in…" and the "Start at login" check; quittingTray adds Quit.
func menuFor(statuses []signin.Status, now time.Time, info menuInfo, act menuActions) *fyne.Menu {
	items := make([]*fyne.MenuItem, 0, len(statuses)+7)
	if info.Demo {
		marker := fyne.NewMenuItem("Demo — local test Identity Center", nil)
		marker.Disabled = true
		items = append(items, marker, fyne.NewMenuItemSeparator())
	}
	if len(statuses) == 0 {
		none := fyne.NewMenuItem("No sign-ins yet", nil)
		none.Disabled = true
		items = append(items, none)
	}
	for _, st := range statuses {
		label := st.Name + " — " + menuState(st, now)
		if at, ok := info.Refreshed[st.Name]; ok && st.State == signin.SignedIn && st.Remaining(now) > 0 {
			label += " · refreshed " + formatClock(at, now)
		}
		item := fyne.NewMenuItem(label, nil)
		children := childItems(st, now, act)
		if info.Accounts && st.State == signin.SignedIn && st.Remaining(now) > 0 {
			quick := quickRoleItems(st.Name, info.QuickRoles[st.Name], act)
			children = append(append(quick, fyne.NewMenuItemSeparator()), children...)
		}
		item.ChildMenu = fyne.NewMenu("", children...)
		items = append(items, item)
	}
	items = append(items,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Open ssotray", act.Open),
		fyne.NewMenuItem("Add a sign-in…", act.Add),
	)
	if info.Autostart != nil {
		login := fyne.NewMenuItem("Start at login", act.Autostart)
		login.Checked = *info.Autostart
		items = append(items, login)
	}
	return fyne.NewMenu("ssotray", items...)
}

// trayRemaining says how long is left in whole minutes: the tray is redrawn
// once a minute, so it shows no seconds it could not keep true (the window,
// which ticks every second, shows them). Under a minute is "under 1 m".
func trayRemaining(d time.Duration) string {
	switch {
	case d >= 24*time.Hour:
		return signin.FormatRemaining(d)
	case d >= time.Hour:
		return fmt.Sprintf("%d h %d m", int(d.Hours()), int(d.Minutes())%60)
	case d >= time.Minute:
		return fmt.Sprintf("%d m", int(d.Minutes()))
	default:
		return "under 1 m"
	}
}

// menuState is the short state a menu item shows after the name.
func menuState(st signin.Status, now time.Time) string {
	switch st.State {
	case signin.SignedIn:
		if left := st.Remaining(now); left > 0 {
			return trayRemaining(left) + " left"
		}
		return "expired"
	case signin.Expired:
		return "expired"
	case signin.Unreadable:
		return "token cache unreadable"
	default:
		return "signed out"
	}
}

// childItems offers Sign in to every sign-in that lacks a live token and
// Sign out to every one that has a token file.
func childItems(st signin.Status, now time.Time, act menuActions) []*fyne.MenuItem {
	in := st.SignIn
	live := st.State == signin.SignedIn && st.Remaining(now) > 0
	var items []*fyne.MenuItem
	if !live {
		items = append(items, fyne.NewMenuItem("Sign in", func() { act.SignIn(in) }))
	}
	if st.State != signin.SignedOut {
		items = append(items, fyne.NewMenuItem("Sign out", func() { act.SignOut(in) }))
	}
	return items
}

// lookFor picks the tray icon's look for statuses at now: signed out if any
// sign-in needs signing in, expiring if any ends within expiringSoon and
// cannot refresh itself, else signed in. No sign-ins at all looks signed out.
func lookFor(statuses []signin.Status, now time.Time) trayLook {
	if len(statuses) == 0 {
		return lookSignedOut
	}
	look := lookSignedIn
	for _, st := range statuses {
		left := st.Remaining(now)
		switch {
		case st.State != signin.SignedIn || left <= 0:
			return lookSignedOut
		case left <= expiringSoon && !st.Refreshable:
			look = lookExpiring
		}
	}
	return look
}

// menuKey sums up what menu shows, and what its items act on, so that an
// unchanged menu need not be set again.
func menuKey(menu *fyne.Menu, statuses []signin.Status) string {
	var b strings.Builder
	var walk func(m *fyne.Menu, depth int)
	walk = func(m *fyne.Menu, depth int) {
		for _, it := range m.Items {
			fmt.Fprintf(&b, "%d|%q|%t|%t|%t\n", depth, it.Label, it.IsSeparator, it.Disabled, it.Checked)
			if it.ChildMenu != nil {
				walk(it.ChildMenu, depth+1)
			}
		}
	}
	walk(menu, 0)
	// The sign-in items act on these.
	for _, st := range statuses {
		fmt.Fprintf(&b, "%q %q %q %q\n", st.Name, st.Kind, st.StartURL, st.Region)
	}
	return b.String()
}

// quittingTray is the real tray: every menu it sets ends with Quit.
type quittingTray struct {
	tray
	quit func()
}

// SetSystemTrayMenu sets menu with Quit added.
func (t quittingTray) SetSystemTrayMenu(menu *fyne.Menu) {
	t.tray.SetSystemTrayMenu(withQuit(menu, t.quit))
}

// withQuit ends the tray menu with our own Quit, its action set. Fyne 2.7.1
// appends a Quit of its own only after it has built the tray's items, so on
// every menu after the first that Quit would be missing (or do nothing).
func withQuit(m *fyne.Menu, quit func()) *fyne.Menu {
	item := fyne.NewMenuItem("Quit", quit)
	item.IsQuit = true
	m.Items = append(m.Items, fyne.NewMenuItemSeparator(), item)
	return m
}
