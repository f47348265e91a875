package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// askDialog asks the person a yes-or-no question over a window, in the
// remove confirmation's look: left-aligned wrapped text at a readable
// width, the focus on the safe answer, Esc for no. Exactly one of the
// answers runs, once: closing the dialog any other way counts as no.
type askDialog struct {
	dlg     *dialog.CustomDialog
	body    *container.Scroll
	text    *widget.Label
	yes, no *keyButton
	done    bool
}

// ask shows question on win with the buttons yesText and noText.
func ask(win fyne.Window, title, question, yesText, noText string, onYes, onNo func()) *askDialog {
	a := &askDialog{text: &widget.Label{Text: question, Wrapping: fyne.TextWrapWord}}
	answer := func(yes bool) {
		if a.done {
			return
		}
		a.done = true
		a.dlg.Hide()
		if yes {
			onYes()
		} else if onNo != nil {
			onNo()
		}
	}
	a.yes = newKeyButton(yesText, nil, widget.HighImportance, func() { answer(true) })
	a.no = newKeyButton(noText, nil, widget.MediumImportance, func() { answer(false) })
	a.yes.onEscape = func() { answer(false) }
	a.no.onEscape = a.yes.onEscape
	a.body = container.NewVScroll(a.text)
	a.dlg = dialog.NewCustomWithoutButtons(title, a.body, win)
	a.dlg.SetButtons([]fyne.CanvasObject{container.NewHBox(layout.NewSpacer(), a.no, a.yes)})
	a.dlg.SetOnClosed(func() { answer(false) })
	a.dlg.Show()
	fitDialog(a.dlg, a.body, a.text, win.Canvas().Size())
	win.Canvas().Focus(a.no)
	return a
}
