package ui

import (
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/storage"
)

// regionRows is how many Regions the list shows at once; the half row shows
// that it scrolls.
const regionRows = 3.5

// Words the wizard shows.
const (
	textURLHint    = "Your helpdesk gives you this address, or copy it from your AWS access portal."
	textRegionHint = "Your helpdesk tells you the Region. Search by code or place, then pick it."
	textNameHint   = "A short name you will recognise; ssotray suggests one from the address."
)

// Prefill is what the wizard opens with: the values of `ssotray add --name
// … --start-url … --region …`, or of a message a second instance forwards.
// Each is shown and checked like typed text and left for the person to
// confirm: nothing is ever submitted for them. Empty fields stay empty.
type Prefill struct {
	// Name is the sign-in's name, the [sso-session NAME].
	Name string
	// StartURL is the AWS access portal URL.
	StartURL string
	// Region is the IAM Identity Center Region.
	Region string
	// Problem is why an ssotray:// link could not be used; the wizard
	// shows it above the steps, which the link then leaves as they were.
	Problem string
}

// OpenWizard opens the "Add a sign-in" wizard with p's values filled in, or
// brings the open one forward and fills p's non-empty values into it. It
// must run on Fyne's UI goroutine (inside fyne.Do from another goroutine);
// before the app runs is fine too.
func (u *UI) OpenWizard(p Prefill) {
	fresh := u.wizard == nil
	if fresh {
		u.wizard = newWizard(u)
	}
	w := u.wizard
	w.win.Show()
	w.prefill(p)
	w.win.RequestFocus()
	if fresh || u.cfg == nil {
		// The monitor's snapshots carry no config: read it for the
		// name-in-use check, which then follows what others wrote.
		u.reloadSoon()
	}
}

// wizard is the guided "Add a sign-in" window: three numbered steps (the
// portal address, its Region, a name), each checked as it is typed, then
// "Add and sign in", which writes the [sso-session] and opens the sign-in
// window for it.
type wizard struct {
	u   *UI
	win fyne.Window

	urlEntry      *keyEntry
	urlNote       *note
	existing      *existingPortal // a sign-in that already uses the portal
	regionFound   *note           // the Region read from the address
	regionPick    *fyne.Container
	regionEntry   *keyEntry
	regionList    *widget.List
	regionListBox *fyne.Container // the list at its fixed height; hidden once a Region is chosen
	regionNote    *note
	matches       []string // the Regions the list shows
	nameEntry     *keyEntry
	nameNote      *note
	mode          *widget.RadioGroup // where the refresh token is kept
	modeNote      *widget.Label
	addBtn        *keyButton
	cancelBtn     *keyButton
	failure       *widget.Label // why the last "Add" did not work
	linkProblem   *linkProblem  // why the link that opened the wizard could not be used
	steps         *fyne.Container
	asking        *askDialog      // the keyring question; nil before any
	pending       *storage.SignIn // added, waiting for the answer to the keyring question

	check      wizardCheck         // the latest check of the fields
	followed   map[string]followed // company addresses followed to the portal
	following  string              // the address being followed, if any
	nameEdited bool                // the person typed or was given a name: suggest no more
	suggesting bool                // the wizard itself is setting the name
	busy       bool                // an Add is in flight
	closed     bool
}

