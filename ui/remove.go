package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

const (
	// removeDialogWidth keeps the confirmation's wrapped text in lines of a
	// readable length at the base text size.
	removeDialogWidth = 460
	// baseTextSize is the default theme's text size.
	baseTextSize = 14
)

// removeDialog asks before a sign-in is removed. It names exactly what goes:
// the [sso-session NAME] section, not the profiles that use it. A legacy
// sign-in is not a section of its own, so its dialog explains how to remove
// it by hand and offers only to sign out.
type removeDialog struct {
	dlg     *dialog.CustomDialog
	body    *container.Scroll // the text, scrolling when the window is too small for it
	text    *widget.Label
	confirm *keyButton // nil when there is nothing to confirm
	cancel  *keyButton
}

// removeText is the confirmation's title, text and confirm button for st
// in configFile; confirm is "" when the dialog can only be closed.
func removeText(st signin.Status, configFile string) (title, text, confirm string) {
	// The title and button stay short: they do not wrap, and a name can be
	// long. The text names the sign-in.
	title = "Remove this sign-in?"
	var b strings.Builder
	if st.Kind == storage.KindLegacyProfile {
		fmt.Fprintf(&b, "%s is not a sign-in section of its own: its start URL is written into %s in %s.\n\n",
			st.Name, profileWords(st.Profiles), configFile)
		fmt.Fprintf(&b, "To remove it, edit %s: delete %s sso_start_url and sso_region lines, or the whole profile. ssotray does not edit profiles for you.",
			plural(st.Profiles, "that profile", "those profiles"), plural(st.Profiles, "its", "their"))
		if st.State != signin.SignedOut {
			b.WriteString("\n\nssotray can sign you out of it now.")
			confirm = "Sign out"
		}
		return title, b.String(), confirm
	}
	fmt.Fprintf(&b, "This deletes the section [sso-session %s] from %s. Nothing else in the file changes.\n\n", st.Name, configFile)
	if len(st.Profiles) == 0 {
		b.WriteString("No profile uses it.")
	} else {
		fmt.Fprintf(&b, "%s that use%s it stay%s in the file, but will not sign in until you give %s another sso_session or delete %s.",
			capitalize(profileWords(st.Profiles)), plural(st.Profiles, "s", ""), plural(st.Profiles, "s", ""),
			plural(st.Profiles, "it", "them"), plural(st.Profiles, "it", "them"))
	}
	switch st.State {
	case signin.SignedIn:
		fmt.Fprintf(&b, "\n\nYou are signed in to %s, so ssotray signs you out first.", st.Name)
	case signin.Expired, signin.Unreadable:
		fmt.Fprintf(&b, "\n\nssotray also deletes %s's old token file from this computer.", st.Name)
	}
	return title, b.String(), "Remove"
}

// profileWords says "the profile dev" or "the profiles dev, prod".
func profileWords(profiles []string) string {
	if len(profiles) == 1 {
		return "the profile " + profiles[0]
	}
	return "the profiles " + strings.Join(profiles, ", ")
}

// plural returns one when there is a single profile, else many.
func plural(profiles []string, one, many string) string {
	if len(profiles) == 1 {
		return one
	}
	return many
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// confirmRemove shows the confirmation for st on the main window.
func (u *UI) confirmRemove(st signin.Status) {
	w := u.main
	if w.removal != nil {
		w.removal.dlg.Hide()
	}
	title, text, confirm := removeText(st, u.m.Paths().ConfigFile)
	r := &removeDialog{text: &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}}
	hide := func() { r.dlg.Hide() }
	r.cancel = newKeyButton("Cancel", nil, widget.MediumImportance, hide)
	r.cancel.onEscape = hide
	buttons := []fyne.CanvasObject{layout.NewSpacer(), r.cancel}
	if confirm != "" {
		act := func() { hide(); u.remove(st) }
		icon := theme.DeleteIcon()
		if st.Kind == storage.KindLegacyProfile {
			act = func() { hide(); u.signOut(st.SignIn) }
			icon = theme.LogoutIcon()
		}
		r.confirm = newKeyButton(confirm, icon, widget.DangerImportance, act)
		r.confirm.onEscape = hide
		buttons = append(buttons, r.confirm)
	} else {
		r.cancel.SetText("Close")
	}
	r.body = container.NewVScroll(r.text)
	r.dlg = dialog.NewCustomWithoutButtons(title, r.body, w.win)
	r.dlg.SetButtons([]fyne.CanvasObject{container.NewHBox(buttons...)})
	r.dlg.SetOnClosed(func() {
		if w.removal == r {
			w.removal = nil
		}
	})
	w.removal = r
	r.dlg.Show()
	r.fit(w.win.Canvas().Size())
	// Cancel has the focus, so Enter does not remove by accident.
	w.win.Canvas().Focus(r.cancel)
}

// fit sizes the dialog inside a window of size win: lines of a readable
// length (growing with the text size), as tall as the text needs, and
// scrolling when the window is too small for that, as it can be at large
// text sizes.
func (r *removeDialog) fit(win fyne.Size) { fitDialog(r.dlg, r.body, r.text, win) }

// fitDialog sizes dlg, whose content is text in the scroller body, inside a
// window of size win, as removeDialog.fit explains.
func fitDialog(dlg dialog.Dialog, body *container.Scroll, text *widget.Label, win fyne.Size) {
	margin := 2 * theme.Padding()
	width := min(removeDialogWidth*theme.TextSize()/baseTextSize, win.Width-margin)
	// Set the width first: the wrapped text's height follows from it.
	dlg.Resize(fyne.NewSize(width, dlg.MinSize().Height))
	chrome := dlg.MinSize().Height - body.MinSize().Height
	dlg.Resize(fyne.NewSize(width, min(chrome+text.MinSize().Height, win.Height-margin)))
}

// remove signs out of st if it has a token, removes its [sso-session]
// section and reports how it went. Any sign-in window for it closes first,
// which cancels the attempt.
func (u *UI) remove(st signin.Status) {
	name := st.Name
	if sw, ok := u.signIns[name]; ok {
		sw.win.Close()
	}
	u.main.setMessage("Removing "+name+"…", false)
	configFile := u.m.Paths().ConfigFile
	quiet := u.expectEnd(name)
	u.goTask(func() {
		var warning error
		if st.State != signin.SignedOut {
			var err error
			if _, warning, err = u.m.SignOut(u.ctx, name); err != nil {
				d := u.load()
				u.do(func() {
					quiet()
					u.NoteError(name, err)
					u.main.setMessage("Could not sign out of "+name+", so it was not removed: "+err.Error(), true)
					u.applyList(d)
					u.changed()
				})
				return
			}
		}
		err := storage.RemoveSSOSession(configFile, name)
		d := u.load()
		u.do(func() {
			msg, bad := removeMessage(st, configFile, warning, err)
			if err != nil {
				u.NoteError(name, err)
			}
			u.main.setMessage(msg, bad)
			u.applyList(d)
			u.changed()
		})
	})
}

// removeMessage says how a removal went.
func removeMessage(st signin.Status, configFile string, warning, err error) (msg string, bad bool) {
	if err != nil {
		return "Could not remove " + st.Name + ": " + err.Error(), true
	}
	msg = "Removed " + st.Name + " from " + configFile + "."
	if len(st.Profiles) > 0 {
		msg += " " + capitalize(profileWords(st.Profiles)) + " still name" + plural(st.Profiles, "s", "") + " it in sso_session."
	}
	if warning != nil {
		msg += " IAM Identity Center was not told about the sign-out: " + warning.Error()
		return msg, true
	}
	return msg, false
}
