package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/flow/idctest"
)

// guiAccountsScript runs `ssotray demo` with an organisation of accounts,
// signs in to corp, opens its accounts view, waits for the throttled
// listing, searches, opens the console from a role (a stand-in browser
// fetches the page the demo's federation endpoint serves), then opens the
// tray menu at corp's quick roles, screenshotting each step.
var guiAccountsScript = guiDemo("accounts-app.log", `
  xdotool mousemove 484 155 click 1   # corp: Sign in (approved at once)
  for i in $(seq 1 40); do xdotool search --name "^Sign in to corp" >/dev/null || break; sleep 0.5; done
  sleep 2
  xdotool mousemove 380 155 click 1   # corp: Accounts…
  timeout 15 xdotool search --sync --name "^Accounts" >/dev/null
  config=$(sed -n "s/.*, config \(.*\)$/\1/p" "$SHOTS/accounts-app.log" | head -n 1)
  home=$(dirname "$(dirname "$config")")
  for i in $(seq 1 120); do ls "$home"/.config/ssotray/accounts/*.json >/dev/null 2>&1 && break; sleep 0.5; done
  sleep 1.5
  import -window root "$SHOTS/accounts-view.png"
  xdotool mousemove 300 22 click 1
  xdotool type --delay 50 "prod admin"
  sleep 1.5
  import -window root "$SHOTS/accounts-search.png"
  xdotool mousemove 488 142 click 1   # the first role: Open console
  for i in $(seq 1 30); do [ -s "$SHOTS/console-page.html" ] && break; sleep 0.5; done
  sleep 1.5
  # The tray menu, then corp'"'"'s submenu of quick roles (keyboard: the
  # first enabled item is corp).
  xdotool mousemove 1008 752 click 1
  sleep 1.5
  xdotool key Down Right
  sleep 1.5
  import -window root "$SHOTS/tray-quick-roles.png"
  xdotool key Escape Escape
  item=$(busctl --user get-property org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
    org.kde.StatusNotifierWatcher RegisteredStatusNotifierItems | sed "s/.*\"\(.*\)\".*/\1/")
  busctl --user -- call "${item%%/*}" /StatusNotifierMenu com.canonical.dbusmenu GetLayout iias 0 -1 0 >"$SHOTS/tray-quick-roles.txt"`)

// fakeBrowser is an xdg-open that fetches the URL it is given, as a
// browser would (following redirects: a sign-in's page leads back to the
// app), and keeps the page: the sign-in's landing page apart from the
// console's.
const fakeBrowser = `#!/bin/sh
case "$1" in */authorize\?*) page=signin-landing.html ;; *) page=console-page.html ;; esac
exec python3 -c 'import sys, urllib.request; open(sys.argv[2], "wb").write(urllib.request.urlopen(sys.argv[1]).read())' "$1" "$SHOTS/$page"
`

func TestGUIAccountsViewConsoleAndQuickRoles(t *testing.T) {
	// A page from an earlier run must not pass for this one's.
	os.Remove(filepath.Join(artifacts(t), "screenshots", "console-page.html"))
	shots, out, err := runGUIScript(t, guiAccountsScript, map[string]string{"xdg-open": fakeBrowser},
		"SSOTRAY_DEMO_AUTO_APPROVE=0",
		// 200 accounts and their roles at the demo's 20 requests a second:
		// about ten seconds of throttled listing.
		"SSOTRAY_DEMO_ACCOUNTS=200")
	logData, _ := os.ReadFile(filepath.Join(shots, "accounts-app.log"))
	if err != nil {
		t.Fatalf("GUI run: %v\n%s\napp log:\n%s", err, out, logData)
	}
	if strings.Contains(string(logData), "Error in Fyne call thread") {
		t.Errorf("the app touched widgets off the Fyne thread:\n%s", logData)
	}
	for _, secret := range []string{"SigninToken", "Action=login", "sessionToken"} {
		if strings.Contains(string(logData), secret) {
			t.Errorf("the app's output holds %q:\n%s", secret, logData)
		}
	}
	page, err := os.ReadFile(filepath.Join(shots, "console-page.html"))
	if err != nil {
		t.Fatalf("Open console opened no page in the browser: %v\napp log:\n%s", err, logData)
	}
	if !strings.Contains(string(page), idctest.ConsolePageTitle) || !strings.Contains(string(page), "Admin") {
		t.Errorf("the console page does not name an admin role:\n%s", page)
	}
	raw, _ := os.ReadFile(filepath.Join(shots, "tray-quick-roles.txt"))
	menu := regexp.MustCompile(`\\[0-7]{3}`).ReplaceAllFunc(raw, func(esc []byte) []byte {
		n, _ := strconv.ParseUint(string(esc[1:]), 8, 8)
		return []byte{byte(n)}
	})
	// The role just used is corp's first quick role, before All accounts….
	quick := regexp.MustCompile(`"label" s "([^"]*Prod[^"]* — [^"]*Admin[^"]*)"`).FindSubmatch(menu)
	if quick == nil || !strings.Contains(string(menu), "All accounts…") {
		t.Errorf("the tray menu has no quick role for the console just opened:\n%s", menu)
	} else if name, role, _ := strings.Cut(string(quick[1]), " — "); !strings.Contains(string(page), name) || !strings.Contains(string(page), role) {
		t.Errorf("the quick role %q is not the one the console page names", quick[1])
	}
	for _, png := range []string{"accounts-view.png", "accounts-search.png", "tray-quick-roles.png"} {
		if info, err := os.Stat(filepath.Join(shots, png)); err != nil || info.Size() < 1000 {
			t.Errorf("screenshot %s missing or empty", png)
		}
	}
}