// newWizard builds the wizard window; OpenWizard shows it.
func newWizard(u *UI) *wizard {
	title := "Add a sign-in"
	if u.opts.Demo {
		title += " — Demo"
	}
	w := &wizard{
		u:           u,
		win:         u.app.NewWindow(title),
		followed:    map[string]followed{},
		urlEntry:    newKeyEntry("https://d-xxxxxxxxxx.awsapps.com/start"),
		urlNote:     newNote(),
		regionFound: newNote(),
		regionEntry: newKeyEntry("Search: eu-west-1, Ireland, Tokyo…"),
		regionNote:  newNote(),
		nameEntry:   newKeyEntry("for example work"),
		nameNote:    newNote(),
		failure:     &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord},
		matches:     storage.KnownRegions(),
	}
	w.existing = newExistingPortal(w.useExisting)
	w.linkProblem = newLinkProblem()
	w.addBtn = newKeyButton("Add and sign in", theme.LoginIcon(), widget.HighImportance, w.submit)
	w.cancelBtn = newKeyButton("Cancel", nil, widget.MediumImportance, w.win.Close)
	for _, e := range []*keyEntry{w.urlEntry, w.regionEntry, w.nameEntry} {
		e.onEscape = w.win.Close
	}
	for _, b := range []*keyButton{w.addBtn, w.cancelBtn} {
		b.onEscape = w.win.Close
	}
	w.urlEntry.OnChanged = func(string) { w.validate() }
	w.urlEntry.OnSubmitted = func(string) { w.submit() }
	w.regionEntry.OnChanged = func(string) { w.validate() }
	w.regionEntry.OnSubmitted = func(string) { w.submitRegion() }
	w.nameEntry.OnChanged = func(string) {
		if !w.suggesting {
			w.nameEdited = true
		}
		w.validate()
	}
	w.nameEntry.OnSubmitted = func(string) { w.submit() }
	w.nameEntry.selectOnFocus = func() bool { return !w.nameEdited } // a suggestion is replaced by typing

	w.regionList = widget.NewList(
		func() int { return len(w.matches) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(w.matches) {
				o.(*widget.Label).SetText(regionLabel(w.matches[id]))
			}
		},
	)
	w.regionList.OnSelected = func(id widget.ListItemID) {
		w.regionList.UnselectAll()
		if id < len(w.matches) {
			w.regionEntry.SetText(w.matches[id])
			w.win.Canvas().Focus(w.nameEntry)
		}
	}
	rowHeight := (&widget.Label{Text: "eu-west-1"}).MinSize().Height + theme.SeparatorThicknessSize()
	listSize := canvas.NewRectangle(color.Transparent)
	listSize.SetMinSize(fyne.NewSize(0, rowHeight*regionRows))
	w.regionListBox = container.NewStack(listSize, w.regionList)
	w.regionPick = container.NewVBox(w.regionEntry, w.regionListBox, w.regionNote.box)
	w.modeNote = &widget.Label{SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord}
	w.mode = widget.NewRadioGroup([]string{textModeCLI, textModeKeyring}, func(string) { w.showMode() })
	w.mode.Required = true
	w.mode.SetSelected(textModeCLI)
	w.applySecretsPolicy()

	demo := &widget.Label{
		Text:       "Demo: sign-ins added here go to the demo's throw-away config",
		Importance: widget.WarningImportance,
		TextStyle:  fyne.TextStyle{Bold: true},
		Wrapping:   fyne.TextWrapWord,
	}
	showIf(demo, u.opts.Demo)
	steps := container.NewVBox(
		demo,
		&widget.Label{
			Text:      "Add an AWS sign-in",
			TextStyle: fyne.TextStyle{Bold: true},
			SizeName:  theme.SizeNameHeadingText,
			Wrapping:  fyne.TextWrapWord,
		},
		&widget.Label{
			Text:     "Three steps. If your helpdesk is on the phone, they can read each one out to you.",
			Wrapping: fyne.TextWrapWord,
		},
		w.linkProblem.box,
		stepTitle("1. Paste your AWS access portal URL"),
		w.urlEntry,
		w.urlNote.box,
		w.existing.box,
		stepTitle("2. Region"),
		w.regionFound.box,
		w.regionPick,
		stepTitle("3. Name"),
		w.nameEntry,
		w.nameNote.box,
		widget.NewSeparator(),
		&widget.Label{Text: textModeTitle, TextStyle: fyne.TextStyle{Bold: true}},
		w.mode,
		w.modeNote,
	)
	w.steps = steps
	buttons := container.NewHBox(layout.NewSpacer(), w.cancelBtn, w.addBtn)
	w.failure.Hide()
	w.win.SetContent(readable(container.NewBorder(nil,
		container.NewVBox(widget.NewSeparator(), w.failure, buttons), nil, nil,
		container.NewVScroll(steps))))
	w.win.Resize(fyne.NewSize(560, 720))
	w.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			w.win.Close()
		case fyne.KeyReturn, fyne.KeyEnter:
			w.submit()
		}
	})
	w.win.SetOnClosed(w.onClosed)
	w.validate()
	return w
}

