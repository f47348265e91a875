package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// noKeyring is what the keyring answers on a headless Linux.
var noKeyring = &storage.KeyringUnavailableError{Err: errors.New("no Secret Service")}

// fillWizard opens the wizard for acme with every field good.
func fillWizard(t *testing.T, e *env) *wizard {
	t.Helper()
	w := openWizard(t, e, Prefill{})
	typeInto(w.urlEntry, acmeURL)
	typeInto(w.regionEntry, "eu-west-1")
	return w
}

func (e *env) secretMode(name string) storage.SecretMode {
	e.t.Helper()
	mode, err := e.u.m.SecretMode(name)
	if err != nil {
		e.t.Fatal(err)
	}
	return mode
}

func TestWizardKeyringChoice(t *testing.T) {
	t.Run("default: AWS CLI compatible", func(t *testing.T) {
		e := newEnv(t)
		scriptSignIn(e, nil)
		w := fillWizard(t, e)
		if w.mode.Selected != textModeCLI {
			t.Errorf("selected %q, want %q", w.mode.Selected, textModeCLI)
		}
		if diff := cmp.Diff([]string{textModeCLI, textModeKeyring}, w.mode.Options); diff != "" {
			t.Errorf("options (-want +got):\n%s", diff)
		}
		test.Tap(w.addBtn)
		e.until("the sign-in window", func() bool { return e.u.signIns["acme"] != nil })
		if got := e.secretMode("acme"); got != storage.SecretsCLI {
			t.Errorf("mode = %q", got)
		}
	})
	t.Run("keyring", func(t *testing.T) {
		e := newEnv(t)
		scriptSignIn(e, nil)
		w := fillWizard(t, e)
		w.mode.SetSelected(textModeKeyring)
		if !strings.HasPrefix(w.modeNote.Text, "Only ssotray can refresh") {
			t.Errorf("note = %q", w.modeNote.Text)
		}
		test.Tap(w.addBtn)
		e.until("the sign-in window", func() bool { return e.u.signIns["acme"] != nil })
		if got := e.secretMode("acme"); got != storage.SecretsKeyring {
			t.Errorf("mode = %q, want keyring before the sign-in starts", got)
		}
	})
	for _, yes := range []bool{true, false} {
		name := map[bool]string{true: "keyring unavailable, fall back", false: "keyring unavailable, do not"}[yes]
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			scriptSignIn(e, nil)
			e.secrets.Fail(noKeyring)
			w := fillWizard(t, e)
			w.mode.SetSelected(textModeKeyring)
			test.Tap(w.addBtn)
			e.until("the question", func() bool { return w.asking != nil })
			want := "The system keyring is not available (no Secret Service). Keep the refresh token in the AWS CLI's cache file instead?"
			if got := w.asking.text.Text; got != want {
				t.Errorf("question:\n got %q\nwant %q", got, want)
			}
			if cfg, err := e.u.m.Config(); err != nil || !cfg.NameInUse("acme") {
				t.Fatalf("acme is not in the config while the question is up (err %v)", err)
			}
			if w.closed || len(e.u.signIns) != 0 || !w.addBtn.Disabled() {
				t.Fatal("the wizard went on before the answer")
			}
			if w.win.Canvas().Focused() != w.asking.no {
				t.Error("the focus is not on No")
			}
			if yes {
				test.Tap(w.asking.yes)
			} else {
				test.Tap(w.asking.no)
			}
			if !w.closed {
				t.Error("the wizard stays open after the answer")
			}
			if got := e.u.signIns["acme"] != nil; got != yes {
				t.Errorf("signing in = %t, want %t", got, yes)
			}
			if got := e.secretMode("acme"); got != storage.SecretsCLI {
				t.Errorf("mode = %q, want the compatible one", got)
			}
			msg := e.u.main.message.Text
			if yes && !strings.HasSuffix(msg, "Its refresh token is kept in the AWS CLI's cache file.") ||
				!yes && !strings.Contains(msg, "but did not sign in") {
				t.Errorf("message = %q", msg)
			}
		})
	}
	t.Run("closing the wizard answers no", func(t *testing.T) {
		e := newEnv(t)
		e.secrets.Fail(noKeyring)
		w := fillWizard(t, e)
		w.mode.SetSelected(textModeKeyring)
		test.Tap(w.addBtn)
		e.until("the question", func() bool { return w.asking != nil })
		w.win.Close()
		if len(e.u.signIns) != 0 || !strings.Contains(e.u.main.message.Text, "but did not sign in") {
			t.Errorf("sign-ins %d, message %q", len(e.u.signIns), e.u.main.message.Text)
		}
	})
}

// rowMenuItem runs the row's ⋯ menu item called label; it fails the test
// when there is none.
func rowMenuItem(t *testing.T, e *env, row int, label string) {
	t.Helper()
	var labels []string
	for _, it := range e.u.main.rowMenu(e.u.main.rows[row]).Items {
		if it.Label == label {
			it.Action()
			return
		}
		labels = append(labels, it.Label)
	}
	t.Fatalf("no %q in the row menu %q", label, labels)
}

