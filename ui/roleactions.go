package ui

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/credexport"
)

// The actions on one role of the accounts view: open the console (through
// the federation endpoint or the access portal), copy credentials, add a
// profile, pin to the tray, and the "⋯" menu that offers them.

// action runs fn on a goroutine with the spinner turning and doing shown,
// then shows done's message, or the error.
func (w *accountsWindow) action(doing, failed string, fn func(ctx context.Context) (done func() string, err error)) {
	w.busy++
	w.setMessage(doing, false)
	w.show()
	ctx := w.ctx
	w.u.goTask(func() {
		done, err := fn(ctx)
		w.u.do(func() {
			w.busy--
			if w.closed {
				return
			}
			if err != nil {
				w.showError(failed, err)
			} else {
				w.setMessage(done(), false)
			}
			w.show()
		})
	})
}

// openConsole opens the AWS console as r in the browser. The URL signs
// whoever holds it in: it is never shown or logged, and errors about it
// do not quote it.
func (w *accountsWindow) openConsole(r accounts.Role) {
	roles, name, open := w.u.opts.Roles, w.name, w.u.opts.OpenURL
	w.action("Opening the console as "+roleText(r)+"…", "Could not open the console", func(ctx context.Context) (func() string, error) {
		if err := openConsole(ctx, roles, name, r, open); err != nil {
			return nil, err
		}
		w.touch(r)
		return func() string { return "Opened the console as " + roleText(r) + " in your browser." }, nil
	})
}

// openThroughPortal opens the console as r through the access portal's
// shortcut link, for people who prefer that no credentials pass through
// ssotray; the portal may ask them to sign in in the browser.
func (w *accountsWindow) openThroughPortal(r accounts.Role) {
	roles, name, open := w.u.opts.Roles, w.name, w.u.opts.OpenURL
	w.action("Opening the access portal for "+roleText(r)+"…", "Could not open the access portal", func(ctx context.Context) (func() string, error) {
		link, err := roles.PortalURL(name, r, "")
		if err == nil {
			err = openURL(link, open)
		}
		if err != nil {
			return nil, err
		}
		w.touch(r)
		return func() string { return "Opened the access portal for " + roleText(r) + " in your browser." }, nil
	})
}

// openConsole gets a console sign-in URL for r and opens it with open.
// The URL is never shown or logged, and the errors made here do not quote
// it (url.Parse's would).
func openConsole(ctx context.Context, roles Roles, name string, r accounts.Role, open func(*url.URL) error) error {
	raw, err := roles.ConsoleURL(ctx, name, r, "")
	if err != nil {
		return err
	}
	return openURL(raw, open)
}

// openURL opens raw, a web address, with open, in words that never quote
// it.
func openURL(raw string, open func(*url.URL) error) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return errors.New("the console address is not a web address")
	}
	if err := open(u); err != nil {
		return errors.New("no web browser could be started")
	}
	return nil
}

// copyCredentials copies r's credentials in format to the clipboard, and
// clears them after clipboardClearAfter if they are still there.
func (w *accountsWindow) copyCredentials(r accounts.Role, format string) {
	roles, name := w.u.opts.Roles, w.name
	w.action("Getting credentials for "+roleText(r)+"…", "Could not copy the credentials", func(ctx context.Context) (func() string, error) {
		c, err := roles.RoleCredentials(ctx, name, r)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		if err := credexport.Write(&b, c, format); err != nil {
			return nil, err
		}
		w.touch(r)
		text := b.String()
		return func() string {
			w.u.copySecret(text, func() {
				if !w.closed && w.message.Text == textCopied {
					w.setMessage(textCopyCleared, false)
				}
			})
			return textCopied
		}, nil
	})
}

// addProfile writes a [profile] for r to ~/.aws/config.
func (w *accountsWindow) addProfile(r accounts.Role) {
	roles, name := w.u.opts.Roles, w.name
	w.action("Adding a profile for "+roleText(r)+"…", "Could not add a profile", func(context.Context) (func() string, error) {
		profile, err := roles.AddProfile(name, r)
		if err != nil {
			return nil, err
		}
		w.touch(r)
		return func() string {
			return "Added the profile “" + profile + "” to ~/.aws/config: use it with --profile " + profile + "."
		}, nil
	})
}

// setPinned pins r to the tray's quick roles, or unpins it.
func (w *accountsWindow) setPinned(r accounts.Role, pin bool) {
	roles, name := w.u.opts.Roles, w.name
	doing, failed := "Pinning "+roleText(r)+" to the tray…", "Could not pin the role"
	if !pin {
		doing, failed = "Unpinning "+roleText(r)+"…", "Could not unpin the role"
	}
	w.action(doing, failed, func(context.Context) (func() string, error) {
		if err := roles.PinRole(name, r, pin); err != nil {
			return nil, err
		}
		pinned := readPinned(roles, name)
		w.u.quickRolesChanged()
		return func() string {
			w.pinned = pinned
			w.list.Refresh()
			if pin {
				return "Pinned " + roleText(r) + " to the tray menu."
			}
			return "Unpinned " + roleText(r) + " from the tray menu."
		}, nil
	})
}

// touch records a use of r, for the tray's quick roles. It does I/O: it
// runs on an action's goroutine. A use that cannot be recorded is no
// reason to fail the action.
func (w *accountsWindow) touch(r accounts.Role) {
	if err := w.u.opts.Roles.TouchRole(w.name, r); err == nil {
		w.u.quickRolesChanged()
	}
}

// roleMenu is a role's "⋯" menu: copy in each format, Add profile, Pin.
func (w *accountsWindow) roleMenu(r accounts.Role) *fyne.Menu {
	var items []*fyne.MenuItem
	for _, f := range credFormats {
		format := f.id
		items = append(items, fyne.NewMenuItemWithIcon("Copy credentials for "+f.label, theme.ContentCopyIcon(),
			func() { w.copyCredentials(r, format) }))
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItemWithIcon("Open console through the access portal", theme.ComputerIcon(), func() { w.openThroughPortal(r) }),
		fyne.NewMenuItemWithIcon("Add profile to ~/.aws/config", theme.DocumentCreateIcon(), func() { w.addProfile(r) }))
	if w.pinned[r] {
		items = append(items, fyne.NewMenuItemWithIcon("Unpin from the tray menu", theme.CancelIcon(), func() { w.setPinned(r, false) }))
	} else {
		items = append(items, fyne.NewMenuItemWithIcon("Pin to the tray menu", theme.ConfirmIcon(), func() { w.setPinned(r, true) }))
	}
	return fyne.NewMenu("", items...)
}

// showRoleMenu pops r's menu up under its "⋯" button, right-aligned with
// it so it stays inside the window.
func (w *accountsWindow) showRoleMenu(r accounts.Role, under fyne.CanvasObject) {
	m := widget.NewPopUpMenu(w.roleMenu(r), w.win.Canvas())
	m.ShowAtRelativePosition(fyne.NewPos(under.Size().Width-m.MinSize().Width, under.Size().Height), under)
}
