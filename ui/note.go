package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// noteKind is what a note under a field says.
type noteKind int

const (
	noteHint  noteKind = iota // what to do; no icon
	noteOK                    // the field is good: a green tick
	noteError                 // what is wrong, in red
)

// note is a line under a field: an icon and wrapped text.
type note struct {
	kind    noteKind
	icon    *widget.Icon
	iconBox *fyne.Container // hidden with the icon, so a hint lines up with the titles
	label   *widget.Label
	box     *fyne.Container
}

func newNote() *note {
	n := &note{
		icon:  widget.NewIcon(nil),
		label: &widget.Label{Wrapping: fyne.TextWrapWord},
	}
	n.iconBox = container.NewCenter(n.icon)
	n.box = container.NewBorder(nil, nil, n.iconBox, nil, n.label)
	n.iconBox.Hide()
	return n
}

// set shows text as kind.
func (n *note) set(kind noteKind, text string) {
	wasHint := n.kind == noteHint
	n.kind = kind
	switch kind {
	case noteOK:
		n.icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		n.label.Importance = widget.MediumImportance
	case noteError:
		n.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
		n.label.Importance = widget.DangerImportance
	default:
		n.label.Importance = widget.MediumImportance
	}
	showIf(n.iconBox, kind != noteHint)
	n.label.SetText(text)
	if wasHint != (kind == noteHint) {
		n.box.Refresh() // showing or hiding the icon does not lay the line out
	}
}
