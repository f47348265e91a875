package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/accounts"
)

// accountRow is one line of the accounts view's list: an account's header
// (its name, ID and e-mail) or one of its roles. The list is flat so that
// widget.List draws only the lines on screen, whatever the count.
type accountRow struct {
	account *accounts.Account // the account; shared by its header and roles
	role    string            // "" on the account's header
}

// isRole reports whether the row is a role rather than a header.
func (r accountRow) isRole() bool { return r.role != "" }

// target is the role the row acts on.
func (r accountRow) target() accounts.Role {
	return accounts.Role{AccountID: r.account.ID, AccountName: r.account.Name, RoleName: r.role}
}

// flattenAccounts gives each account a header row followed by a row per
// role.
func flattenAccounts(accs []accounts.Account) []accountRow {
	n := len(accs)
	for i := range accs {
		n += len(accs[i].Roles)
	}
	rows := make([]accountRow, 0, n)
	for i := range accs {
		a := &accs[i]
		rows = append(rows, accountRow{account: a})
		for _, r := range a.Roles {
			rows = append(rows, accountRow{account: a, role: r})
		}
	}
	return rows
}

// accountMeta is a header's second part: "111122223333 · ops@example.com".
func accountMeta(a *accounts.Account) string {
	s := a.ID
	if a.Email != "" {
		s += " · " + a.Email
	}
	if len(a.Roles) == 0 {
		s += " · no roles"
	}
	return s
}

// rowActions are what a role row's buttons do.
type rowActions struct {
	console func(accounts.Role)
	copy    func(accounts.Role)
	menu    func(accounts.Role, fyne.CanvasObject) // the "⋯" menu, shown under the button
	pinned  func(accounts.Role) bool
}

// rowView draws an accountRow; widget.List reuses a few of them for the
// lines on screen. Headers and roles share one template, so every line has
// the same height and the list needs no per-item sizes.
type rowView struct {
	widget.BaseWidget
	act rowActions
	row accountRow

	header  *fyne.Container
	name    *widget.Label
	meta    *widget.Label
	roleBox *fyne.Container
	roleEnd *fyne.Container // the role's name and its pin marker
	role    *widget.Label
	pin     *widget.Label
	console *widget.Button
	copy    *widget.Button
	more    *widget.Button
}

func newRowView(act rowActions) *rowView {
	v := &rowView{
		act:  act,
		name: &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis},
		meta: &widget.Label{SizeName: theme.SizeNameCaptionText},
		role: &widget.Label{Truncation: fyne.TextTruncateEllipsis},
		pin:  &widget.Label{Text: "pinned to the tray", SizeName: theme.SizeNameCaptionText, Importance: widget.SuccessImportance},
	}
	v.console = &widget.Button{Text: "Open console", Icon: theme.ComputerIcon(),
		OnTapped: func() { v.act.console(v.row.target()) }}
	v.copy = &widget.Button{Text: "Copy credentials", Icon: theme.ContentCopyIcon(), Importance: widget.LowImportance,
		OnTapped: func() { v.act.copy(v.row.target()) }}
	v.more = &widget.Button{Icon: theme.MoreHorizontalIcon(), Importance: widget.LowImportance,
		OnTapped: func() { v.act.menu(v.row.target(), v.more) }}
	v.header = container.NewBorder(nil, nil, nil, v.meta, v.name)
	indent := container.NewPadded() // a theme padding's worth, so roles sit under their account
	v.roleEnd = container.NewBorder(nil, nil, nil, v.pin, v.role)
	v.roleBox = container.NewBorder(nil, nil, indent, container.NewHBox(v.console, v.copy, v.more), v.roleEnd)
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer draws the header or the role, whichever the row is.
func (v *rowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(v.header, v.roleBox))
}

// set shows row r. Only what changed is refreshed, and the containers are
// laid out again rather than refreshed: a refresh would redraw every
// button of every line on each key press in the search.
func (v *rowView) set(r accountRow) {
	v.row = r
	if !r.isRole() {
		setText(v.name, r.account.Name)
		setText(v.meta, accountMeta(r.account))
		v.roleBox.Hide()
		v.header.Show()
		relayout(v.header) // the ID and e-mail's width changed
		return
	}
	setText(v.role, r.role)
	pinned := v.act.pinned(r.target())
	v.header.Hide()
	v.roleBox.Show()
	if pinned != v.pin.Visible() {
		showIf(v.pin, pinned)
		relayout(v.roleEnd)
	}
}

// setText sets l's text when it differs.
func setText(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// relayout lays c out again at its size.
func relayout(c *fyne.Container) {
	if c.Layout != nil {
		c.Layout.Layout(c.Objects, c.Size())
	}
}
