package ui

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

const legacyConfig = `[profile legacy-dev]
sso_start_url = https://d-9067000003.awsapps.com/start
sso_region = eu-central-1
sso_account_id = 111111111111
sso_role_name = ReadOnly
`

// menuLabels lists a menu's items, "---" for separators.
func menuLabels(m *fyne.Menu) []string {
	var out []string
	for _, it := range m.Items {
		if it.IsSeparator {
			out = append(out, "---")
			continue
		}
		out = append(out, it.Label)
	}
	return out
}

// menuItem returns the item labelled label.
func menuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("no %q in the menu %v", label, menuLabels(m))
	return nil
}

func TestRowMenu(t *testing.T) {
	tests := []struct {
		name string
		st   signin.Status
		want []string
	}{
		{"signed in", status("corp", signin.SignedIn, t0.Add(time.Hour)), []string{"Copy diagnostics", "---", "Remove…"}},
		{"signed out", status("corp", signin.SignedOut, time.Time{}), []string{"Copy diagnostics", "---", "Remove…"}},
		{"expired: sign out clears the token", status("corp", signin.Expired, t0.Add(-time.Hour)), []string{"Copy diagnostics", "Sign out", "---", "Remove…"}},
		{"unreadable", status("corp", signin.Unreadable, time.Time{}), []string{"Copy diagnostics", "Sign out", "---", "Remove…"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.u.main.apply(listData{statuses: []signin.Status{tt.st}, cfg: &storage.Config{}}, t0)
			r := e.u.main.rows[0]
			if diff := cmp.Diff(tt.want, menuLabels(e.u.main.rowMenu(r))); diff != "" {
				t.Errorf("menu (-want +got):\n%s", diff)
			}
			// The "⋯" button pops the menu up.
			test.Tap(r.more)
			top := e.u.main.win.Canvas().Overlays().Top()
			if top == nil || !strings.Contains(test.RenderObjectToMarkup(top), "Copy diagnostics") {
				t.Fatal("tapping ⋯ shows no menu")
			}
		})
	}
}

func TestRemoveText(t *testing.T) {
	const file = "/home/u/.aws/config"
	withProfiles := func(st signin.Status, p ...string) signin.Status { st.Profiles = p; return st }
	legacy := func(st signin.Status) signin.Status { st.Kind = storage.KindLegacyProfile; return st }
	tests := []struct {
		name        string
		st          signin.Status
		text        string
		wantConfirm string
	}{
		{
			name: "session with one profile, signed in",
			st:   withProfiles(status("corp", signin.SignedIn, t0.Add(time.Hour)), "dev"),
			text: "This deletes the section [sso-session corp] from /home/u/.aws/config. Nothing else in the file changes.\n\n" +
				"The profile dev that uses it stays in the file, but will not sign in until you give it another sso_session or delete it.\n\n" +
				"You are signed in to corp, so ssotray signs you out first.",
			wantConfirm: "Remove",
		},
		{
			name: "session with two profiles, signed out",
			st:   withProfiles(status("corp", signin.SignedOut, time.Time{}), "dev", "prod"),
			text: "This deletes the section [sso-session corp] from /home/u/.aws/config. Nothing else in the file changes.\n\n" +
				"The profiles dev, prod that use it stay in the file, but will not sign in until you give them another sso_session or delete them.",
			wantConfirm: "Remove",
		},
		{
			name: "session without profiles, expired",
			st:   status("corp", signin.Expired, t0.Add(-time.Hour)),
			text: "This deletes the section [sso-session corp] from /home/u/.aws/config. Nothing else in the file changes.\n\n" +
				"No profile uses it.\n\nssotray also deletes corp's old token file from this computer.",
			wantConfirm: "Remove",
		},
		{
			name: "legacy, signed in",
			st:   withProfiles(legacy(status("legacy-dev", signin.SignedIn, t0.Add(time.Hour))), "legacy-dev"),
			text: "legacy-dev is not a sign-in section of its own: its start URL is written into the profile legacy-dev in /home/u/.aws/config.\n\n" +
				"To remove it, edit that profile: delete its sso_start_url and sso_region lines, or the whole profile. ssotray does not edit profiles for you.\n\n" +
				"ssotray can sign you out of it now.",
			wantConfirm: "Sign out",
		},
		{
			name: "legacy with two profiles, signed out",
			st:   withProfiles(legacy(status("a", signin.SignedOut, time.Time{})), "a", "b"),
			text: "a is not a sign-in section of its own: its start URL is written into the profiles a, b in /home/u/.aws/config.\n\n" +
				"To remove it, edit those profiles: delete their sso_start_url and sso_region lines, or the whole profile. ssotray does not edit profiles for you.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, text, confirm := removeText(tt.st, file)
			if title != "Remove this sign-in?" {
				t.Errorf("title = %q", title)
			}
			if diff := cmp.Diff(tt.text, text); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if confirm != tt.wantConfirm {
				t.Errorf("confirm = %q, want %q", confirm, tt.wantConfirm)
			}
		})
	}
}

