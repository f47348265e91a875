package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestKeyButton(t *testing.T) {
	test.NewTempApp(t)
	taps, escapes := 0, 0
	b := newKeyButton("Go", nil, widget.HighImportance, func() { taps++ })
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace, fyne.KeyEscape, fyne.KeyA} {
		press(b, k)
	}
	if taps != 3 {
		t.Errorf("%d taps from Enter, keypad Enter and Space; want 3", taps)
	}
	b.onEscape = func() { escapes++ }
	press(b, fyne.KeyEscape)
	b.Disable()
	press(b, fyne.KeyReturn)
	if taps != 3 || escapes != 1 {
		t.Errorf("taps %d, escapes %d; want 3 and 1 (a disabled button ignores Enter)", taps, escapes)
	}
}

func TestKeyEntry(t *testing.T) {
	test.NewTempApp(t)
	escapes, submits := 0, 0
	e := newKeyEntry("hint")
	e.OnSubmitted = func(string) { submits++ }
	test.Type(e, "abc")
	press(e, fyne.KeyEscape) // no handler: nothing happens
	e.onEscape = func() { escapes++ }
	press(e, fyne.KeyEscape)
	press(e, fyne.KeyReturn)
	press(e, fyne.KeyBackspace)
	if e.Text != "ab" || escapes != 1 || submits != 1 {
		t.Errorf("text %q, escapes %d, submits %d; want ab, 1, 1", e.Text, escapes, submits)
	}
}

// TestEnterSignsInOnFocusedRow tabs to a row's Sign in button and presses
// Enter, as a keyboard user does.
func TestEnterSignsInOnFocusedRow(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	scriptSignIn(e, nil)
	e.u.applyList(e.u.load())
	c := e.u.main.win.Canvas()
	for range 5 {
		if c.Focused() == e.u.main.rows[0].action {
			break
		}
		test.FocusNext(c)
	}
	if c.Focused() != e.u.main.rows[0].action {
		t.Fatalf("Tab never reached the row's Sign in button (at %T)", c.Focused())
	}
	press(c.Focused(), fyne.KeyReturn)
	if e.u.signIns["corp"] == nil {
		t.Error("Enter on the focused row did not sign in")
	}
}

// TestSignInWindowEscapeOnButton presses Esc while a button has the focus,
// where the window's own key handler hears nothing.
func TestSignInWindowEscapeOnButton(t *testing.T) {
	e := newEnv(t)
	w := newTestSignInWindow(t, e)
	var cancelled bool
	w.cancel = func() { cancelled = true }
	w.apply(awaiting(awsPageFull))
	w.win.Canvas().Focus(w.copyBtn)
	press(w.copyBtn, fyne.KeyEscape)
	if !w.closed || !cancelled {
		t.Errorf("after Esc on Copy code: closed %t, cancelled %t; want both", w.closed, cancelled)
	}
}
