package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// maxProblems is how many config problems the main window lists before
// summing up the rest.
const maxProblems = 5

// mainWindow lists every sign-in with its state, a live countdown, a Sign
// in or Sign out button and a "⋯" menu of the rarer actions, under a header
// with "Add a sign-in…".
type mainWindow struct {
	u      *UI
	win    fyne.Window
	themed *container.ThemeOverride // the content, refreshed when rows change; nil until built
	// content is the window's content before it is built. Building it
	// measures text, which parses the fonts (about 17 MB of heap, most of
	// the tray app's memory above a bare Fyne tray app), so a start in the
	// tray alone leaves it until the window is first shown.
	content fyne.CanvasObject
	data    *listData // the last reading, kept for the build when not built
	dataAt  time.Time

	addBtn   *keyButton
	demo     *widget.Label
	message  *widget.Label
	problems *widget.Label
	empty    *fyne.Container
	emptyAdd *keyButton
	list     *fyne.Container
	footer   *widget.Label
	login    *widget.Check // "Start at login", when there is no tray to carry it; nil otherwise
	setting  bool          // the UI is setting login, not the person
	rows     []*listRow
	removal  *removeDialog // the confirmation on screen, nil when none
	asking   *askDialog    // the last question asked over the window; nil before any
}

// listRow is one sign-in in the list.
type listRow struct {
	w      *mainWindow
	status signin.Status
	live   bool // signed in and not yet expired, as of the last update
	shown  bool // the button has been set up once

	name     *widget.Label
	detail   *widget.Label
	state    *widget.Label
	note     *widget.Label // what needs attention: a failing refresh, the keyring; hidden when nothing does
	action   *keyButton    // Sign in or Sign out
	accounts *keyButton    // "Accounts…": shown while signed in, when there is a Roles
	more     *keyButton    // "⋯": the row's menu
	box      fyne.CanvasObject
}

func newMainWindow(u *UI) *mainWindow {
	title := "ssotray"
	if u.opts.Demo {
		title = "ssotray — Demo"
	}
	w := &mainWindow{
		u:   u,
		win: u.app.NewWindow(title),
		demo: &widget.Label{
			Text:       "Demo: signing in to a local test Identity Center, not to AWS",
			Importance: widget.WarningImportance,
			TextStyle:  fyne.TextStyle{Bold: true},
			Wrapping:   fyne.TextWrapWord,
		},
		message:  &widget.Label{Wrapping: fyne.TextWrapWord},
		problems: &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord},
		footer:   &widget.Label{SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapBreak},
		list:     container.NewVBox(),
	}
	add := func() { u.OpenWizard(Prefill{}) }
	w.addBtn = newKeyButton("Add a sign-in…", theme.ContentAddIcon(), widget.MediumImportance, add)
	w.emptyAdd = newKeyButton("Add a sign-in…", theme.ContentAddIcon(), widget.HighImportance, add)
	w.empty = container.NewVBox(
		&widget.Label{Text: "No sign-ins yet", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
		&widget.Label{
			Text:     "Add the AWS access portal your organisation gave you. Your helpdesk can talk you through it.",
			Wrapping: fyne.TextWrapWord,
		},
		container.NewHBox(w.emptyAdd),
		&widget.Label{
			Text:     "Or from a terminal: ssotray add --name corp --start-url https://d-1234567890.awsapps.com/start --region eu-west-1",
			SizeName: theme.SizeNameCaptionText,
			Wrapping: fyne.TextWrapWord,
		},
	)
	if !u.opts.Demo {
		w.demo.Hide()
	}
	w.message.Hide()
	w.problems.Hide()
	w.empty.Hide()

	header := container.NewBorder(nil, nil, nil, w.addBtn, &widget.Label{
		Text: "Sign-ins", TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText,
	})
	top := container.NewVBox(header, w.demo, w.message, w.problems, widget.NewSeparator())
	body := container.NewVScroll(container.NewVBox(w.empty, w.list))
	var bottom fyne.CanvasObject = w.footer
	if u.tray == nil && u.opts.Autostart != nil {
		// The tray menu's check has nowhere to go: the window carries it.
		w.login = widget.NewCheck("Start at login", func(bool) {
			switch {
			case w.setting:
			case u.autostart.busy:
				w.showAutostart(u.autostart.on) // one switch at a time
			default:
				u.toggleAutostart()
			}
		})
		bottom = container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, w.login, w.footer))
	}
	w.content = container.NewBorder(top, bottom, nil, nil, body)
	if !u.opts.Hidden || u.tray == nil {
		w.build()
	}
	w.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && w.removal != nil {
			w.removal.dlg.Hide()
		}
	})
	if u.tray != nil {
		w.win.SetCloseIntercept(u.hideMain)
	} else {
		// The window is the app: closing it quits.
		w.win.SetMaster()
		w.win.SetOnClosed(u.mainClosed)
	}
	return w
}

