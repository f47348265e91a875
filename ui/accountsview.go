package ui

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

const (
	// accountsFreshFor is how old a list on disk may be before opening the
	// view lists the accounts again by itself; Refresh always does.
	accountsFreshFor = 15 * time.Minute
	// pinnedLimit is how many quick roles the view reads to know which
	// roles are pinned (pinned roles come first).
	pinnedLimit = 100
	// ageEvery is how often the "Updated 3 h ago" line is redrawn.
	ageEvery = time.Minute
)

// Words the accounts view shows.
const (
	textSignedOut   = "Signed out — sign in again to see the accounts and use their roles."
	textSearchHint  = "Search by account name, ID, e-mail or role"
	textNoAccounts  = "No accounts listed yet."
	textListing     = "Listing accounts…"
	textThrottled   = " · the portal asked ssotray to slow down, so this takes a little longer"
	textCopied      = "Credentials copied; cleared from the clipboard in 30 s"
	textCopyCleared = "Credentials cleared from the clipboard."
)

// accountsWindow is the accounts view of one sign-in ("Accounts — corp"):
// every account with its roles from the list on disk, refreshed in the
// background, a search that filters as the person types, and for each role
// Open console, Copy credentials, Add profile and Pin. Every call to Roles
// runs on a goroutine while a spinner turns; results come back through
// u.do.
type accountsWindow struct {
	u    *UI
	name string
	win  fyne.Window

	search     *keyEntry
	refreshBtn *widget.Button
	activity   *widget.Activity
	status     *widget.Label // "Updated 3 h ago · 1,000 accounts, 2,500 roles"
	progress   *widget.Label // "Listing accounts… 420 of 1,000", while listing
	signedOut  *fyne.Container
	signInBtn  *widget.Button
	message    *widget.Label // the outcome of the last action
	empty      *widget.Label
	list       *widget.List

	all        accounts.List
	hasList    bool
	rows       []accountRow // the lines the list shows: all, filtered by query
	query      string
	pinned     map[accounts.Role]bool
	refreshing bool
	listed     accounts.Progress // the running listing's progress
	busy       int               // actions under way
	needSignIn bool
	endedToken time.Time // the expiry of the token that was refused; only a new one lists again
	closed     bool

	ctx      context.Context // ends when the window closes
	cancel   context.CancelFunc
	stopTick context.CancelFunc
}

// OpenAccounts opens the accounts view of the sign-in called name, or
// brings forward the one already open. It does nothing when Options.Roles
// is nil.
func (u *UI) OpenAccounts(name string) { u.accountsFor(name) }

// accountsFor opens the accounts view of name, or brings the open one
// forward, and returns it; nil when Options.Roles is nil.
func (u *UI) accountsFor(name string) *accountsWindow {
	if u.opts.Roles == nil {
		return nil
	}
	if w, ok := u.accountsWins[name]; ok {
		w.win.Show()
		w.win.RequestFocus()
		return w
	}
	w := newAccountsWindow(u, name)
	u.accountsWins[name] = w
	w.open()
	return w
}

// newAccountsWindow builds the view of the sign-in called name. It shows
// nothing and starts nothing: open does.
func newAccountsWindow(u *UI, name string) *accountsWindow {
	title := "Accounts — " + name
	if u.opts.Demo {
		title += " — Demo"
	}
	w := &accountsWindow{
		u: u, name: name,
		win:      u.app.NewWindow(title),
		activity: widget.NewActivity(),
		status:   &widget.Label{SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis},
		progress: &widget.Label{SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapWord},
		message:  &widget.Label{Wrapping: fyne.TextWrapWord},
		empty:    &widget.Label{Text: textNoAccounts, Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapWord},
		pinned:   map[accounts.Role]bool{},
	}
	w.ctx, w.cancel = context.WithCancel(u.ctx)
	w.search = newKeyEntry(textSearchHint)
	w.search.OnChanged = w.setQuery
	w.search.onEscape = func() { w.search.SetText("") }
	w.refreshBtn = &widget.Button{Text: "Refresh", Icon: theme.ViewRefreshIcon(), OnTapped: w.refresh}
	w.signInBtn = &widget.Button{Text: "Sign in", Icon: theme.LoginIcon(), Importance: widget.HighImportance, OnTapped: w.signIn}
	w.signedOut = container.NewBorder(nil, nil, nil, container.NewCenter(w.signInBtn),
		&widget.Label{Text: textSignedOut, Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord})

	act := rowActions{
		console: w.openConsole,
		copy:    func(r accounts.Role) { w.copyCredentials(r, hostCredFormat) },
		menu:    w.showRoleMenu,
		pinned:  func(r accounts.Role) bool { return w.pinned[r] },
	}
	w.list = widget.NewList(
		func() int { return len(w.rows) },
		func() fyne.CanvasObject { return newRowView(act) },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(w.rows) {
				o.(*rowView).set(w.rows[id])
			}
		})
	// A line is not a thing to select: its buttons act.
	w.list.OnSelected = func(id widget.ListItemID) { w.list.Unselect(id) }

	for _, o := range []fyne.CanvasObject{w.activity, w.progress, w.signedOut, w.message} {
		o.Hide()
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(w.activity, w.refreshBtn), w.search),
		w.status, w.progress, w.signedOut, w.message, widget.NewSeparator(),
	)
	w.win.SetContent(readable(container.NewBorder(top, nil, nil, nil,
		container.NewStack(w.list, container.NewVBox(w.empty)))))
	w.win.Resize(fyne.NewSize(760, 600))
	w.win.SetOnClosed(w.onClosed)
	w.show()
	return w
}

