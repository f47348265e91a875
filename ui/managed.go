package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// Words for sign-ins the organisation manages (see the managed package).
const (
	textManaged          = " · managed by your organisation"
	textManagedNoRemove  = "Managed by your organisation: cannot be removed"
	textManagedMode      = "Your organisation chose this for every sign-in."
	textManagedProblemTo = "Your organisation's ssotray settings could not be used"
)

// isManaged reports whether the organisation manages in.
func (u *UI) isManaged(in storage.SignIn) bool { return u.opts.Managed != nil && u.opts.Managed(in) }

// managedText is added to a managed sign-in's detail line.
func (u *UI) managedText(in storage.SignIn) string {
	if u.isManaged(in) {
		return textManaged
	}
	return ""
}

// removeItem is the row menu's Remove…, which a managed sign-in has
// disabled, saying why: the app would only add it again at its next start.
func (u *UI) removeItem(st signin.Status) *fyne.MenuItem {
	if u.isManaged(st.SignIn) {
		item := fyne.NewMenuItemWithIcon(textManagedNoRemove, theme.DeleteIcon(), nil)
		item.Disabled = true
		return item
	}
	return fyne.NewMenuItemWithIcon("Remove…", theme.DeleteIcon(), func() { u.confirmRemove(st) })
}

// secretsLocked reports whether the organisation decides where in keeps
// its secrets, so the row offers no switch.
func (u *UI) secretsLocked(in storage.SignIn) bool {
	return u.opts.SecretsPolicy != "" && u.isManaged(in)
}

// applySecretsPolicy sets the wizard's choice of where to keep secrets to
// the organisation's, and fixes it there.
func (w *wizard) applySecretsPolicy() {
	switch w.u.opts.SecretsPolicy {
	case storage.SecretsCLI:
		w.mode.SetSelected(textModeCLI)
	case storage.SecretsKeyring:
		w.mode.SetSelected(textModeKeyring)
	default:
		return
	}
	w.mode.Disable()
	w.modeNote.SetText(w.modeNote.Text + " " + textManagedMode)
}

// NoteManagedProblems tells the person, in a notification, that the
// organisation's managed file (or part of what it asks) could not be
// applied; problems name the file and line for IT.
func (u *UI) NoteManagedProblems(problems []string) {
	if len(problems) == 0 {
		return
	}
	u.app.SendNotification(fyne.NewNotification(textManagedProblemTo, strings.Join(problems, "\n")))
}
