package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne hands a key to the focused widget only, and the window's own key
// handler hears nothing while a button or entry has focus. These widgets
// pass Enter and Esc on, so a window answers them wherever the focus is.

// keyButton is a button that Enter taps as Space does, and that passes Esc
// to the window's cancel action.
type keyButton struct {
	widget.Button
	onEscape func() // nil: Esc does nothing
}

// newKeyButton returns a keyButton. imp is its importance; icon may be nil.
func newKeyButton(text string, icon fyne.Resource, imp widget.Importance, tapped func()) *keyButton {
	b := &keyButton{}
	b.Text, b.Icon, b.Importance, b.OnTapped = text, icon, imp, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey taps the button on Enter and runs onEscape on Esc.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	case fyne.KeyEscape:
		if b.onEscape != nil {
			b.onEscape()
		}
	default:
		b.Button.TypedKey(ev)
	}
}

// keyEntry is a one-line entry that passes Esc to the window's cancel
// action; Enter already runs OnSubmitted.
type keyEntry struct {
	widget.Entry
	onEscape func() // nil: Esc does nothing
	// selectOnFocus, when set and true, selects all the text as the entry
	// gains the focus, so typing replaces a suggestion instead of adding
	// to it.
	selectOnFocus func() bool
}

// newKeyEntry returns a keyEntry showing placeholder when empty.
func newKeyEntry(placeholder string) *keyEntry {
	e := &keyEntry{}
	e.PlaceHolder = placeholder
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey runs onEscape on Esc and hands other keys to the entry.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(ev)
}

// FocusGained selects all the text when selectOnFocus says so.
func (e *keyEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.selectOnFocus != nil && e.selectOnFocus() {
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}
