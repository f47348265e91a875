package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/signin"
)

// firstSubmenu returns the labels of the first sign-in's submenu in the
// tray's last menu, or nil when there is none.
func firstSubmenu(tr *fakeTray) []string {
	m := tr.last()
	if m == nil || len(m.Items) == 0 || m.Items[0].ChildMenu == nil {
		return nil
	}
	var out []string
	for _, it := range m.Items[0].ChildMenu.Items {
		out = append(out, it.Label)
	}
	return out
}

// quickRoles returns n quick roles, the first pinned.
func quickRoles(n int) []accounts.QuickRole {
	var out []accounts.QuickRole
	for i := range n {
		out = append(out, accounts.QuickRole{
			Role:   accounts.Role{AccountID: fmt.Sprintf("%012d", i+1), AccountName: fmt.Sprintf("Account %d", i+1), RoleName: "Developer"},
			Pinned: i == 0, UsedAt: t0.Add(-time.Duration(i) * time.Hour),
		})
	}
	return out
}

func TestMenuForQuickRoles(t *testing.T) {
	var got []string
	act := menuActions{
		OpenConsole: func(name string, r accounts.Role) { got = append(got, "console "+name+" "+r.AccountID+"/"+r.RoleName) },
		AllAccounts: func(name string) { got = append(got, "all "+name) },
	}
	statuses := []signin.Status{
		status("corp", signin.SignedIn, t0.Add(time.Hour)),
		status("fresh", signin.SignedIn, t0.Add(time.Hour)),
		status("sandbox", signin.SignedOut, time.Time{}),
	}
	info := menuInfo{Accounts: true, QuickRoles: map[string][]accounts.QuickRole{
		"corp":    quickRoles(7), // more than the tray shows
		"sandbox": quickRoles(2), // signed out: none shown
	}}
	m := menuFor(statuses, t0, info, act)
	want := []string{
		"corp — 1 h 0 m left",
		"corp — 1 h 0 m left > Account 1 — Developer",
		"corp — 1 h 0 m left > Account 2 — Developer",
		"corp — 1 h 0 m left > Account 3 — Developer",
		"corp — 1 h 0 m left > Account 4 — Developer",
		"corp — 1 h 0 m left > Account 5 — Developer",
		"corp — 1 h 0 m left > All accounts…",
		"corp — 1 h 0 m left > ",
		"corp — 1 h 0 m left > Sign out",
		"fresh — 1 h 0 m left",
		"fresh — 1 h 0 m left > All accounts…",
		"fresh — 1 h 0 m left > ",
		"fresh — 1 h 0 m left > Sign out",
		"sandbox — signed out", "sandbox — signed out > Sign in",
		"---", "Open ssotray", "Add a sign-in…",
	}
	if diff := cmp.Diff(want, menuText(m)); diff != "" {
		t.Errorf("menu (-want +got):\n%s", diff)
	}
	corp := m.Items[0].ChildMenu.Items
	corp[0].Action()
	corp[4].Action()
	corp[5].Action()
	if diff := cmp.Diff([]string{"console corp 000000000001/Developer", "console corp 000000000005/Developer", "all corp"}, got); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
	// Without Accounts the menu is as before.
	plain := []string{
		"corp — 1 h 0 m left", "corp — 1 h 0 m left > Sign out",
		"fresh — 1 h 0 m left", "fresh — 1 h 0 m left > Sign out",
		"sandbox — signed out", "sandbox — signed out > Sign in",
		"---", "Open ssotray", "Add a sign-in…",
	}
	if diff := cmp.Diff(plain, menuText(menuFor(statuses, t0, menuInfo{QuickRoles: info.QuickRoles}, act))); diff != "" {
		t.Errorf("menu without Accounts (-want +got):\n%s", diff)
	}
}

