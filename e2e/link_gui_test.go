package e2e

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// linkConfig is the person's config: one sign-in, so the app opens its
// main window rather than the first-run wizard.
const linkConfig = `# hand-written: keep me
[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access
`

// linkCase is one link opened with xdg-open; the screenshot is
// link-<name>.png.
type linkCase struct{ name, link string }

// linkCases are a good link (with a parameter ssotray does not know) and
// the hostile ones: each must open the wizard and nothing else.
func linkCases() []linkCase {
	q := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return "ssotray://add?" + v.Encode()
	}
	return []linkCase{
		{"good", q("start_url", "https://d-9876543210.awsapps.com/start", "region", "eu-central-1", "name", "helpdesk-sent", "utm_source", "chat")},
		{"http", q("start_url", "http://d-9876543210.awsapps.com/start", "region", "eu-central-1", "name", "plain")},
		{"not-aws", q("start_url", "https://login.evil.example.com/start", "region", "eu-central-1", "name", "evil")},
		{"10kB", q("start_url", "https://d-9876543210.awsapps.com/start", "region", "eu-central-1", "name", strings.Repeat("x", 10<<10))},
		{"script", q("start_url", "https://d-9876543210.awsapps.com/start", "region", "eu-central-1", "name", `<script>alert("pwned")</script>`)},
	}
}

// linkSteps opens each link in $SHOTS/links.txt ("name link" lines) with
// xdg-open while the app runs, screenshots the wizard it opens, closes
// it with Escape, and keeps the config as the links left it.
const linkSteps = `
  xdg-mime query default x-scheme-handler/ssotray >"$SHOTS/link-handler.txt"
  while read -r name link; do
    echo "== $name" >>"$SHOTS/link-xdg-open.txt"
    timeout 20 xdg-open "$link" >>"$SHOTS/link-xdg-open.txt" 2>&1 </dev/null
    timeout 15 xdotool search --sync --name "^Add a sign-in" >/dev/null
    sleep 1
    import -window root "$SHOTS/link-$name.png"
    # No window manager: keys go to the window under the pointer.
    xdotool mousemove 280 200 key Escape
    for i in $(seq 1 30); do xdotool search --name "^Add a sign-in" >/dev/null || break; sleep 0.3; done
  done <"$SHOTS/links.txt"
  cp "$HOME/.aws/config" "$SHOTS/link-config-after"
`

// guiApp wraps steps as guiDemo does, but runs the real app ($BIN with no
// command) on the home's own config, with its output in $SHOTS/LOG.
func guiApp(log, steps string) string {
	return guiSession(`
  LIBGL_ALWAYS_SOFTWARE=1 "$BIN" >"$SHOTS/` + log + `" 2>&1 &
  app=$!
  trap "kill $app $bar 2>/dev/null || true" EXIT
  timeout 30 xdotool search --sync --name "^ssotray" >/dev/null
  sleep 1
` + steps + `
  kill $app
  wait $app || true`)
}

// TestGUILinksOpenOnlyTheWizard opens an ssotray:// link with xdg-open,
// as a browser or chat does, while the app runs: the link reaches it over
// the single-instance channel and opens the wizard prefilled; each hostile
// link opens the wizard with its problem and nothing filled in; no link
// adds a sign-in. The handler is registered for this user as a user
// install would (the .deb's system-wide one is TestDebPackage's).
func TestGUILinksOpenOnlyTheWizard(t *testing.T) {
	prep := `
mkdir -p "$HOME/.aws" "$XDG_DATA_HOME/applications"
printf %s "$CONFIG" >"$HOME/.aws/config"
cat >"$XDG_DATA_HOME/applications/ssotray-test.desktop" <<ENTRY
[Desktop Entry]
Type=Application
Name=ssotray (test)
Exec=$APP %u
MimeType=x-scheme-handler/ssotray;
NoDisplay=true
ENTRY
update-desktop-database "$XDG_DATA_HOME/applications"
xdg-mime default ssotray-test.desktop x-scheme-handler/ssotray
`
	shots := filepath.Join(artifacts(t), "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	var lines strings.Builder
	for _, c := range linkCases() {
		lines.WriteString(c.name + " " + c.link + "\n")
	}
	if err := os.WriteFile(filepath.Join(shots, "links.txt"), []byte(lines.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(shots, "link-xdg-open.txt"))
	app := filepath.Join(filepath.Dir(binary), "ssotray-app")
	_, out, err := runGUIScript(t, prep+guiApp("link-app.log", linkSteps), nil,
		"APP="+app, "CONFIG="+linkConfig, "SSOTRAY_MANAGED_FILE=/nonexistent/managed.json")
	logData, _ := os.ReadFile(filepath.Join(shots, "link-app.log"))
	opened, _ := os.ReadFile(filepath.Join(shots, "link-xdg-open.txt"))
	if err != nil {
		t.Fatalf("GUI run: %v\n%s\napp log:\n%s\nxdg-open:\n%s", err, out, logData, opened)
	}
	if handler, _ := os.ReadFile(filepath.Join(shots, "link-handler.txt")); strings.TrimSpace(string(handler)) != "ssotray-test.desktop" {
		t.Errorf("xdg-mime's handler for ssotray:// is %q", handler)
	}
	// Every link went to the running app: each launch handed over and left.
	if n := strings.Count(string(opened), "ssotray is already running; brought it forward"); n != len(linkCases()) {
		t.Errorf("%d of %d links reached the running app:\n%s", n, len(linkCases()), opened)
	}
	for _, c := range linkCases() {
		if info, err := os.Stat(filepath.Join(shots, "link-"+c.name+".png")); err != nil || info.Size() < 1000 {
			t.Errorf("screenshot link-%s.png missing or empty", c.name)
		}
	}
	after, _ := os.ReadFile(filepath.Join(shots, "link-config-after"))
	if string(after) != linkConfig {
		t.Errorf("a link changed the config:\n%s", after)
	}
	for _, bad := range []string{"Fyne error", "Error in Fyne call thread", "added "} {
		if strings.Contains(string(logData), bad) {
			t.Errorf("the app log has %q:\n%s", bad, logData)
		}
	}
}
