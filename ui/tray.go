package ui

import (
	"time"

	"fyne.io/fyne/v2"

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
	SignIn  func(in storage.SignIn)
	SignOut func(in storage.SignIn)
	Open    func()
	Add     func()
}

// menuFor builds the tray menu for statuses at now: one item per sign-in
// with its state ("corp — 7 h 12 m left", "sandbox — signed out") and a
// submenu to sign in or out, then "Open ssotray" and "Add a sign-in…". Fyne
// adds Quit itself. In demo mode a disabled first item says so.
func menuFor(statuses []signin.Status, now time.Time, demo bool, act menuActions) *fyne.Menu {
	items := make([]*fyne.MenuItem, 0, len(statuses)+6)
	if demo {
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
		item := fyne.NewMenuItem(st.Name+" — "+menuState(st, now), nil)
		item.ChildMenu = fyne.NewMenu("", childItems(st, now, act)...)
		items = append(items, item)
	}
	items = append(items,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Open ssotray", act.Open),
		fyne.NewMenuItem("Add a sign-in…", act.Add),
	)
	return fyne.NewMenu("ssotray", items...)
}

// menuState is the short state a menu item shows after the name.
func menuState(st signin.Status, now time.Time) string {
	switch st.State {
	case signin.SignedIn:
		if left := st.Remaining(now); left > 0 {
			return signin.FormatRemaining(left) + " left"
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
