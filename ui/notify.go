package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"github.com/ssotray/ssotray/monitor"
)

// handleEvent turns what the monitor noticed into what the person sees.
//
// Only two kinds make a notification: a session that cannot be refreshed
// is about to end (ExpiringSoon), and a session ended (Ended). A failing
// background refresh is retried quietly and shows on the sign-in's row and
// in its diagnostics; if it keeps failing, ExpiringSoon comes in time. A
// successful refresh shows as "refreshed 14:03" on the row and the tray
// item, from the snapshot that follows it.
//
// Fyne 2.7 notifications carry a title and a body only, with no action
// buttons, so the "Sign in" action the issue asks for "where the platform
// allows" is the tray menu's (or the main window's) Sign in item, which the
// body points to.
func (u *UI) handleEvent(e monitor.Event) {
	switch e.Kind {
	case monitor.ExpiringSoon:
		u.app.SendNotification(fyne.NewNotification(
			e.Name+": signed in for "+minutesLeft(e.ExpiresAt.Sub(e.At)),
			"Sign in again to keep working"))
	case monitor.Ended:
		if at, ok := u.quietEnd[e.Name]; ok && at.Equal(e.ExpiresAt) {
			// The person signed out here; telling them is no news.
			delete(u.quietEnd, e.Name)
			return
		}
		u.NoteError(e.Name, e.Err)
		u.app.SendNotification(fyne.NewNotification(e.Name+": session ended", u.signInHint()))
	case monitor.RefreshFailed:
		u.NoteError(e.Name, e.Err)
		u.failing[e.Name] = refreshFailure{err: e.Err, expiresAt: e.ExpiresAt}
		u.main.tick(u.now())
	case monitor.Refreshed:
		delete(u.failing, e.Name)
		u.main.tick(u.now())
	}
}

// signInHint says where to sign in again: the tray menu, or the window
// when there is no tray.
func (u *UI) signInHint() string {
	if u.tray == nil {
		return "Sign in from the ssotray window"
	}
	return "Sign in from the ssotray menu"
}

// minutesLeft says d in whole minutes for a notification: "15 more
// minutes", "1 more minute", "less than a minute".
func minutesLeft(d time.Duration) string {
	n := int((d + 30*time.Second) / time.Minute)
	switch {
	case d < time.Minute:
		return "less than a minute"
	case n == 1:
		return "1 more minute"
	default:
		return fmt.Sprintf("%d more minutes", n)
	}
}
