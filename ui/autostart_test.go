package ui

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// fakeAutostart is an Autostarter in memory. A set err makes Enable and
// Disable fail; stuck makes Enable succeed without the entry counting (as
// an entry that starts another binary does not).
type fakeAutostart struct {
	mu    sync.Mutex
	on    bool
	err   error
	stuck bool
	calls []string
}

func (f *fakeAutostart) Enabled() (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "enabled")
	return f.on, nil
}

func (f *fakeAutostart) Enable() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "enable")
	if f.err != nil {
		return f.err
	}
	f.on = !f.stuck
	return nil
}

func (f *fakeAutostart) Disable() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "disable")
	if f.err != nil {
		return f.err
	}
	f.on = false
	return nil
}

func (f *fakeAutostart) Location() string {
	return "/home/u/.config/autostart/io.github.ssotray.desktop"
}

// loginItem returns the tray menu's Start at login item, or nil.
func loginItem(tr *fakeTray) *fyne.MenuItem {
	for _, it := range tr.last().Items {
		if it.Label == "Start at login" {
			return it
		}
	}
	return nil
}

func TestStartAtLoginInTray(t *testing.T) {
	tr := &fakeTray{}
	as := &fakeAutostart{}
	e := newEnv(t, withConfig(corpConfig), withTray(tr), withOptions(Options{Autostart: as, Hidden: true}))
	e.startLive()
	item := loginItem(tr)
	if item == nil {
		t.Fatal("no Start at login item")
	}
	if last := tr.last().Items[len(tr.last().Items)-1]; last != item {
		t.Errorf("the last item is %q, want Start at login (Fyne adds Quit after it)", last.Label)
	}
	if item.Checked {
		t.Error("checked while the entry is off")
	}
	if e.u.main.login != nil {
		t.Error("the window has its own check although the tray has one")
	}

	item.Action()
	e.until("on", func() bool { return loginItem(tr).Checked })
	if got := e.u.main.message.Text; got != "ssotray will start when you log in (/home/u/.config/autostart/io.github.ssotray.desktop)." {
		t.Errorf("message = %q", got)
	}
	if e.u.mainTicker != nil {
		t.Error("a success brought the window up")
	}

	loginItem(tr).Action()
	e.until("off", func() bool { return !loginItem(tr).Checked && !e.u.autostart.busy })
	if as.on {
		t.Error("the entry is still on")
	}

	// A failure shows in the window, which comes up to show it; the check
	// stays as the entry is.
	as.err = errors.New("write autostart file: permission denied")
	loginItem(tr).Action()
	e.until("the failure", func() bool { return !e.u.autostart.busy && e.u.main.message.Importance == widget.DangerImportance })
	if got := e.u.main.message.Text; got != "Could not turn on Start at login: write autostart file: permission denied" {
		t.Errorf("message = %q", got)
	}
	if loginItem(tr).Checked {
		t.Error("checked after a failed switch")
	}
	if e.u.mainTicker == nil {
		t.Error("the window did not come up to show the failure")
	}

	// An entry that does not start this binary is not on.
	as.err, as.stuck = nil, true
	loginItem(tr).Action()
	e.until("the check", func() bool { return !e.u.autostart.busy })
	if loginItem(tr).Checked || !strings.HasPrefix(e.u.main.message.Text, "Start at login is still off") {
		t.Errorf("checked %t, message %q", loginItem(tr).Checked, e.u.main.message.Text)
	}
}

func TestStartAtLoginInWindow(t *testing.T) {
	as := &fakeAutostart{on: true}
	// A long version makes the footer beside the check wrap onto several
	// lines, as a long config path does on a narrow window.
	long := strings.Repeat("long-version-", 20)
	e := newEnv(t, withConfig(corpConfig), withOptions(Options{Autostart: as, Version: long}))
	e.startLive()
	check := e.u.main.login
	if check == nil {
		t.Fatal("no Start at login check in the window without a tray")
	}
	e.u.main.win.Resize(fyne.NewSize(420, 500))
	if footer := e.u.main.footer; footer.Size().Height <= check.MinSize().Height {
		t.Fatalf("the footer is %v high, beside a check %v high: it does not wrap", footer.Size(), check.MinSize())
	}
	if check.Size().Height != check.MinSize().Height {
		t.Errorf("the check is stretched to %v beside the wrapped footer; its min size is %v", check.Size(), check.MinSize())
	}
	if !check.Checked {
		t.Error("unchecked while the entry is on")
	}
	test.Tap(check)
	e.until("off", func() bool { return !e.u.autostart.busy })
	if check.Checked || as.on {
		t.Errorf("check %t, entry %t; want both off", check.Checked, as.on)
	}
	as.err = errors.New("boom")
	test.Tap(check)
	e.until("the failure", func() bool { return !e.u.autostart.busy })
	if check.Checked {
		t.Error("the check does not follow the entry after a failure")
	}
	if got := e.u.main.message.Text; got != "Could not turn on Start at login: boom" {
		t.Errorf("message = %q", got)
	}
}

func TestNoAutostartNoItem(t *testing.T) {
	tr := &fakeTray{}
	e := newEnv(t, withConfig(corpConfig), withTray(tr))
	e.startLive()
	if loginItem(tr) != nil || e.u.main.login != nil {
		t.Error("Start at login shows without an Autostarter")
	}
}
