package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/storage"
)

// existingPortal is the wizard's word when the portal typed is one a
// sign-in already uses: it says which, and offers to sign in to that one
// instead of adding a second.
type existingPortal struct {
	in    storage.SignIn // the sign-in that uses the portal; set while shown
	label *widget.Label
	btn   *keyButton
	box   *fyne.Container
}

func newExistingPortal(use func(storage.SignIn)) *existingPortal {
	e := &existingPortal{label: &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}}
	e.btn = newKeyButton("", theme.LoginIcon(), widget.MediumImportance, func() { use(e.in) })
	e.box = container.NewVBox(e.label, container.NewHBox(e.btn))
	e.box.Hide()
	return e
}

// show shows the offer for in, or hides it when found is false.
func (e *existingPortal) show(in storage.SignIn, found bool) {
	e.in = in
	if !found {
		e.box.Hide()
		return
	}
	e.label.SetText(in.Name + " already signs in to this portal. Add another only if it needs other settings.")
	e.btn.SetText("Sign in to " + in.Name + " instead")
	e.box.Show()
}

// signInForPortal returns the sign-in that already uses the start URL, if
// any, from the config the UI last read.
func (u *UI) signInForPortal(startURL string) (storage.SignIn, bool) {
	if u.cfg == nil || startURL == "" {
		return storage.SignIn{}, false
	}
	return u.cfg.ForStartURL(startURL)
}

// useExisting closes the wizard and signs in to in, the sign-in the
// person already has for the portal.
func (w *wizard) useExisting(in storage.SignIn) {
	w.win.Close()
	w.u.signIn(in)
}