// build sets the window's content up, once, and shows the last reading in
// it.
func (w *mainWindow) build() {
	if w.themed != nil {
		return
	}
	w.themed = readable(w.content)
	w.win.SetContent(w.themed)
	w.win.Resize(fyne.NewSize(560, 560))
	if w.data != nil {
		w.apply(*w.data, w.dataAt)
	}
}

// built reports whether the content is set up: once the window was shown,
// or from the start unless the app started in the tray alone.
func (w *mainWindow) built() bool { return w.themed != nil }

// showAutostart sets the window's Start at login check, if it has one,
// without switching anything.
func (w *mainWindow) showAutostart(on bool) {
	if w.login == nil {
		return
	}
	w.setting = true
	w.login.SetChecked(on)
	w.setting = false
}

// apply shows one reading of the config and token cache at now.
func (w *mainWindow) apply(d listData, now time.Time) {
	w.data, w.dataAt = &d, now
	if !w.built() {
		return
	}
	w.problems.SetText(problemText(d))
	showIf(w.problems, w.problems.Text != "")

	w.rows = w.rows[:0]
	objs := make([]fyne.CanvasObject, 0, 2*len(d.statuses))
	for i, st := range d.statuses {
		if i > 0 {
			objs = append(objs, widget.NewSeparator())
		}
		r := w.newRow(st)
		r.update(now)
		w.rows = append(w.rows, r)
		objs = append(objs, r.box)
	}
	w.list.Objects = objs
	w.themed.Refresh() // gives the new rows the theme, and refreshes them
	showIf(w.empty, d.err == nil && len(d.statuses) == 0)

	footer := "ssotray"
	if w.u.opts.Version != "" {
		footer += " " + w.u.opts.Version
	}
	footer += " · " + w.u.m.Paths().ConfigFile
	w.footer.SetText(footer)
}

// tick moves every countdown on to now.
func (w *mainWindow) tick(now time.Time) {
	for _, r := range w.rows {
		r.update(now)
	}
}

// setMessage shows the outcome of the last action; bad ones in red.
func (w *mainWindow) setMessage(text string, bad bool) {
	w.message.Importance = widget.MediumImportance
	if bad {
		w.message.Importance = widget.DangerImportance
	}
	w.message.SetText(text)
	showIf(w.message, text != "")
}

func (w *mainWindow) newRow(st signin.Status) *listRow {
	r := &listRow{
		w:      w,
		status: st,
		name:   &widget.Label{Text: st.Name, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapBreak},
		detail: &widget.Label{Text: detailText(st) + w.u.managedText(st.SignIn), SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord},
		state:  &widget.Label{Wrapping: fyne.TextWrapWord},
		note:   &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord},
	}
	in := st.SignIn
	r.action = newKeyButton("", nil, widget.MediumImportance, func() {
		if r.live {
			w.u.signOut(in)
			return
		}
		w.u.signIn(in)
	})
	r.accounts = newKeyButton("Accounts…", theme.ListIcon(), widget.MediumImportance, func() { w.u.OpenAccounts(in.Name) })
	r.accounts.Hide()
	r.more = newKeyButton("", theme.MoreHorizontalIcon(), widget.LowImportance, func() { w.showRowMenu(r) })
	r.box = container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(r.accounts, r.action, r.more)),
		container.NewVBox(r.name, r.detail, r.state, r.note))
	return r
}