// TestRemoveSignedIn removes a signed-in session through the row menu and
// the confirmation: it is signed out, its section is gone from the config,
// its profile stays, and its row is gone.
func TestRemoveSignedIn(t *testing.T) {
	e := newEnv(t, withConfig("[default]\nregion = us-east-1\n\n"+corpConfig))
	e.saveToken("corp", t0.Add(time.Hour))
	e.u.applyList(e.u.load())
	e.u.NoteError("corp", errors.New("an old failure"))

	menuItem(t, e.u.main.rowMenu(e.u.main.rows[0]), "Remove…").Action()
	r := e.u.main.removal
	if r == nil {
		t.Fatal("no confirmation")
	}
	for _, want := range []string{"[sso-session corp]", e.u.m.Paths().ConfigFile, "The profile dev that uses it stays", "signs you out first"} {
		if !strings.Contains(r.text.Text, want) {
			t.Errorf("the confirmation does not say %q:\n%s", want, r.text.Text)
		}
	}
	if e.u.main.win.Canvas().Focused() != r.cancel {
		t.Error("the focus is not on Cancel, so Enter could remove by accident")
	}
	test.Tap(r.confirm)
	if e.u.main.removal != nil {
		t.Error("the confirmation stays up")
	}
	e.until("the removal", func() bool { return strings.HasPrefix(e.u.main.message.Text, "Removed") })

	if got, want := e.u.main.message.Text, "Removed corp from "+e.u.m.Paths().ConfigFile+". The profile dev still names it in sso_session."; got != want {
		t.Errorf("message:\n got %q\nwant %q", got, want)
	}
	data, err := os.ReadFile(e.u.m.Paths().ConfigFile)
	if err != nil {
		t.Fatal(err)
	}
	want := "[default]\nregion = us-east-1\n\n[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Developer\n"
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if len(e.u.main.rows) != 0 {
		t.Errorf("rows = %v, want none", rowText(e.u.main))
	}
	if !strings.Contains(e.u.main.problems.Text, `uses sso-session "corp", which is not defined`) {
		t.Errorf("problems = %q", e.u.main.problems.Text)
	}
	if e.portal.logouts != 1 {
		t.Errorf("%d Logout calls, want 1 (sign out first)", e.portal.logouts)
	}
	if _, err := storage.PathsFromHome(e.home).TokenCache().Load("corp"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("the token is still cached: %v", err)
	}
}

