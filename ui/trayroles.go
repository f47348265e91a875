package ui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/signin"
)

// maxQuickRoles is how many roles the tray offers per sign-in: a handful,
// never one per account.
const maxQuickRoles = 5

// textAllAccounts is the tray item that opens a sign-in's accounts view.
const textAllAccounts = "All accounts…"

// quickRoleItems are the tray items of a live sign-in's quick roles, each
// "Account — Role" opening the console, then "All accounts…".
func quickRoleItems(name string, quick []accounts.QuickRole, act menuActions) []*fyne.MenuItem {
	if len(quick) > maxQuickRoles {
		quick = quick[:maxQuickRoles]
	}
	items := make([]*fyne.MenuItem, 0, len(quick)+1)
	for _, q := range quick {
		r := q.Role
		items = append(items, fyne.NewMenuItem(roleText(r), func() { act.OpenConsole(name, r) }))
	}
	return append(items, fyne.NewMenuItem(textAllAccounts, func() { act.AllAccounts(name) }))
}

// quickKey sums up what the quick roles' items act on, for menuKey: two
// accounts may share a name.
func quickKey(quick map[string][]accounts.QuickRole) string {
	names := make([]string, 0, len(quick))
	for name := range quick {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		for _, q := range quick[name] {
			fmt.Fprintf(&b, "%q %q %q\n", name, q.AccountID, q.RoleName)
		}
	}
	return b.String()
}

// accountsFollow hands a new reading of the sign-ins to the open accounts
// views, and reads the quick roles of the live sign-ins again.
func (u *UI) accountsFollow(d listData) {
	if u.opts.Roles == nil {
		return
	}
	now := u.now()
	for _, st := range d.statuses {
		if w, ok := u.accountsWins[st.Name]; ok {
			w.signInChanged(st, now)
		}
	}
	u.loadQuickRoles()
}

// quickRolesChanged is loadQuickRoles for goroutines: after a role was
// used or pinned.
func (u *UI) quickRolesChanged() {
	if u.opts.Roles == nil || u.tray == nil || u.ctx.Err() != nil {
		return
	}
	u.do(u.loadQuickRoles)
}

// loadQuickRoles reads the quick roles of every live sign-in in the
// background and redraws the tray menu with them. The tray is rebuilt on
// every snapshot and every minute, so it never reads them itself: that is
// file I/O.
func (u *UI) loadQuickRoles() {
	if u.opts.Roles == nil || u.tray == nil || u.ctx.Err() != nil {
		return
	}
	{
		now := u.now()
		var names []string
		for _, st := range u.list.statuses {
			if st.State == signin.SignedIn && st.Remaining(now) > 0 {
				names = append(names, st.Name)
			}
		}
		roles := u.opts.Roles
		u.goTask(func() {
			quick := make(map[string][]accounts.QuickRole, len(names))
			for _, name := range names {
				if q, err := roles.QuickRoles(name, maxQuickRoles); err == nil && len(q) > 0 {
					quick[name] = q
				}
			}
			u.do(func() {
				u.quick = quick
				u.renderTray()
			})
		})
	}
}

// openConsole opens the console as r from the tray. What goes wrong shows
// in the sign-in's accounts view, which offers Sign in when it has ended.
func (u *UI) openConsole(name string, r accounts.Role) {
	roles, open := u.opts.Roles, u.opts.OpenURL
	u.goTask(func() {
		err := openConsole(u.ctx, roles, name, r, open)
		if err == nil {
			if roles.TouchRole(name, r) == nil {
				u.quickRolesChanged()
			}
			return
		}
		u.do(func() {
			if w := u.accountsFor(name); w != nil {
				w.showError("Could not open the console as "+roleText(r), err)
			}
		})
	})
}