func TestTrayQuickRoles(t *testing.T) {
	tr := &fakeTray{}
	f := &fakeRoles{cached: sampleList(t0), quick: quickRoles(7), consoleURL: consoleSecret}
	var opened []string
	e := rolesEnv(t, f, &opened, withTray(tr))
	e.u.start()
	quick := func() []string { return firstSubmenu(tr) }
	e.until("the quick roles in the tray", func() bool { return len(quick()) == 8 })
	want := []string{
		"Account 1 — Developer", "Account 2 — Developer", "Account 3 — Developer", "Account 4 — Developer",
		"Account 5 — Developer", "All accounts…", "", "Sign out",
	}
	if diff := cmp.Diff(want, quick()); diff != "" {
		t.Errorf("corp's submenu (-want +got):\n%s", diff)
	}
	// Open console from the tray: the URL goes to the browser, the use is
	// recorded, and the tray reads its quick roles again.
	menus := len(tr.menus)
	f.mu.Lock()
	f.quick = append([]accounts.QuickRole{{Role: accounts.Role{AccountID: "000000000003", AccountName: "Account 3", RoleName: "Developer"}}}, quickRoles(2)...)
	f.mu.Unlock()
	tr.last().Items[0].ChildMenu.Items[2].Action()
	e.until("the console and the new quick roles", func() bool { return len(tr.menus) > menus && len(quick()) == 6 })
	if diff := cmp.Diff([]string{consoleSecret}, opened); diff != "" {
		t.Errorf("opened (-want +got):\n%s", diff)
	}
	if n := f.count("TouchRole corp 000000000003/Developer"); n != 1 {
		t.Errorf("%d uses recorded, want 1", n)
	}
	// All accounts… opens the view.
	tr.last().Items[0].ChildMenu.Items[3].Action()
	if e.u.accountsWins["corp"] == nil {
		t.Error("All accounts… opened no view")
	}
}

// TestTrayQuickRolesFollowOtherPrograms: a role used from the command line
// (`ssotray console`) joins the tray's quick roles at the next minute tick,
// with no snapshot from the monitor.
func TestTrayQuickRolesFollowOtherPrograms(t *testing.T) {
	tr := &fakeTray{}
	f := &fakeRoles{cached: sampleList(t0), quick: quickRoles(1), consoleURL: consoleSecret}
	var opened []string
	e := rolesEnv(t, f, &opened, withTray(tr))
	e.u.start()
	labels := func() []string { return firstSubmenu(tr) }
	e.until("one quick role", func() bool {
		return len(labels()) > 0 && labels()[0] == "Account 1 — Developer" && labels()[1] == textAllAccounts
	})
	minute := e.tickerOf(menuEvery)
	f.mu.Lock()
	f.quick = quickRoles(2)
	f.mu.Unlock()
	go minute()
	e.until("the role used elsewhere in the tray", func() bool { return len(labels()) > 1 && labels()[1] == "Account 2 — Developer" })
}

// TestTrayQuickRolesScreenshot draws the tray menu's submenu of quick
// roles as a Fyne menu (the real tray is drawn by the desktop), for people
// to look at.
func TestTrayQuickRolesScreenshot(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, theme.DefaultTheme())
	info := menuInfo{Accounts: true, QuickRoles: map[string][]accounts.QuickRole{"corp": {
		{Role: accounts.Role{AccountID: "1", AccountName: "Production — payments", RoleName: "ReadOnlyAccess"}, Pinned: true},
		{Role: accounts.Role{AccountID: "2", AccountName: "Sandbox", RoleName: "AdministratorAccess"}},
		{Role: accounts.Role{AccountID: "3", AccountName: "Équipe données", RoleName: "Developer"}},
	}}}
	m := menuFor([]signin.Status{status("corp", signin.SignedIn, t0.Add(7*time.Hour+12*time.Minute))}, t0, info, menuActions{})
	top := widget.NewMenu(m)
	sub := widget.NewMenu(m.Items[0].ChildMenu)
	w := test.NewTempWindow(t, container.NewHBox(container.NewVBox(top), container.NewVBox(sub)))
	w.Resize(fyne.NewSize(top.MinSize().Width+sub.MinSize().Width+8, sub.MinSize().Height+8))
	saveScreenshot(t, w.Canvas(), "tray-quick-roles.png")
	if strings.Contains(strings.Join(menuText(m), "\n"), "http") {
		t.Error("the menu shows an address")
	}
}
