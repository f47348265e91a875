package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// guiBrowserScript clicks Sign in on corp in the demo, whose browser
// sign-in page is scripted never to come back: the window waits with
// "Continue in your browser"; then "Use a code instead" switches it to the
// code, which the demo approves after a few polls.
var guiBrowserScript = guiDemo("browser-app.log", `
  xdotool mousemove 484 155 click 1   # corp: Sign in
  timeout 15 xdotool search --sync --name "^Sign in to corp" >/dev/null
  for i in $(seq 1 30); do [ -s "$SHOTS/authorize-url.txt" ] && break; sleep 0.5; done
  sleep 1.5
  import -window root "$SHOTS/signin-browser.png"
  xdotool mousemove 90 696 click 1    # Use a code instead
  sleep 1.5
  import -window root "$SHOTS/signin-use-code.png"
  for i in $(seq 1 40); do xdotool search --name "^Sign in to corp" >/dev/null || break; sleep 0.5; done
  config=$(sed -n "s/.*, config \(.*\)$/\1/p" "$SHOTS/browser-app.log" | head -n 1)
  HOME=$(dirname "$(dirname "$config")") AWS_CONFIG_FILE=$config "$BIN" status --json >"$SHOTS/browser-status.json"`)

// recordingBrowser is an xdg-open that keeps the URL it was asked to open
// and fetches it, as a browser would.
const recordingBrowser = `#!/bin/sh
printf '%s\n' "$1" >>"$SHOTS/authorize-url.txt"
exec python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1]).read()' "$1"
`

func TestGUIBrowserSignInAndUseACodeInstead(t *testing.T) {
	os.Remove(filepath.Join(artifacts(t), "screenshots", "authorize-url.txt"))
	shots, out, err := runGUIScript(t, guiBrowserScript, map[string]string{"xdg-open": recordingBrowser},
		"SSOTRAY_DEMO_AUTHORIZE=never", "SSOTRAY_DEMO_AUTO_APPROVE=3")
	logData, _ := os.ReadFile(filepath.Join(shots, "browser-app.log"))
	if err != nil {
		t.Fatalf("GUI run: %v\n%s\napp log:\n%s", err, out, logData)
	}
	// One click opened the browser at the sign-in page, once.
	opened, _ := os.ReadFile(filepath.Join(shots, "authorize-url.txt"))
	lines := strings.Split(strings.TrimSpace(string(opened)), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "/authorize?response_type=code&client_id=") ||
		!strings.Contains(lines[0], "redirect_uri=http%3A%2F%2F127.0.0.1%3A") {
		t.Errorf("the app opened %q, want the sign-in page once", opened)
	}
	for _, png := range []string{"signin-browser.png", "signin-use-code.png"} {
		if info, err := os.Stat(filepath.Join(shots, png)); err != nil || info.Size() < 1000 {
			t.Errorf("screenshot %s missing or empty", png)
		}
	}
	data, _ := os.ReadFile(filepath.Join(shots, "browser-status.json"))
	var st []statusEntry
	if err := json.Unmarshal(data, &st); err != nil || len(st) == 0 {
		t.Fatalf("status after the GUI sign-in: %v\n%s", err, data)
	}
	if st[0].Name != "corp" || st[0].State != "signed-in" {
		t.Errorf("after Use a code instead, corp is %+v", st[0])
	}
	if strings.Contains(string(logData), "Error in Fyne call thread") {
		t.Errorf("the app touched widgets off the Fyne thread:\n%s", logData)
	}
}