// prefill puts p's non-empty values into the fields and focuses the first
// one that needs the person, or the Add button when none does.
func (w *wizard) prefill(p Prefill) {
	if w.linkProblem.show(p.Problem) {
		w.steps.Refresh()
	}
	if p.StartURL != "" {
		w.urlEntry.SetText(strings.TrimSpace(p.StartURL))
	}
	if p.Region != "" {
		w.regionEntry.SetText(strings.TrimSpace(p.Region))
	}
	if p.Name != "" {
		w.nameEdited = true // a given name counts as the person's choice
		w.nameEntry.SetText(strings.TrimSpace(p.Name))
	}
	w.validate()
	c := w.check
	var focus fyne.Focusable
	switch {
	case c.urlErr != nil:
		focus = w.urlEntry
	case c.regionErr != nil:
		focus = w.regionEntry
	case c.nameErr != nil:
		focus = w.nameEntry
	default:
		focus = w.addBtn
	}
	w.win.Canvas().Focus(focus)
}

// validate checks the fields, suggests a name while the person has not
// chosen one, and shows the outcome under each field.
func (w *wizard) validate() {
	if w.busy {
		// An Add is in flight, or waits for the keyring question: the
		// fields stay as they were submitted, even though the config now
		// holds the name.
		return
	}
	inUse := w.u.nameInUse
	c := checkWizard(w.urlEntry.Text, w.regionEntry.Text, w.nameEntry.Text, inUse, w.portalOf)
	if c.urlErr == nil && !w.nameEdited {
		if name := suggestName(c.startURL, inUse); name != w.nameEntry.Text {
			w.suggesting = true
			w.nameEntry.SetText(name)
			w.suggesting = false
			c = checkWizard(w.urlEntry.Text, w.regionEntry.Text, name, inUse, w.portalOf)
		}
	}
	if errors.Is(c.urlErr, errFollowing) {
		w.follow(c.startURL.URL)
	}
	w.check = c
	shown := w.shownParts()
	w.showURL(c)
	w.showRegion(c)
	w.showName(c)
	if w.shownParts() != shown {
		// Showing or hiding a container does not lay out its parent.
		w.steps.Refresh()
	}
	if c.ok() && !w.busy {
		w.addBtn.Enable()
	} else {
		w.addBtn.Disable()
	}
}

// shownParts records which of the parts that come and go are showing.
func (w *wizard) shownParts() [4]bool {
	return [4]bool{w.regionFound.box.Visible(), w.regionPick.Visible(), w.regionListBox.Visible(), w.existing.box.Visible()}
}

func (w *wizard) showURL(c wizardCheck) {
	switch {
	case strings.TrimSpace(w.urlEntry.Text) == "":
		w.urlNote.set(noteHint, textURLHint)
	case errors.Is(c.urlErr, errFollowing):
		w.urlNote.set(noteHint, "Checking where "+c.startURL.Host+" leads…")
	case c.urlErr != nil:
		w.urlNote.set(noteError, sentence(c.urlErr.Error()))
	case c.portal.URL != "":
		w.urlNote.set(noteOK, "Your company's address for the AWS access portal at "+hostOf(c.portal.URL))
	default:
		text := "An AWS access portal at " + c.startURL.Host
		if c.startURL.Cleaned != "" {
			// Pasted from the address bar: say what will be saved.
			text += ". Saved as " + c.startURL.URL + ", without the page's #/ part"
		}
		w.urlNote.set(noteOK, text)
	}
	in, found := w.u.signInForPortal(c.startURL.URL)
	w.existing.show(in, found && c.urlErr == nil)
}

