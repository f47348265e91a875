package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// textLinkAdvice follows a link's problem: what the person does now.
const textLinkAdvice = "Nothing was added. Ask your helpdesk for a new link, or fill in the steps below with the details they give you."

// linkProblem is the wizard's notice that the ssotray:// link which opened
// it could not be used, and why. It is hidden for the wizard opened any
// other way, and for a later link that was good.
type linkProblem struct {
	box  *fyne.Container
	text *widget.Label
}

func newLinkProblem() *linkProblem {
	p := &linkProblem{text: &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}}
	p.box = container.NewVBox(
		&widget.Label{Text: "This link could not be used", TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.DangerImportance},
		p.text,
		&widget.Label{Text: textLinkAdvice, Wrapping: fyne.TextWrapWord},
	)
	p.box.Hide()
	return p
}

// show shows problem, or hides the notice when it is empty, and reports
// whether the notice came or went.
func (p *linkProblem) show(problem string) (changed bool) {
	was := p.box.Visible()
	if problem == "" {
		p.box.Hide()
		return was
	}
	p.text.SetText(sentence(problem)) // no stop: it may end in an address
	p.box.Show()
	return !was
}