func TestRowSecretsSwitch(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	e.saveRefreshable("corp", t0.Add(8*time.Hour))
	e.startLive()
	if strings.HasSuffix(e.u.main.rows[0].detail.Text, "keyring") {
		t.Errorf("detail = %q before any switch", e.u.main.rows[0].detail.Text)
	}

	rowMenuItem(t, e, 0, textToKeyring)
	e.until("the move", func() bool {
		return strings.HasPrefix(e.u.main.message.Text, "corp keeps its refresh token in the system keyring now")
	})
	if got := e.secretMode("corp"); got != storage.SecretsKeyring {
		t.Errorf("mode = %q", got)
	}
	if keys := e.secrets.Keys(); len(keys) != 1 || keys[0] != "refresh/corp" {
		t.Errorf("keyring keys = %q", keys)
	}
	if got := e.u.main.rows[0].detail.Text; !strings.HasSuffix(got, " · keyring") {
		t.Errorf("detail = %q, want it to say keyring", got)
	}

	rowMenuItem(t, e, 0, textToCLI)
	e.until("the move back", func() bool {
		return strings.HasPrefix(e.u.main.message.Text, "corp keeps its secrets in the AWS CLI cache now")
	})
	if got := e.secretMode("corp"); got != storage.SecretsCLI {
		t.Errorf("mode = %q", got)
	}
	if keys := e.secrets.Keys(); len(keys) != 0 {
		t.Errorf("keyring keys left = %q", keys)
	}
	tok, err := storage.PathsFromHome(e.home).TokenCache().Load("corp")
	if err != nil || tok.RefreshToken != "REFRESH-SECRET" {
		t.Errorf("the refresh token is not back in the file (err %v)", err)
	}
}

func TestRowSecretsKeyringUnavailable(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	e.saveRefreshable("corp", t0.Add(8*time.Hour))
	e.secrets.Fail(noKeyring)
	e.startLive()

	// To the keyring: refused, plainly, and nothing changes.
	rowMenuItem(t, e, 0, textToKeyring)
	e.until("the refusal", func() bool { return e.u.main.message.Importance == widget.DangerImportance })
	if got, want := e.u.main.message.Text, "Could not move corp's secrets to the system keyring: it is not available (no Secret Service). Nothing changed."; got != want {
		t.Errorf("message:\n got %q\nwant %q", got, want)
	}
	if got := e.secretMode("corp"); got != storage.SecretsCLI {
		t.Errorf("mode = %q", got)
	}

	// In keyring mode while the keyring is gone, the row says so.
	e.secrets.Fail(nil)
	if err := e.u.m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	e.secrets.Fail(noKeyring)
	e.mon.Poke()
	e.until("the row's warning", func() bool { return e.u.main.rows[0].note.Visible() })
	if got := e.u.main.rows[0].note.Text; !strings.HasPrefix(got, "Keyring unavailable. The access token works until it expires") {
		t.Errorf("note = %q", got)
	}
	if got := diagnostics(e.u.main.rows[0].status, "", nil); !strings.Contains(got, "no Secret Service") {
		t.Errorf("the diagnostics lack the keyring's reason:\n%s", got)
	}

	// Back to the files: asked first, since the refresh token stays in the
	// keyring. Cancel keeps the keyring.
	rowMenuItem(t, e, 0, textToCLI)
	e.until("the question", func() bool { return e.u.main.asking != nil && !e.u.main.asking.done })
	q := e.u.main.asking
	if !strings.Contains(q.text.Text, "then you must sign in to corp again") {
		t.Errorf("question = %q", q.text.Text)
	}
	if e.u.main.win.Canvas().Focused() != q.no {
		t.Error("the focus is not on Cancel")
	}
	q.no.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := e.secretMode("corp"); got != storage.SecretsKeyring {
		t.Errorf("after Cancel: mode = %q", got)
	}

	rowMenuItem(t, e, 0, textToCLI)
	e.until("the question again", func() bool { return e.u.main.asking != q && !e.u.main.asking.done })
	test.Tap(e.u.main.asking.yes)
	e.until("the switch", func() bool {
		return strings.HasPrefix(e.u.main.message.Text, "corp keeps its secrets in the AWS CLI cache from now on")
	})
	if got := e.secretMode("corp"); got != storage.SecretsCLI {
		t.Errorf("mode = %q", got)
	}
}

func TestSecretsProblemText(t *testing.T) {
	st := status("corp", signin.SignedIn, t0)
	for _, tt := range []struct {
		mode storage.SecretMode
		err  error
		want string
	}{
		{storage.SecretsCLI, nil, ""},
		{storage.SecretsKeyring, noKeyring, "Keyring unavailable. The access token works until it expires; refreshing it needs the keyring."},
		{storage.SecretsKeyring, signin.ErrSecretsMissing, "The refresh token is missing from the system keyring; sign in again"},
		{"", errors.New("settings.json: not JSON"), "Cannot read ssotray's settings: settings.json: not JSON"},
	} {
		st.SecretMode, st.SecretsProblem = tt.mode, tt.err
		if got := secretsProblemText(st); got != tt.want {
			t.Errorf("%v/%v: %q, want %q", tt.mode, tt.err, got, tt.want)
		}
	}
	out := status("corp", signin.SignedOut, time.Time{})
	out.SecretMode, out.SecretsProblem = storage.SecretsKeyring, noKeyring
	if got, want := secretsProblemText(out), "Keyring unavailable. Signing in needs it, or choose “"+textToCLI+"” in the ⋯ menu."; got != want {
		t.Errorf("signed out: %q, want %q", got, want)
	}
}