func (w *wizard) showRegion(c wizardCheck) {
	showIf(w.regionFound.box, c.regionFromURL)
	showIf(w.regionPick, !c.regionFromURL)
	if c.regionFromURL {
		text := regionLabel(c.region) + ", read from the address: nothing to choose"
		if given := strings.TrimSpace(w.regionEntry.Text); given != "" && given != c.region {
			text += fmt.Sprintf(" (the address wins over the Region you were given, %s)", given)
		}
		w.regionFound.set(noteOK, text)
		return
	}
	// Once a Region is chosen the list has done its job; editing the
	// field brings it back.
	showIf(w.regionListBox, c.regionErr != nil)
	matches := filterRegions(w.regionEntry.Text)
	if !slices.Equal(matches, w.matches) {
		w.matches = matches
		w.regionList.Refresh()
		w.regionList.ScrollToTop()
	}
	switch {
	case strings.TrimSpace(w.regionEntry.Text) == "":
		w.regionNote.set(noteHint, textRegionHint)
	case c.regionErr == nil:
		w.regionNote.set(noteOK, regionLabel(c.region))
	case len(matches) == 1:
		w.regionNote.set(noteHint, "Press Enter or click "+matches[0]+" in the list to choose it.")
	case len(matches) > 1:
		w.regionNote.set(noteHint, fmt.Sprintf("%d Regions match: pick one from the list.", len(matches)))
	default:
		w.regionNote.set(noteError, sentence(c.regionErr.Error()))
	}
}

func (w *wizard) showName(c wizardCheck) {
	switch {
	case c.name == "" && !w.nameEdited:
		w.nameNote.set(noteHint, textNameHint)
	case c.nameErr != nil:
		w.nameNote.set(noteError, sentence(c.nameErr.Error()))
	default:
		w.nameNote.set(noteOK, c.name+" is free to use")
	}
}

// secretMode is the mode chosen for the refresh token.
func (w *wizard) secretMode() storage.SecretMode {
	if w.mode.Selected == textModeKeyring {
		return storage.SecretsKeyring
	}
	return storage.SecretsCLI
}

// showMode explains the chosen mode.
func (w *wizard) showMode() {
	if w.secretMode() == storage.SecretsKeyring {
		w.modeNote.SetText("Only ssotray can refresh the session; the AWS CLI and SDKs still use its access token.")
		return
	}
	w.modeNote.SetText("The AWS CLI and SDKs can refresh the session too, as with aws sso login.")
}

// submitRegion is Enter in the Region field: it picks the only match, or
// submits when the Region is already good.
func (w *wizard) submitRegion() {
	if w.check.regionErr != nil && len(w.matches) == 1 {
		w.regionEntry.SetText(w.matches[0])
		w.win.Canvas().Focus(w.nameEntry)
		return
	}
	w.submit()
}

// onClosed forgets the wizard, so the next OpenWizard starts afresh.
// Closing it while the keyring question is up answers no.
func (w *wizard) onClosed() {
	w.closed = true
	if w.u.wizard == w {
		w.u.wizard = nil
	}
	w.fallback(false)
}

// stepTitle is a numbered step in large type, to be read out on the phone.
func stepTitle(text string) *widget.Label {
	return &widget.Label{
		Text:      text,
		TextStyle: fyne.TextStyle{Bold: true},
		SizeName:  theme.SizeNameSubHeadingText,
		Wrapping:  fyne.TextWrapWord,
	}
}

// sentence starts s with a capital letter, for storage's lower-case error
// messages shown on their own. No full stop is added: many end in an
// address, which a stop would seem to be part of.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
