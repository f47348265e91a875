package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/storage"
)

const (
	acmeURL   = "https://acme.awsapps.com/start"
	ssoinsURL = "https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com"
)

// openWizard reads the env's config and opens the wizard with p.
func openWizard(t *testing.T, e *env, p Prefill) *wizard {
	t.Helper()
	e.u.applyList(e.u.load())
	e.u.OpenWizard(p)
	if e.u.wizard == nil {
		t.Fatal("OpenWizard opened no wizard")
	}
	return e.u.wizard
}

// typeInto replaces an entry's text the way a person does: select all,
// then type.
func typeInto(e *keyEntry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// press sends key to the focusable o, as the window does for the focused
// widget.
func press(o fyne.Focusable, key fyne.KeyName) { o.TypedKey(&fyne.KeyEvent{Name: key}) }

// noteText is "kind: text" for a note, for compact comparisons.
func noteText(n *note) string {
	kind := map[noteKind]string{noteHint: "hint", noteOK: "ok", noteError: "error"}[n.kind]
	return kind + ": " + n.label.Text
}

func TestWizardChecksURLAsTyped(t *testing.T) {
	tests := []struct {
		url        string
		want       string // the note under the field
		wantRegion bool   // the Region list shows
	}{
		{"", "hint: " + textURLHint, true},
		{"acme.awsapps.com/start", "error: The start URL must begin with https://", true},
		{"http://acme.awsapps.com/start", "error: The start URL must begin with https://", true},
		// A company's own address is followed to the portal (wizard_vanity_test.go).
		{"https://sso.example.com/start", "hint: Checking where sso.example.com leads…", true},
		{"https://d-123.awsapps.com/start", "error: An access portal address that starts with d- has exactly 10 letters or digits after d-, like https://d-1234567890.awsapps.com/start", true},
		// Pasted from the browser's address bar: cleaned, and said so.
		{"https://acme.awsapps.com/start/#/", "ok: An AWS access portal at acme.awsapps.com. Saved as https://acme.awsapps.com/start, without the page's #/ part", true},
		{acmeURL, "ok: An AWS access portal at acme.awsapps.com", true},
		{"  https://d-1234567890.awsapps.com/start ", "ok: An AWS access portal at d-1234567890.awsapps.com", true},
		{ssoinsURL, "ok: An AWS access portal at ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			e := newEnv(t)
			w := openWizard(t, e, Prefill{})
			typeInto(w.urlEntry, tt.url)
			if got := noteText(w.urlNote); got != tt.want {
				t.Errorf("note:\n got %q\nwant %q", got, tt.want)
			}
			if got := w.regionPick.Visible(); got != tt.wantRegion {
				t.Errorf("Region list visible = %t, want %t", got, tt.wantRegion)
			}
			if w.urlNote.iconBox.Visible() != (w.urlNote.kind != noteHint) {
				t.Errorf("icon visible = %t for a %v note", w.urlNote.iconBox.Visible(), w.urlNote.kind)
			}
		})
	}
}

// TestWizardEnablesAddWhenAllGood types the three fields one by one and
// checks the button after each.
func TestWizardEnablesAddWhenAllGood(t *testing.T) {
	e := newEnv(t)
	w := openWizard(t, e, Prefill{})
	if !w.addBtn.Disabled() {
		t.Fatal("Add is enabled on an empty wizard")
	}
	if got := noteText(w.nameNote); got != "hint: "+textNameHint {
		t.Errorf("name note = %q", got)
	}

	typeInto(w.urlEntry, acmeURL)
	if got := w.nameEntry.Text; got != "acme" {
		t.Errorf("suggested name = %q, want acme", got)
	}
	if got := noteText(w.nameNote); got != "ok: acme is free to use" {
		t.Errorf("name note = %q", got)
	}
	if !w.addBtn.Disabled() {
		t.Error("Add is enabled without a Region")
	}

	typeInto(w.regionEntry, "eu-west-1")
	if got := noteText(w.regionNote); got != "ok: eu-west-1 · Europe (Ireland)" {
		t.Errorf("region note = %q", got)
	}
	if w.addBtn.Disabled() {
		t.Error("Add is disabled with every field good")
	}
	if w.regionListBox.Visible() {
		t.Error("the Region list still shows once a Region is chosen")
	}

	typeInto(w.nameEntry, "my corp")
	if got := noteText(w.nameNote); !strings.HasPrefix(got, `error: The name "my corp" can use only letters, digits`) {
		t.Errorf("name note = %q", got)
	}
	if !w.addBtn.Disabled() {
		t.Error("Add is enabled with a bad name")
	}

	// The person chose the name: a new address no longer replaces it.
	typeInto(w.nameEntry, "mine")
	typeInto(w.urlEntry, "https://other.awsapps.com/start")
	if got := w.nameEntry.Text; got != "mine" {
		t.Errorf("name = %q after a new address, want the person's mine", got)
	}
}

