package ui

import (
	"context"
	"fmt"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/signin"
)

const consoleSecret = "https://signin.aws.amazon.com/federation?Action=login&SigninToken=SECRET-TOKEN"

// fakeRoles is a scripted Roles that records every call.
type fakeRoles struct {
	mu         sync.Mutex
	calls      []string
	cached     accounts.List
	cachedErr  error
	refreshed  accounts.List
	refreshErr error
	progress   []accounts.Progress // reported by RefreshAccounts before it waits on gate
	gate       chan struct{}       // when set, RefreshAccounts returns once it closes
	consoleURL string
	creds      accounts.Credentials
	credsErr   error
	profile    string
	quick      []accounts.QuickRole
}

func (f *fakeRoles) record(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

// called returns the calls so far.
func (f *fakeRoles) called() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// count returns how many calls began with prefix.
func (f *fakeRoles) count(prefix string) int {
	n := 0
	for _, c := range f.called() {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

func (f *fakeRoles) CachedAccounts(name string) (accounts.List, error) {
	f.record("CachedAccounts %s", name)
	return f.cached, f.cachedErr
}

func (f *fakeRoles) RefreshAccounts(ctx context.Context, name string, progress func(accounts.Progress)) (accounts.List, accounts.Stats, error) {
	f.record("RefreshAccounts %s", name)
	f.mu.Lock()
	steps, gate := f.progress, f.gate
	f.mu.Unlock()
	for _, p := range steps {
		progress(p)
	}
	if gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return accounts.List{}, accounts.Stats{}, ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.refreshed, accounts.Stats{}, f.refreshErr
}

func (f *fakeRoles) ConsoleURL(_ context.Context, name string, r accounts.Role, region string) (string, error) {
	f.record("ConsoleURL %s %s/%s %q", name, r.AccountID, r.RoleName, region)
	return f.consoleURL, nil
}

func (f *fakeRoles) PortalURL(name string, r accounts.Role, region string) (string, error) {
	f.record("PortalURL %s %s/%s %q", name, r.AccountID, r.RoleName, region)
	return "https://d-1234567890.awsapps.com/start/#/console?account_id=" + r.AccountID, nil
}

func (f *fakeRoles) RoleCredentials(_ context.Context, name string, r accounts.Role) (accounts.Credentials, error) {
	f.record("RoleCredentials %s %s/%s", name, r.AccountID, r.RoleName)
	return f.creds, f.credsErr
}

func (f *fakeRoles) AddProfile(name string, r accounts.Role) (string, error) {
	f.record("AddProfile %s %s/%s", name, r.AccountID, r.RoleName)
	return f.profile, nil
}

func (f *fakeRoles) TouchRole(name string, r accounts.Role) error {
	f.record("TouchRole %s %s/%s", name, r.AccountID, r.RoleName)
	return nil
}

func (f *fakeRoles) PinRole(name string, r accounts.Role, pinned bool) error {
	f.record("PinRole %s %s/%s %t", name, r.AccountID, r.RoleName, pinned)
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, q := range f.quick {
		if q.Role == r {
			f.quick = append(f.quick[:i], f.quick[i+1:]...)
			break
		}
	}
	if pinned {
		f.quick = append([]accounts.QuickRole{{Role: r, Pinned: true}}, f.quick...)
	}
	return nil
}

func (f *fakeRoles) QuickRoles(name string, n int) ([]accounts.QuickRole, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	q := f.quick
	if len(q) > n {
		q = q[:n]
	}
	return append([]accounts.QuickRole(nil), q...), nil
}

// sampleList is a small organisation's list, fetched at.
func sampleList(at time.Time) accounts.List {
	return accounts.List{
		Name: "corp", FetchedAt: at,
		Accounts: []accounts.Account{
			{ID: "111111111111", Name: "Production", Email: "aws-prod@example.com", Roles: []string{"AdministratorAccess", "ReadOnlyAccess"}},
			{ID: "222222222222", Name: "Sandbox", Email: "aws-sandbox@example.com", Roles: []string{"Developer"}},
			{ID: "333333333333", Name: "Shared services", Email: "aws-shared@example.com", Roles: []string{"NetworkAdmin", "ReadOnlyAccess"}},
		},
	}
}

// rowsText flattens the view's lines: "Account | ID · e-mail" for
// headers, "  Role" for roles.
func rowsText(rows []accountRow) []string {
	var out []string
	for _, r := range rows {
		if r.isRole() {
			out = append(out, "  "+r.role)
			continue
		}
		out = append(out, r.account.Name+" | "+accountMeta(r.account))
	}
	return out
}

// visibleRows lays the window out and returns what its list draws, top to
// bottom, in rowsText's form ("  Role [pinned]" for pinned roles).
func visibleRows(w *accountsWindow) []string {
	type line struct {
		y    float32
		text string
	}
	var lines []line
	var walk func(o fyne.CanvasObject, y float32)
	walk = func(o fyne.CanvasObject, y float32) {
		if !o.Visible() {
			return
		}
		y += o.Position().Y
		switch x := o.(type) {
		case *rowView:
			text := "  " + x.role.Text
			if x.header.Visible() {
				text = x.name.Text + " | " + x.meta.Text
			} else if x.pin.Visible() {
				text += " [pinned]"
			}
			lines = append(lines, line{y, text})
			return
		case *fyne.Container:
			if x.Layout != nil {
				x.Layout.Layout(x.Objects, x.Size())
			}
			for _, c := range x.Objects {
				walk(c, y)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(x)
			r.Layout(x.Size())
			for _, c := range r.Objects() {
				walk(c, y)
			}
		}
	}
	walk(w.win.Canvas().Content(), 0)
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y < lines[j].y })
	var out []string
	for _, l := range lines {
		out = append(out, l.text)
	}
	return out
}

// rolesEnv is an env with a live corp sign-in and roles behind it.
func rolesEnv(t *testing.T, f *fakeRoles, opened *[]string, optFns ...envOpt) *env {
	t.Helper()
	opts := Options{Roles: f, OpenURL: func(u *url.URL) error {
		*opened = append(*opened, u.String())
		return nil
	}}
	e := newEnv(t, append([]envOpt{withConfig(corpConfig), withOptions(opts)}, optFns...)...)
	e.saveToken("corp", t0.Add(7*time.Hour))
	return e
}

// openView opens corp's accounts view and waits for the list on disk.
func openView(e *env) *accountsWindow {
	e.t.Helper()
	e.u.OpenAccounts("corp")
	w := e.u.accountsWins["corp"]
	if w == nil {
		e.t.Fatal("no accounts view opened")
	}
	e.until("the list on disk", func() bool { return w.busy == 0 })
	return w
}

func TestAccountsViewShowsCachedListThenRefreshes(t *testing.T) {
	f := &fakeRoles{
		cached:    sampleList(t0.Add(-3 * time.Hour)),
		refreshed: sampleList(t0),
		progress:  []accounts.Progress{{AccountsFound: 1000, AllFound: true, AccountsDone: 420, Throttled: 3}},
		gate:      make(chan struct{}),
	}
	f.refreshed.Accounts = f.refreshed.Accounts[:2]
	var opened []string
	e := rolesEnv(t, f, &opened)
	w := openView(e)

	if got, want := w.win.Title(), "Accounts — corp"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if got, want := w.status.Text, "Updated 3 h ago · 3 accounts, 5 roles"; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	want := []string{
		"Production | 111111111111 · aws-prod@example.com", "  AdministratorAccess", "  ReadOnlyAccess",
		"Sandbox | 222222222222 · aws-sandbox@example.com", "  Developer",
		"Shared services | 333333333333 · aws-shared@example.com", "  NetworkAdmin", "  ReadOnlyAccess",
	}
	if diff := cmp.Diff(want, rowsText(w.rows)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, visibleRows(w)); diff != "" {
		t.Errorf("visible rows (-want +got):\n%s", diff)
	}

	// Three hours is old: it lists again, showing how far it got.
	e.until("the progress", func() bool { return w.listed.AccountsDone == 420 })
	if !w.progress.Visible() || w.progress.Text != "Listing accounts… 420 of 1,000"+textThrottled {
		t.Errorf("progress %q (visible %t)", w.progress.Text, w.progress.Visible())
	}
	if !w.activity.Visible() || !w.refreshBtn.Disabled() {
		t.Error("no spinner, or Refresh enabled, while listing")
	}
	close(f.gate)
	e.until("the new list", func() bool { return !w.refreshing })
	if got, want := w.status.Text, "Updated just now · 2 accounts, 3 roles"; got != want {
		t.Errorf("status after refresh %q, want %q", got, want)
	}
	if w.progress.Visible() || w.activity.Visible() || w.refreshBtn.Disabled() {
		t.Error("still looks busy after the refresh")
	}
	// The age moves on with the clock.
	e.clock.Advance(5 * time.Minute)
	w.show()
	if got := w.status.Text; !strings.HasPrefix(got, "Updated 5 min ago") {
		t.Errorf("status 5 minutes on: %q", got)
	}
	// Refresh lists again; a fresh list does not on its own.
	test.Tap(w.refreshBtn)
	e.until("the forced refresh", func() bool { return !w.refreshing })
	if n := f.count("RefreshAccounts"); n != 2 {
		t.Errorf("%d listings, want 2", n)
	}
}

func TestAccountsViewFreshListIsNotListedAgain(t *testing.T) {
	f := &fakeRoles{cached: sampleList(t0.Add(-time.Minute))}
	var opened []string
	e := rolesEnv(t, f, &opened)
	w := openView(e)
	if w.refreshing || f.count("RefreshAccounts") != 0 {
		t.Error("a one-minute-old list was listed again on opening")
	}
	if !w.hasList || len(w.rows) != 8 {
		t.Errorf("rows %d, want 8", len(w.rows))
	}
}

func TestAccountsViewNothingCached(t *testing.T) {
	f := &fakeRoles{cachedErr: fmt.Errorf("read: %w", accounts.ErrNotCached), refreshed: sampleList(t0), gate: make(chan struct{})}
	var opened []string
	e := rolesEnv(t, f, &opened)
	w := openView(e)
	if !w.refreshing || w.empty.Visible() || w.message.Visible() || w.status.Visible() {
		t.Errorf("refreshing %t, empty %t, message %q, status %q", w.refreshing, w.empty.Visible(), w.message.Text, w.status.Text)
	}
	if got := w.progress.Text; got != "Listing accounts…" {
		t.Errorf("progress %q", got)
	}
	close(f.gate)
	e.until("the list", func() bool { return w.hasList })
	if len(w.rows) != 8 {
		t.Errorf("rows %d, want 8", len(w.rows))
	}
}

func TestAccountsViewSearch(t *testing.T) {
	f := &fakeRoles{cached: sampleList(t0)}
	var opened []string
	e := rolesEnv(t, f, &opened)
	w := openView(e)
	tests := []struct {
		query string
		want  []string
	}{
		{"prod", []string{"Production | 111111111111 · aws-prod@example.com", "  AdministratorAccess", "  ReadOnlyAccess"}},
		{"2222", []string{"Sandbox | 222222222222 · aws-sandbox@example.com", "  Developer"}},
		// A role-only match keeps just that role.
		{"readonly", []string{
			"Production | 111111111111 · aws-prod@example.com", "  ReadOnlyAccess",
			"Shared services | 333333333333 · aws-shared@example.com", "  ReadOnlyAccess",
		}},
		{"NETWORK", []string{"Shared services | 333333333333 · aws-shared@example.com", "  NetworkAdmin"}},
		{"nothing like it", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			w.search.SetText("")
			test.Type(w.search, tt.query)
			if diff := cmp.Diff(tt.want, visibleRows(w)); diff != "" {
				t.Errorf("visible rows (-want +got):\n%s", diff)
			}
			if tt.want == nil && (!w.empty.Visible() || w.empty.Text != "No account or role matches “nothing like it”.") {
				t.Errorf("empty note %q (visible %t)", w.empty.Text, w.empty.Visible())
			}
			if tt.want != nil && w.empty.Visible() {
				t.Error("the empty note shows over matches")
			}
		})
	}
	w.search.SetText("readonly")
	if got, want := w.status.Text, "Updated just now · 3 accounts, 5 roles · 2 roles shown"; got != want {
		t.Errorf("status %q, want %q", got, want)
	}
	// Esc clears the search.
	w.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.search.Text != "" || len(w.rows) != 8 {
		t.Errorf("after Esc: search %q, %d rows", w.search.Text, len(w.rows))
	}
}

// roleView returns the row view the list draws for role in account.
func roleView(t *testing.T, w *accountsWindow, account, role string) *rowView {
	t.Helper()
	var found *rowView
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *rowView:
			if x.Visible() && x.row.isRole() && x.row.account.Name == account && x.row.role == role {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	visibleRows(w) // lays the list out
	walk(w.win.Canvas().Content())
	if found == nil {
		t.Fatalf("no row for %s — %s", account, role)
	}
	return found
}

func TestAccountsViewOpenConsole(t *testing.T) {
	f := &fakeRoles{cached: sampleList(t0), consoleURL: consoleSecret}
	var opened []string
	e := rolesEnv(t, f, &opened)
	w := openView(e)
	test.Tap(roleView(t, w, "Sandbox", "Developer").console)
	if !w.activity.Visible() || w.message.Text != "Opening the console as Sandbox — Developer…" {
		t.Errorf("while opening: spinner %t, message %q", w.activity.Visible(), w.message.Text)
	}
	e.until("the console", func() bool { return w.busy == 0 })
	if diff := cmp.Diff([]string{consoleSecret}, opened); diff != "" {
		t.Errorf("opened (-want +got):\n%s", diff)
	}
	want := []string{`ConsoleURL corp 222222222222/Developer ""`, "TouchRole corp 222222222222/Developer"}
	if diff := cmp.Diff(want, f.called()[1:]); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
	if got := w.message.Text; got != "Opened the console as Sandbox — Developer in your browser." {
		t.Errorf("message %q", got)
	}
	if w.activity.Visible() {
		t.Error("the spinner still turns")
	}
	assertViewHasNo(t, e, w, "SECRET-TOKEN")
}

func TestAccountsViewConsoleURLNeverShown(t *testing.T) {
	f := &fakeRoles{cached: sampleList(t0), consoleURL: "https://signin.aws.amazon.com/federation?SigninToken=SECRET-TOKEN\x7f"}
	var opened []string
	e := rolesEnv(t, f, &opened)
	w := openView(e)
	w.openConsole(accounts.Role{AccountID: "111111111111", AccountName: "Production", RoleName: "AdministratorAccess"})
	e.until("the failure", func() bool { return w.busy == 0 })
	if len(opened) != 0 || w.message.Importance != widget.DangerImportance {
		t.Errorf("opened %d, message %q", len(opened), w.message.Text)
	}
	assertViewHasNo(t, e, w, "SECRET-TOKEN")
	if f.count("TouchRole") != 0 {
		t.Error("a failed open was recorded as a use")
	}
}

// assertViewHasNo checks that secret shows nowhere in the window's labels
// nor in the errors kept for diagnostics.
func assertViewHasNo(t *testing.T, e *env, w *accountsWindow, secret string) {
	t.Helper()
	for _, l := range []*widget.Label{w.message, w.status, w.progress, w.empty} {
		if strings.Contains(l.Text, secret) {
			t.Errorf("a label shows the secret: %q", l.Text)
		}
	}
	for name, err := range e.u.lastErr {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error kept for %s holds the secret", name)
		}
	}
}

// timers records the UI's after calls; tests fire them.
type timers struct {
	mu  sync.Mutex
	all []timer
}

type timer struct {
	d  time.Duration
	fn func()
}

func (ts *timers) after(d time.Duration, fn func()) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.all = append(ts.all, timer{d, fn})
}