// rowMenu is the row's "⋯" menu: Copy diagnostics, Sign out when the
// button offers Sign in but a token file is left, the switch to the other
// home for the secrets, and Remove….
func (w *mainWindow) rowMenu(r *listRow) *fyne.Menu {
	st := r.status
	items := []*fyne.MenuItem{
		fyne.NewMenuItemWithIcon("Copy diagnostics", theme.ContentCopyIcon(), func() { w.u.copyDiagnostics(st) }),
	}
	if !r.live && st.State != signin.SignedOut {
		items = append(items, fyne.NewMenuItemWithIcon("Sign out", theme.LogoutIcon(), func() { w.u.signOut(st.SignIn) }))
	}
	switch {
	case w.u.secretsLocked(st.SignIn):
	case st.SecretMode == storage.SecretsKeyring:
		items = append(items, fyne.NewMenuItemWithIcon(textToCLI, theme.DocumentIcon(), func() { w.u.moveSecrets(st, storage.SecretsCLI) }))
	case st.SecretMode == storage.SecretsCLI:
		items = append(items, fyne.NewMenuItemWithIcon(textToKeyring, theme.VisibilityOffIcon(), func() { w.u.moveSecrets(st, storage.SecretsKeyring) }))
	}
	items = append(items,
		fyne.NewMenuItemSeparator(),
		w.u.removeItem(st),
	)
	return fyne.NewMenu("", items...)
}

// showRowMenu pops the row's menu up under its "⋯" button, right-aligned
// with it so it stays inside the window.
func (w *mainWindow) showRowMenu(r *listRow) {
	m := widget.NewPopUpMenu(w.rowMenu(r), w.win.Canvas())
	m.ShowAtRelativePosition(fyne.NewPos(r.more.Size().Width-m.MinSize().Width, r.more.Size().Height), r.more)
}

// update shows the row's state at now, switching the button between Sign
// in and Sign out when the token runs out.
func (r *listRow) update(now time.Time) {
	st := r.status
	left := st.Remaining(now)
	live := st.State == signin.SignedIn && left > 0
	switch {
	case live:
		r.state.Importance = widget.SuccessImportance
		r.state.Text = "Signed in · " + signin.FormatRemaining(left) + " left"
		if at, ok := r.w.u.refreshed[st.Name]; ok {
			r.state.Text += " · refreshed " + formatClock(at, now)
		}
	case st.State == signin.SignedIn || st.State == signin.Expired:
		r.state.Importance = widget.WarningImportance
		r.state.Text = "Expired — sign in again"
	case st.State == signin.Unreadable:
		r.state.Importance = widget.DangerImportance
		r.state.Text = "Token cache unreadable"
		if st.Problem != nil {
			r.state.Text += ": " + st.Problem.Error()
		}
	default:
		// Not LowImportance: its disabled grey is unreadable on dark.
		r.state.Importance = widget.MediumImportance
		r.state.Text = "Signed out"
	}
	r.state.Refresh()
	note := r.noteText()
	if note != r.note.Text || r.note.Visible() != (note != "") {
		r.note.SetText(note)
		showIf(r.note, note != "")
	}
	if r.shown && live == r.live {
		return
	}
	r.shown, r.live = true, live
	showIf(r.accounts, live && r.w.u.opts.Roles != nil)
	if live {
		r.action.SetText("Sign out")
		r.action.Importance = widget.MediumImportance
	} else {
		r.action.SetText("Sign in")
		r.action.Importance = widget.HighImportance
	}
	r.action.Refresh()
}

// noteText is what needs the person's attention about the row's sign-in:
// a failing background refresh, a keyring that cannot be used. "" when
// nothing does.
func (r *listRow) noteText() string {
	st := r.status
	var lines []string
	if f, ok := r.w.u.failing[st.Name]; ok && f.expiresAt.Equal(st.ExpiresAt) && st.State == signin.SignedIn {
		lines = append(lines, "Refresh failing: "+f.err.Error())
	}
	if p := secretsProblemText(st); p != "" {
		lines = append(lines, p)
	}
	return strings.Join(lines, "\n")
}

// detailText is a row's second line: where the sign-in goes, which
// profiles use it, and "keyring" when its secrets live there.
func detailText(st signin.Status) string {
	s := st.StartURL + " (" + st.Region + ")"
	if len(st.Profiles) > 0 {
		s += " · profiles: " + strings.Join(st.Profiles, ", ")
	}
	if st.SecretMode == storage.SecretsKeyring {
		s += " · keyring"
	}
	return s
}

// problemText says what is wrong with the config, if anything.
func problemText(d listData) string {
	if d.err != nil {
		return "Cannot read your AWS config: " + d.err.Error()
	}
	if len(d.problems) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("Some of your AWS config was skipped:")
	for i, p := range d.problems {
		if i == maxProblems {
			fmt.Fprintf(&b, "\n…and %d more", len(d.problems)-maxProblems)
			break
		}
		b.WriteString("\n• " + p.Error())
	}
	return b.String()
}

// showIf shows o when show holds and hides it otherwise.
func showIf(o fyne.CanvasObject, show bool) {
	if show {
		o.Show()
		return
	}
	o.Hide()
}