func TestWizardRegion(t *testing.T) {
	tests := []struct {
		name      string
		url       string
		region    string
		wantFound string // the note when the address carries the Region
		wantNote  string // the note under the Region field otherwise
		wantList  []string
		wantOK    bool
	}{
		{
			name:      "read from an ssoins host",
			url:       ssoinsURL,
			wantFound: "ok: eu-west-1 · Europe (Ireland), read from the address: nothing to choose",
			wantOK:    true,
		},
		{
			name:      "read from an app.aws host",
			url:       "https://ssoins-7223a5a4e2f14a2b.portal.us-east-2.app.aws",
			wantFound: "ok: us-east-2 · US East (Ohio), read from the address: nothing to choose",
			wantOK:    true,
		},
		{
			name:      "the address wins over a given Region",
			url:       ssoinsURL,
			region:    "us-east-1",
			wantFound: "ok: eu-west-1 · Europe (Ireland), read from the address: nothing to choose (the address wins over the Region you were given, us-east-1)",
			wantOK:    true,
		},
		{
			name:     "searched by place",
			url:      acmeURL,
			region:   "tokyo",
			wantNote: "hint: Press Enter or click ap-northeast-1 in the list to choose it.",
			wantList: []string{"ap-northeast-1"},
		},
		{
			name:     "searched by code",
			url:      acmeURL,
			region:   "EU-WEST",
			wantNote: "hint: 3 Regions match: pick one from the list.",
			wantList: []string{"eu-west-1", "eu-west-2", "eu-west-3"},
		},
		{
			name:     "no match",
			url:      acmeURL,
			region:   "mars-1",
			wantNote: `error: "mars-1" is not an AWS Region; for example us-east-1 or eu-west-1`,
			wantList: []string{},
		},
		{
			name:     "a newer Region by its pattern",
			url:      acmeURL,
			region:   "eu-west-9",
			wantNote: "ok: eu-west-9",
			wantList: []string{},
			wantOK:   true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			w := openWizard(t, e, Prefill{})
			typeInto(w.regionEntry, tt.region)
			typeInto(w.urlEntry, tt.url)
			if tt.wantFound != "" {
				if !w.regionFound.box.Visible() || w.regionPick.Visible() {
					t.Errorf("found visible %t, picker visible %t; want the found Region only", w.regionFound.box.Visible(), w.regionPick.Visible())
				}
				if got := noteText(w.regionFound); got != tt.wantFound {
					t.Errorf("found:\n got %q\nwant %q", got, tt.wantFound)
				}
			} else {
				if w.regionFound.box.Visible() || !w.regionPick.Visible() {
					t.Errorf("found visible %t, picker visible %t; want the picker only", w.regionFound.box.Visible(), w.regionPick.Visible())
				}
				if got := noteText(w.regionNote); got != tt.wantNote {
					t.Errorf("note:\n got %q\nwant %q", got, tt.wantNote)
				}
				if diff := cmp.Diff(tt.wantList, w.matches); diff != "" {
					t.Errorf("list (-want +got):\n%s", diff)
				}
			}
			if w.addBtn.Disabled() == tt.wantOK {
				t.Errorf("Add disabled = %t, want %t", w.addBtn.Disabled(), !tt.wantOK)
			}
		})
	}
}

// TestWizardRegionPick picks a Region with Enter and from the list.
func TestWizardRegionPick(t *testing.T) {
	e := newEnv(t)
	w := openWizard(t, e, Prefill{StartURL: acmeURL})
	if got := len(w.matches); got != len(storage.KnownRegions()) {
		t.Errorf("the empty search lists %d Regions, want all %d", got, len(storage.KnownRegions()))
	}
	if got := noteText(w.regionNote); got != "hint: "+textRegionHint {
		t.Errorf("region note = %q", got)
	}

	typeInto(w.regionEntry, "ireland")
	press(w.regionEntry, fyne.KeyReturn)
	if w.regionEntry.Text != "eu-west-1" {
		t.Errorf("Enter on the only match: region = %q, want eu-west-1", w.regionEntry.Text)
	}
	if w.win.Canvas().Focused() != w.nameEntry {
		t.Error("after choosing the Region, the name field does not have the focus")
	}
	if e.u.wizard == nil || w.closed {
		t.Fatal("Enter in the Region field submitted the wizard")
	}

	typeInto(w.regionEntry, "frank")
	w.regionList.Select(0)
	if w.regionEntry.Text != "eu-central-1" {
		t.Errorf("clicking the list: region = %q, want eu-central-1", w.regionEntry.Text)
	}
	if w.addBtn.Disabled() {
		t.Error("Add is disabled after picking a Region")
	}
}