func (ts *timers) get(i int) timer {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.all[i]
}

func TestAccountsViewCopyCredentials(t *testing.T) {
	creds := accounts.Credentials{AccessKeyID: "ASIAEXAMPLE", SecretAccessKey: "SECRET-KEY", SessionToken: "SESSION-TOKEN", Expiration: t0.Add(time.Hour)}
	wantText := wantCopiedCredentials // in this OS's default format
	for _, tt := range []struct {
		name       string
		meanwhile  string // what the person copies before the timer fires; "" for nothing
		wantAfter  string
		wantNotice string
	}{
		{"cleared", "", "", textCopyCleared},
		{"the person's copy stays", "something else", "something else", textCopied},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeRoles{cached: sampleList(t0), creds: creds}
			var opened []string
			e := rolesEnv(t, f, &opened)
			ts := &timers{}
			e.u.after = ts.after
			w := openView(e)
			test.Tap(roleView(t, w, "Production", "ReadOnlyAccess").copy)
			e.until("the copy", func() bool { return w.busy == 0 })
			clip := e.u.app.Clipboard()
			if got := clip.Content(); got != wantText {
				t.Errorf("clipboard %q, want %q", got, wantText)
			}
			if w.message.Text != textCopied {
				t.Errorf("message %q", w.message.Text)
			}
			if want := []string{"RoleCredentials corp 111111111111/ReadOnlyAccess", "TouchRole corp 111111111111/ReadOnlyAccess"}; !cmp.Equal(want, f.called()[1:]) {
				t.Errorf("calls %q, want %q", f.called()[1:], want)
			}
			if len(ts.all) != 1 || ts.get(0).d != 30*time.Second {
				t.Fatalf("timers %v, want one of 30 s", ts.all)
			}
			assertViewHasNo(t, e, w, "SECRET-KEY")
			if tt.meanwhile != "" {
				clip.SetContent(tt.meanwhile)
			}
			go ts.get(0).fn() // as time.AfterFunc would, on its own goroutine
			e.until("the clear", func() bool { return clip.Content() == tt.wantAfter && w.message.Text == tt.wantNotice })
		})
	}
}