func TestRemoveCancelled(t *testing.T) {
	for _, tt := range []struct {
		name   string
		cancel func(r *removeDialog, w *mainWindow)
	}{
		{"Cancel", func(r *removeDialog, _ *mainWindow) { test.Tap(r.cancel) }},
		{"Esc on a button", func(r *removeDialog, _ *mainWindow) { press(r.confirm, fyne.KeyEscape) }},
		{"Esc in the window", func(_ *removeDialog, w *mainWindow) {
			w.win.Canvas().Unfocus()
			w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, withConfig(corpConfig))
			e.u.applyList(e.u.load())
			e.u.confirmRemove(e.u.main.rows[0].status)
			tt.cancel(e.u.main.removal, e.u.main)
			if e.u.main.removal != nil {
				t.Error("the confirmation stays up")
			}
			data, _ := os.ReadFile(e.u.m.Paths().ConfigFile)
			if string(data) != corpConfig {
				t.Errorf("the config changed:\n%s", data)
			}
			if e.u.main.message.Visible() {
				t.Errorf("message %q after a cancel", e.u.main.message.Text)
			}
		})
	}
}

// TestRemoveLegacy offers only to sign out of a legacy sign-in.
func TestRemoveLegacy(t *testing.T) {
	e := newEnv(t, withConfig(legacyConfig))
	e.saveToken("https://d-9067000003.awsapps.com/start", t0.Add(time.Hour))
	e.u.applyList(e.u.load())
	e.u.confirmRemove(e.u.main.rows[0].status)
	r := e.u.main.removal
	if r.confirm == nil || r.confirm.Text != "Sign out" {
		t.Fatalf("confirm button %v, want Sign out", r.confirm)
	}
	if !strings.Contains(r.text.Text, "edit that profile") {
		t.Errorf("text = %q", r.text.Text)
	}
	test.Tap(r.confirm)
	e.until("the sign-out", func() bool { return e.u.main.message.Text == "Signed out of legacy-dev." })
	data, _ := os.ReadFile(e.u.m.Paths().ConfigFile)
	if string(data) != legacyConfig {
		t.Errorf("the config changed:\n%s", data)
	}

	// Signed out, there is nothing left to offer but Close.
	e.u.confirmRemove(e.u.main.rows[0].status)
	if r := e.u.main.removal; r.confirm != nil || r.cancel.Text != "Close" {
		t.Errorf("signed out: confirm %v, cancel %q; want only Close", r.confirm, r.cancel.Text)
	}
}

// TestRemoveClosesSignInWindow removes a sign-in whose sign-in window is
// open: the window closes, which cancels the attempt.
func TestRemoveClosesSignInWindow(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	scriptSignIn(e, nil)
	e.u.applyList(e.u.load())
	e.u.signIn(e.u.main.rows[0].status.SignIn)
	w := e.u.signIns["corp"]
	e.until("the code", func() bool { return viewOf(w).code == "ABCD-EFGH" })
	e.u.confirmRemove(e.u.main.rows[0].status)
	test.Tap(e.u.main.removal.confirm)
	if !w.closed {
		t.Error("the sign-in window is still open")
	}
	e.until("the removal", func() bool { return strings.HasPrefix(e.u.main.message.Text, "Removed corp") })
}

func TestRemoveMessage(t *testing.T) {
	st := status("corp", signin.SignedIn, t0.Add(time.Hour))
	st.Profiles = []string{"dev", "prod"}
	tests := []struct {
		name         string
		warning, err error
		want         string
		wantBad      bool
	}{
		{"removed", nil, nil, "Removed corp from /c. The profiles dev, prod still name it in sso_session.", false},
		{"logout failed", errors.New("offline"), nil, "Removed corp from /c. The profiles dev, prod still name it in sso_session. IAM Identity Center was not told about the sign-out: offline", true},
		{"write failed", nil, errors.New("write config /c: permission denied"), "Could not remove corp: write config /c: permission denied", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, bad := removeMessage(st, "/c", tt.warning, tt.err)
			if got != tt.want || bad != tt.wantBad {
				t.Errorf("removeMessage = %q, %t; want %q, %t", got, bad, tt.want, tt.wantBad)
			}
		})
	}
}