func TestSuggestName(t *testing.T) {
	inUse := func(names ...string) func(string) bool {
		return func(n string) bool {
			for _, m := range names {
				if m == n {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		url   string
		inUse []string
		want  string
	}{
		{acmeURL, nil, "acme"},
		{"https://ACME-Corp.awsapps.com/start", nil, "acme-corp"},
		{"https://d-1234567890.awsapps.com/start", nil, "work"},
		{ssoinsURL, nil, "work"},
		{"https://ssoins-7223a5a4e2f14a2b.portal.us-east-2.app.aws", nil, "work"},
		{"https://start.us-gov-home.awsapps.com/directory/x", nil, "work"},
		{"https://d-1234567890.awsapps.com/start", []string{"work"}, "work-2"},
		{acmeURL, []string{"acme", "acme-2"}, "acme-3"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			su, err := storage.ValidateStartURL(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if got := suggestName(su, inUse(tt.inUse...)); got != tt.want {
				t.Errorf("suggestName = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestWizardNameInUse checks names the config already has, as an
// sso-session or as a profile.
func TestWizardNameInUse(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig+"\n[sso-session work]\nsso_start_url = https://d-2234567890.awsapps.com/start\nsso_region = us-east-1\n"))
	w := openWizard(t, e, Prefill{})
	typeInto(w.urlEntry, "https://d-3234567890.awsapps.com/start")
	if got := w.nameEntry.Text; got != "work-2" {
		t.Errorf("suggested name = %q, want work-2 (work is taken)", got)
	}
	typeInto(w.regionEntry, "eu-west-1")
	for _, name := range []string{"corp", "dev"} {
		typeInto(w.nameEntry, name)
		want := `error: A sign-in or profile named "` + name + `" is already in your AWS config; choose another name`
		if got := noteText(w.nameNote); got != want {
			t.Errorf("name %s: note %q, want %q", name, got, want)
		}
		if !w.addBtn.Disabled() {
			t.Errorf("name %s: Add is enabled", name)
		}
	}
}

// TestWizardOffersTheExistingSignIn: a portal a sign-in already uses is
// said so, with the offer to sign in to that one instead.
func TestWizardOffersTheExistingSignIn(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	scriptSignIn(e, nil)
	w := openWizard(t, e, Prefill{})
	e.until("the config read", func() bool { return e.u.cfg != nil })
	typeInto(w.urlEntry, "https://acme.awsapps.com/start")
	if w.existing.box.Visible() {
		t.Error("a new portal is said to be in use")
	}
	typeInto(w.urlEntry, "https://D-1234567890.awsapps.com/start/#/") // corp's, as pasted
	if !w.existing.box.Visible() || w.existing.label.Text != "corp already signs in to this portal. Add another only if it needs other settings." {
		t.Fatalf("offer visible %t: %q", w.existing.box.Visible(), w.existing.label.Text)
	}
	if w.existing.btn.Text != "Sign in to corp instead" {
		t.Errorf("button %q", w.existing.btn.Text)
	}
	test.Tap(w.existing.btn)
	e.until("corp's sign-in window", func() bool { return e.u.signIns["corp"] != nil })
	if !w.closed {
		t.Error("the wizard stayed open")
	}
}

// TestWizardAddsAndSignsIn fills the wizard over an empty home, presses
// Enter, and sees the config written, the wizard gone, the row listed and
// the sign-in window open for the new sign-in.
func TestWizardAddsAndSignsIn(t *testing.T) {
	e := newEnv(t)
	scriptSignIn(e, nil) // the code stays unapproved
	w := openWizard(t, e, Prefill{})
	typeInto(w.urlEntry, acmeURL+"/#/") // as copied from the address bar
	typeInto(w.regionEntry, "eu-west-1")
	press(w.nameEntry, fyne.KeyReturn)

	e.until("the sign-in window", func() bool { return e.u.signIns["acme"] != nil })
	if !w.closed || e.u.wizard != nil {
		t.Error("the wizard is still open")
	}
	data, err := os.ReadFile(filepath.Join(e.home, ".aws", "config"))
	if err != nil {
		t.Fatal(err)
	}
	want := "[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n"
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if got := rowText(e.u.main); len(got) != 1 || !strings.HasPrefix(got[0], "acme | https://acme.awsapps.com/start (eu-west-1)") {
		t.Errorf("rows = %q", got)
	}
	sw := e.u.signIns["acme"]
	if got := sw.win.Title(); got != "Sign in to acme" {
		t.Errorf("sign-in window title = %q", got)
	}
	e.until("the code", func() bool { return viewOf(sw).code == "ABCD-EFGH" })
}

// TestWizardAddFails shows why adding failed and keeps the wizard open.
func TestWizardAddFails(t *testing.T) {
	e := newEnv(t)
	w := openWizard(t, e, Prefill{StartURL: acmeURL, Region: "eu-west-1", Name: "acme"})
	// Another program adds the same name after the wizard read the config.
	if err := storage.AddSSOSession(e.u.m.Paths().ConfigFile, "acme", acmeURL, "us-east-1"); err != nil {
		t.Fatal(err)
	}
	test.Tap(w.addBtn)
	if !w.addBtn.Disabled() {
		t.Error("Add stays enabled while adding")
	}
	e.until("the failure", func() bool { return w.failure.Visible() })
	if got := w.failure.Text; !strings.HasPrefix(got, `Could not add the sign-in: a sign-in or profile named "acme" is already in `) {
		t.Errorf("failure = %q", got)
	}
	if w.closed || len(e.u.signIns) != 0 {
		t.Error("a failed add closed the wizard or started a sign-in")
	}
	// The re-read config now knows the name.
	if got := noteText(w.nameNote); !strings.Contains(got, "already in your AWS config") {
		t.Errorf("name note = %q", got)
	}
}

// TestWizardPrefill opens the wizard as `ssotray add` does: the values are
// shown and checked, nothing is written, and the focus waits on Add.
func TestWizardPrefill(t *testing.T) {
	e := newEnv(t)
	w := openWizard(t, e, Prefill{Name: "corp", StartURL: " https://d-1234567890.awsapps.com/start", Region: "eu-west-1"})
	if w.urlEntry.Text != "https://d-1234567890.awsapps.com/start" || w.regionEntry.Text != "eu-west-1" || w.nameEntry.Text != "corp" {
		t.Errorf("fields = %q, %q, %q", w.urlEntry.Text, w.regionEntry.Text, w.nameEntry.Text)
	}
	for _, n := range []*note{w.urlNote, w.regionNote, w.nameNote} {
		if n.kind != noteOK {
			t.Errorf("note %q is not ok", n.label.Text)
		}
	}
	if w.addBtn.Disabled() {
		t.Error("Add is disabled")
	}
	if w.win.Canvas().Focused() != w.addBtn {
		t.Errorf("focus on %T, want the Add button", w.win.Canvas().Focused())
	}
	if _, err := os.Stat(e.u.m.Paths().ConfigFile); !os.IsNotExist(err) {
		t.Fatalf("the prefilled wizard wrote the config: %v", err)
	}

	// Opening it again (a second `ssotray add`) fills in what is given and
	// keeps the rest.
	e.u.OpenWizard(Prefill{Name: "corp2"})
	if e.u.wizard != w || w.nameEntry.Text != "corp2" || w.urlEntry.Text == "" {
		t.Errorf("second prefill: same wizard %t, name %q, url %q", e.u.wizard == w, w.nameEntry.Text, w.urlEntry.Text)
	}

	// Enter on the focused button confirms.
	scriptSignIn(e, nil)
	press(w.addBtn, fyne.KeyReturn)
	e.until("the sign-in window", func() bool { return e.u.signIns["corp2"] != nil })
}

func TestWizardPrefillFocusesTheProblem(t *testing.T) {
	tests := []struct {
		name  string
		p     Prefill
		focus func(w *wizard) fyne.Focusable
	}{
		{"bad URL", Prefill{StartURL: "https://example.com"}, func(w *wizard) fyne.Focusable { return w.urlEntry }},
		{"no Region", Prefill{StartURL: acmeURL}, func(w *wizard) fyne.Focusable { return w.regionEntry }},
		{"bad name", Prefill{StartURL: ssoinsURL, Name: "a b"}, func(w *wizard) fyne.Focusable { return w.nameEntry }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			w := openWizard(t, e, tt.p)
			if w.win.Canvas().Focused() != tt.focus(w) {
				t.Errorf("focus on %T, want the field with the problem", w.win.Canvas().Focused())
			}
			if !w.addBtn.Disabled() {
				t.Error("Add is enabled")
			}
		})
	}
}

// TestFirstRunOpensWizard checks that start opens the wizard when the
// config has no sign-ins, and only then.
func TestFirstRunOpensWizard(t *testing.T) {
	t.Run("no config", func(t *testing.T) {
		e := newEnv(t)
		e.u.start()
		if e.u.wizard == nil {
			t.Fatal("no wizard on the first run")
		}
		if !e.u.main.empty.Visible() {
			t.Error("the main window does not show its empty state")
		}
		// Its own button opens the same wizard.
		test.Tap(e.u.main.emptyAdd)
		test.Tap(e.u.main.addBtn)
		if n := countWindows("Add a sign-in"); n != 1 {
			t.Errorf("%d wizard windows, want 1", n)
		}
	})
	t.Run("sign-ins configured", func(t *testing.T) {
		e := newEnv(t, withConfig(corpConfig))
		e.u.start()
		if e.u.wizard != nil {
			t.Error("the wizard opened although corp is configured")
		}
		test.Tap(e.u.main.addBtn)
		if e.u.wizard == nil {
			t.Error("Add a sign-in… did not open the wizard")
		}
	})
	t.Run("prefilled before start", func(t *testing.T) {
		e := newEnv(t)
		e.u.OpenWizard(Prefill{Name: "corp"})
		w := e.u.wizard
		e.u.start()
		if e.u.wizard != w || w.nameEntry.Text != "corp" {
			t.Error("start replaced the prefilled wizard")
		}
	})
}

// countWindows counts the open windows whose title starts with prefix.
func countWindows(prefix string) int {
	n := 0
	for _, w := range fyne.CurrentApp().Driver().AllWindows() {
		if strings.HasPrefix(w.Title(), prefix) {
			n++
		}
	}
	return n
}

func TestWizardEscapeAndCancel(t *testing.T) {
	for _, tt := range []struct {
		name  string
		close func(w *wizard)
	}{
		{"Esc in the address field", func(w *wizard) { press(w.urlEntry, fyne.KeyEscape) }},
		{"Esc in the Region field", func(w *wizard) { press(w.regionEntry, fyne.KeyEscape) }},
		{"Esc on a button", func(w *wizard) { press(w.addBtn, fyne.KeyEscape) }},
		{"Esc with nothing focused", func(w *wizard) { w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) }},
		{"Cancel", func(w *wizard) { test.Tap(w.cancelBtn) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			w := openWizard(t, e, Prefill{StartURL: acmeURL, Region: "eu-west-1"})
			tt.close(w)
			if !w.closed || e.u.wizard != nil {
				t.Error("the wizard is still open")
			}
			if _, err := os.Stat(e.u.m.Paths().ConfigFile); !os.IsNotExist(err) {
				t.Errorf("closing wrote the config: %v", err)
			}
			if countWindows("Add a sign-in") != 0 {
				t.Error("the window was not closed")
			}
		})
	}
}

func TestWizardDemoTitle(t *testing.T) {
	e := newEnv(t, withOptions(Options{Demo: true}))
	w := openWizard(t, e, Prefill{})
	if got := w.win.Title(); got != "Add a sign-in — Demo" {
		t.Errorf("title = %q", got)
	}
	if !strings.Contains(test.RenderObjectToMarkup(w.win.Content()), "Demo: sign-ins added here") {
		t.Error("no Demo marker")
	}
}

// TestWizardTypingReplacesSuggestion focuses the name field holding a
// suggestion and types: the suggestion goes. A name the person typed stays
// when the field gains the focus again.
func TestWizardTypingReplacesSuggestion(t *testing.T) {
	e := newEnv(t)
	w := openWizard(t, e, Prefill{StartURL: acmeURL})
	c := w.win.Canvas()
	c.Focus(w.nameEntry)
	test.Type(w.nameEntry, "team")
	if w.nameEntry.Text != "team" {
		t.Errorf("name = %q, want the typed team in place of the suggestion", w.nameEntry.Text)
	}
	c.Focus(w.urlEntry)
	c.Focus(w.nameEntry)
	test.Type(w.nameEntry, "s")
	if w.nameEntry.Text != "teams" {
		t.Errorf("name = %q, want teams", w.nameEntry.Text)
	}
}