// open shows the window, reads the list on disk in the background and
// lists the accounts again when that list is missing or old.
func (w *accountsWindow) open() {
	w.win.Show()
	w.win.Canvas().Focus(w.search)
	tickCtx, stop := context.WithCancel(w.ctx)
	w.stopTick = stop
	w.u.every(tickCtx, ageEvery, func() {
		w.u.do(func() {
			if !w.closed {
				w.show()
			}
		})
	})
	w.busy++
	w.show()
	roles, name := w.u.opts.Roles, w.name
	w.u.goTask(func() {
		l, err := roles.CachedAccounts(name)
		pinned := readPinned(roles, name)
		w.u.do(func() {
			w.busy--
			if w.closed {
				return
			}
			w.pinned = pinned
			w.applyCached(l, err)
			if !w.hasList || w.u.now().Sub(w.all.FetchedAt) >= accountsFreshFor {
				w.refresh()
			}
		})
	})
}

// readPinned returns the roles of name pinned to the tray. It does I/O.
func readPinned(roles Roles, name string) map[accounts.Role]bool {
	pinned := map[accounts.Role]bool{}
	quick, _ := roles.QuickRoles(name, pinnedLimit) // unknown pins show as unpinned
	for _, q := range quick {
		if q.Pinned {
			pinned[q.Role] = true
		}
	}
	return pinned
}

// applyCached shows the list read from disk.
func (w *accountsWindow) applyCached(l accounts.List, err error) {
	switch {
	case err == nil:
		w.setList(l)
	case errors.Is(err, accounts.ErrNotCached):
	default:
		w.setMessage("Could not read the list of accounts kept on disk: "+err.Error(), true)
	}
}

// setList shows l, filtered by the search.
func (w *accountsWindow) setList(l accounts.List) {
	w.all, w.hasList = l, true
	w.filter()
}

// setQuery filters the list by q as the person types.
func (w *accountsWindow) setQuery(q string) {
	w.query = q
	w.filter()
	w.list.ScrollToTop()
}

// filter rebuilds the lines from the list and the query. At 1,000
// accounts filtering takes well under a millisecond
// (BenchmarkAccountsFilter) and redrawing the lines on screen a few
// (BenchmarkAccountsSearch), so it runs on every key press with no
// debounce.
func (w *accountsWindow) filter() {
	w.rows = flattenAccounts(w.all.Filter(w.query))
	w.list.Refresh()
	w.show()
}

// refresh lists the accounts again in the background, unless a listing
// runs already.
func (w *accountsWindow) refresh() {
	if w.refreshing || w.closed {
		return
	}
	w.refreshing, w.listed, w.needSignIn = true, accounts.Progress{}, false
	w.show()
	roles, name, ctx := w.u.opts.Roles, w.name, w.ctx
	var (
		mu        sync.Mutex
		latest    accounts.Progress
		scheduled bool
	)
	// A listing reports every account; the window shows the latest report
	// and asks for no more redraws than it can make.
	progress := func(p accounts.Progress) {
		mu.Lock()
		defer mu.Unlock()
		latest = p
		if scheduled {
			return
		}
		scheduled = true
		w.u.do(func() {
			mu.Lock()
			p := latest
			scheduled = false
			mu.Unlock()
			if !w.closed && w.refreshing {
				w.listed = p
				w.show()
			}
		})
	}
	w.u.goTask(func() {
		l, _, err := roles.RefreshAccounts(ctx, name, progress)
		w.u.do(func() { w.applyRefreshed(l, err) })
	})
}