func TestAccountsViewRoleMenu(t *testing.T) {
	f := &fakeRoles{cached: sampleList(t0), profile: "sandbox-developer"}
	var opened []string
	e := rolesEnv(t, f, &opened)
	w := openView(e)
	r := accounts.Role{AccountID: "222222222222", AccountName: "Sandbox", RoleName: "Developer"}
	labels := func() []string {
		var out []string
		for _, it := range w.roleMenu(r).Items {
			out = append(out, it.Label)
		}
		return out
	}
	want := []string{
		"Copy credentials for Shell (export)", "Copy credentials for Shell (no export)", "Copy credentials for PowerShell",
		"Copy credentials for Windows Command Prompt", "Copy credentials for fish", "Copy credentials for credential_process JSON",
		"", "Open console through the access portal", "Add profile to ~/.aws/config", "Pin to the tray menu",
	}
	if diff := cmp.Diff(want, labels()); diff != "" {
		t.Errorf("menu (-want +got):\n%s", diff)
	}
	test.Tap(roleView(t, w, "Sandbox", "Developer").more)
	if len(w.win.Canvas().Overlays().List()) != 1 {
		t.Error("⋯ shows no menu")
	}

	w.openThroughPortal(r)
	e.until("the portal", func() bool { return w.busy == 0 })
	if diff := cmp.Diff([]string{"https://d-1234567890.awsapps.com/start/#/console?account_id=222222222222"}, opened); diff != "" {
		t.Errorf("opened (-want +got):\n%s", diff)
	}
	if got := w.message.Text; got != "Opened the access portal for Sandbox — Developer in your browser." {
		t.Errorf("message %q", got)
	}

	w.addProfile(r)
	e.until("the profile", func() bool { return w.busy == 0 })
	if got := w.message.Text; got != "Added the profile “sandbox-developer” to ~/.aws/config: use it with --profile sandbox-developer." {
		t.Errorf("message %q", got)
	}
	w.setPinned(r, true)
	e.until("the pin", func() bool { return w.busy == 0 })
	if !w.pinned[r] || labels()[len(want)-1] != "Unpin from the tray menu" {
		t.Errorf("pinned %t, menu ends %q", w.pinned[r], labels()[len(want)-1])
	}
	if got := visibleRows(w)[4]; got != "  Developer [pinned]" {
		t.Errorf("the pinned row shows %q", got)
	}
	wantCalls := []string{
		"PortalURL corp 222222222222/Developer \"\"", "TouchRole corp 222222222222/Developer",
		"AddProfile corp 222222222222/Developer", "TouchRole corp 222222222222/Developer",
		"PinRole corp 222222222222/Developer true",
	}
	if diff := cmp.Diff(wantCalls, f.called()[1:]); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func TestAccountsViewSignInAgain(t *testing.T) {
	f := &fakeRoles{
		cached:     sampleList(t0.Add(-24 * time.Hour)),
		refreshErr: fmt.Errorf("list accounts: %w", accounts.ErrSignInAgain),
	}
	var opened []string
	e := rolesEnv(t, f, &opened)
	e.u.start()
	w := openView(e)
	e.until("the listing's end", func() bool { return !w.refreshing })
	if !w.signedOut.Visible() || w.message.Visible() {
		t.Errorf("signed out %t, message %q", w.signedOut.Visible(), w.message.Text)
	}
	// The list on disk stays up.
	if len(w.rows) != 8 || !strings.HasPrefix(w.status.Text, "Updated 24 h ago") {
		t.Errorf("%d rows, status %q", len(w.rows), w.status.Text)
	}
	// Nothing retries by itself.
	e.u.applyList(e.u.list)
	if n := f.count("RefreshAccounts"); n != 1 {
		t.Errorf("%d listings, want 1", n)
	}
	test.Tap(w.signInBtn)
	if _, ok := e.u.signIns["corp"]; !ok {
		t.Error("Sign in opened no sign-in window")
	}
	// A new token: the view lists again.
	f.mu.Lock()
	f.refreshErr, f.refreshed = nil, sampleList(t0)
	f.mu.Unlock()
	e.u.applyList(listData{statuses: []signin.Status{status("corp", signin.SignedIn, t0.Add(8*time.Hour))}})
	e.until("the new listing", func() bool { return f.count("RefreshAccounts") == 2 && !w.refreshing })
	if w.signedOut.Visible() {
		t.Error("still says signed out")
	}
}

func TestAccountsHidden(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	e.saveToken("corp", t0.Add(7*time.Hour))
	e.u.start()
	e.u.OpenAccounts("corp")
	if len(e.u.accountsWins) != 0 || e.u.main.rows[0].accounts.Visible() {
		t.Error("the accounts view shows without Roles")
	}
}

func TestMainWindowAccountsButton(t *testing.T) {
	f := &fakeRoles{cached: sampleList(t0)}
	var opened []string
	e := rolesEnv(t, f, &opened)
	e.u.start()
	e.until("the list", func() bool { return len(e.u.main.rows) == 1 })
	b := e.u.main.rows[0].accounts
	if !b.Visible() {
		t.Fatal("no Accounts… button on a live sign-in")
	}
	test.Tap(b)
	if e.u.accountsWins["corp"] == nil {
		t.Fatal("Accounts… opened nothing")
	}
	openView(e) // brings it forward, no second window
	if f.count("CachedAccounts") != 1 {
		t.Errorf("%d reads of the list, want 1", f.count("CachedAccounts"))
	}
	e.u.main.apply(listData{statuses: []signin.Status{status("corp", signin.SignedOut, time.Time{})}}, t0)
	if e.u.main.rows[0].accounts.Visible() {
		t.Error("Accounts… shows on a signed-out row")
	}
}

func TestFormatAgeAndThousands(t *testing.T) {
	for d, want := range map[time.Duration]string{
		10 * time.Second: "just now", 5 * time.Minute: "5 min ago", 3*time.Hour + 59*time.Minute: "3 h ago",
		47 * time.Hour: "47 h ago", 72 * time.Hour: "3 days ago",
	} {
		if got := formatAge(d); got != want {
			t.Errorf("formatAge(%v) = %q, want %q", d, got, want)
		}
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 2500: "2,500", 1234567: "1,234,567", -1000: "-1,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
	if defaultCredFormat("windows") != "powershell" || defaultCredFormat("linux") != "env" || defaultCredFormat("darwin") != "env" {
		t.Error("defaultCredFormat is wrong")
	}
}

// manyAccounts is an organisation of n accounts with 2 or 3 roles each
// (about 2,500 roles at 1,000), some names with spaces and non-ASCII
// letters.
func manyAccounts(n int, at time.Time) accounts.List {
	roles := [][]string{
		{"AdministratorAccess", "ReadOnlyAccess"},
		{"Developer", "ReadOnlyAccess", "BillingViewer"},
	}
	l := accounts.List{Name: "corp", FetchedAt: at}
	for i := range n {
		name := fmt.Sprintf("workload-%04d", i)
		if i%7 == 0 {
			name = fmt.Sprintf("Équipe données %04d", i)
		}
		l.Accounts = append(l.Accounts, accounts.Account{
			ID: fmt.Sprintf("%012d", 100000000000+i), Name: name,
			Email: fmt.Sprintf("aws+%04d@example.com", i), Roles: roles[i%2],
		})
	}
	return l
}

// BenchmarkAccountsFilter filters 1,000 accounts (about 2,500 roles) and
// flattens them into lines: the part of a key press that grows with the
// list.
func BenchmarkAccountsFilter(b *testing.B) {
	l := manyAccounts(1000, t0)
	queries := []string{"w", "wor", "0420", "readonly", "équipe", ""}
	for i := 0; b.Loop(); i++ {
		flattenAccounts(l.Filter(queries[i%len(queries)]))
	}
}

// BenchmarkAccountsSearch types a search into the view over 1,000
// accounts (about 2,500 roles): filtering and redrawing the lines on
// screen must stay within a frame or two of a key press.
func BenchmarkAccountsSearch(b *testing.B) {
	// Generous: about 6 ms on a shared 2-core machine, most of it Fyne
	// measuring the text of the fifteen lines on screen.
	const bound = 50 * time.Millisecond
	a := test.NewTempApp(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	u := &UI{app: a, ctx: ctx, opts: Options{Roles: &fakeRoles{}}, accountsWins: map[string]*accountsWindow{},
		do: func(fn func()) { fn() }, now: func() time.Time { return t0 }, every: func(context.Context, time.Duration, func()) {}}
	w := newAccountsWindow(u, "corp")
	w.win.Resize(fyne.NewSize(760, 600))
	w.setList(manyAccounts(1000, t0))
	if n := len(w.rows); n < 3000 {
		b.Fatalf("%d rows, want over 3,000", n)
	}
	queries := []string{"w", "wo", "wor", "work", "workl", "0420", "readonly", "équipe", "aws+09", ""}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		w.search.SetText(queries[i%len(queries)])
	}
	if per := b.Elapsed() / time.Duration(b.N); per > bound {
		b.Fatalf("a search takes %v, want under %v", per, bound)
	}
}

// screenshotDir is where tests leave screenshots:
// $SSOTRAY_TEST_ARTIFACTS/screenshots, else build/screenshots.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "build", "screenshots")
	if a := os.Getenv("SSOTRAY_TEST_ARTIFACTS"); a != "" {
		dir = filepath.Join(a, "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// saveScreenshot captures c into dir/name.
func saveScreenshot(t *testing.T, c fyne.Canvas, name string) {
	t.Helper()
	path := filepath.Join(screenshotDir(t), name)
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(out, c.Capture()); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestAccountsViewScreenshots leaves pictures of the accounts view with a
// search in use (light and dark) and of the tray's quick roles, for people
// to look at.
func TestAccountsViewScreenshots(t *testing.T) {
	for _, v := range lookVariants {
		t.Run(v.name, func(t *testing.T) {
			l := manyAccounts(1000, t0.Add(-3*time.Hour))
			l.Accounts = append([]accounts.Account{{
				ID: "111111111111", Name: "Production — payments platform (EU, PCI scope)", Email: "aws-payments-prod@example-corporation.com",
				Roles: []string{"AdministratorAccess", "ReadOnlyAccess", "PaymentsOnCallBreakGlassAccessForIncidentResponse"},
			}}, l.Accounts...)
			f := &fakeRoles{cached: l, gate: make(chan struct{}), progress: []accounts.Progress{{AccountsFound: 1001, AllFound: true, AccountsDone: 420, Throttled: 2}}}
			f.quick = []accounts.QuickRole{{Role: accounts.Role{AccountID: "111111111111", AccountName: l.Accounts[0].Name, RoleName: "ReadOnlyAccess"}, Pinned: true}}
			var opened []string
			e := rolesEnv(t, f, &opened, withTheme(lookTheme{Theme: theme.DefaultTheme(), variant: v.variant, scale: 1}))
			w := openView(e)
			e.until("the progress", func() bool { return w.listed.AccountsDone == 420 })
			test.Type(w.search, "access")
			w.setMessage(textCopied, false)
			checkFits(t, w.win, true)
			visibleRows(w)
			saveScreenshot(t, w.win.Canvas(), "accounts-"+v.name+".png")
		})
	}
}