// applyRefreshed shows the outcome of a listing.
func (w *accountsWindow) applyRefreshed(l accounts.List, err error) {
	w.refreshing = false
	if w.closed {
		return
	}
	if err != nil {
		w.showError("Could not list the accounts", err)
		w.show()
		return
	}
	w.setList(l)
}

// show brings the status lines, the spinner and the empty note up to date.
func (w *accountsWindow) show() {
	now := w.u.now()
	w.status.SetText(w.statusText(now))
	showIf(w.status, w.status.Text != "")
	w.progress.SetText(progressText(w.listed))
	showIf(w.progress, w.refreshing)
	w.refreshBtn.Disable()
	if !w.refreshing {
		w.refreshBtn.Enable()
	}
	showIf(w.signedOut, w.needSignIn)
	busy := w.refreshing || w.busy > 0
	if busy != w.activity.Visible() {
		showIf(w.activity, busy)
		if busy {
			w.activity.Start()
		} else {
			w.activity.Stop()
		}
	}
	switch {
	case len(w.rows) > 0:
		w.empty.SetText("")
	case w.hasList && w.query != "":
		w.empty.SetText("No account or role matches “" + w.query + "”.")
	case w.hasList:
		w.empty.SetText("This sign-in has no accounts.")
	case w.refreshing:
		w.empty.SetText("")
	default:
		w.empty.SetText(textNoAccounts)
	}
	showIf(w.empty, w.empty.Text != "")
}

// statusText is the line under the search: the list's age and size.
func (w *accountsWindow) statusText(now time.Time) string {
	if !w.hasList {
		return ""
	}
	roles := 0
	for _, a := range w.all.Accounts {
		roles += len(a.Roles)
	}
	s := "Updated " + formatAge(now.Sub(w.all.FetchedAt)) + " · " +
		count(len(w.all.Accounts), "account", "accounts") + ", " + count(roles, "role", "roles")
	if w.query != "" {
		s += " · " + count(len(w.rows)-w.headers(), "role", "roles") + " shown"
	}
	return s
}

// headers counts the header lines among the rows.
func (w *accountsWindow) headers() int {
	n := 0
	for _, r := range w.rows {
		if !r.isRole() {
			n++
		}
	}
	return n
}

// setMessage shows the outcome of the last action; bad ones in red.
func (w *accountsWindow) setMessage(text string, bad bool) {
	w.message.Importance = widget.MediumImportance
	if bad {
		w.message.Importance = widget.DangerImportance
	}
	w.message.SetText(text)
	showIf(w.message, text != "")
}

// showError says what went wrong with what: an ended sign-in offers Sign
// in instead of retrying; a cancel (the window closing) says nothing.
func (w *accountsWindow) showError(what string, err error) {
	switch {
	case errors.Is(err, context.Canceled):
	case errors.Is(err, accounts.ErrSignInAgain):
		w.needSignIn = true
		w.endedToken = time.Time{}
		if st, ok := w.u.statusOf(w.name); ok {
			w.endedToken = st.ExpiresAt
		}
		w.setMessage("", false)
		w.show()
	default:
		w.u.NoteError(w.name, err)
		w.setMessage(what+": "+err.Error(), true)
	}
}

// signIn starts signing in again; the view lists the accounts once the
// sign-in is live (signInChanged).
func (w *accountsWindow) signIn() {
	in := storage.SignIn{Name: w.name}
	if st, ok := w.u.statusOf(w.name); ok {
		in = st.SignIn
	}
	w.u.signIn(in)
}

// signInChanged hears of a new reading of the sign-in: after a refused
// token, a new live one lists the accounts again. The refused token itself
// may still look live (revoked before its expiry), so only a token with
// another expiry counts: nothing retries the one that was refused.
func (w *accountsWindow) signInChanged(st signin.Status, now time.Time) {
	live := st.State == signin.SignedIn && st.Remaining(now) > 0
	if w.needSignIn && live && !st.ExpiresAt.Equal(w.endedToken) {
		w.refresh()
	}
}

// onClosed stops the window's work: the listing, the actions under way
// and the ticker.
func (w *accountsWindow) onClosed() {
	w.closed = true
	w.cancel()
	if w.stopTick != nil {
		w.stopTick()
	}
	w.activity.Stop()
	if w.u.accountsWins[w.name] == w {
		delete(w.u.accountsWins, w.name)
	}
}
