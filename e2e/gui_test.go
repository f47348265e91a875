package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// guiDemo runs steps in a guiSession with `ssotray demo` running, its
// output in $SHOTS/LOG and its main window up. The steps
// run in bash with $app set, quoted for single quotes; the app is stopped
// after them, and what it left in the real home's ~/.config/fyne is listed
// in $SHOTS/LOG.fyne-config.
func guiDemo(log, steps string) string {
	return guiSession(`
  LIBGL_ALWAYS_SOFTWARE=1 "$BIN" demo >"$SHOTS/` + log + `" 2>&1 &
  app=$!
  trap "kill $app $bar 2>/dev/null || true" EXIT
  timeout 30 xdotool search --sync --name "^ssotray" >/dev/null
  sleep 1
` + steps + `
  kill $app
  wait $app
  ls -a "$HOME/.config/fyne" >"$SHOTS/` + log + `.fyne-config" 2>&1 || true`)
}

// guiSession runs steps in bash on an Xvfb display (1024×768, no window
// manager, so windows sit at 0,0) with a StatusNotifier watcher and a
// visible tray bar (its icon bottom right; $bar is its process, stopped at
// exit unless the steps set their own trap). The steps are quoted for
// single quotes.
func guiSession(steps string) string {
	return `
status-notifier-watcher >/dev/null 2>&1 &
watcher=$!
trap 'kill $watcher 2>/dev/null || true' EXIT
xvfb-run -a -s "-screen 0 1024x768x24" bash -euo pipefail -c '
  gtk-sni-tray-standalone --bottom --end --size 32 >/dev/null 2>&1 &
  bar=$!
  trap "kill $bar 2>/dev/null || true" EXIT
  sleep 1
` + steps + `
'
`
}

// guiScript signs in to "corp" by clicking, lets the demo server approve
// the code, opens the tray menu, then the wizard, and screenshots each step.
var guiScript = guiDemo("app.log", `
  import -window root "$SHOTS/main-window.png"
  busctl --user get-property org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
    org.kde.StatusNotifierWatcher RegisteredStatusNotifierItems >"$SHOTS/tray.txt"
  # A second launch hands over to the running app and exits.
  timeout 20 "$BIN" demo >"$SHOTS/second-launch.txt" 2>&1
  # The first row'"'"'s Sign in button (no window manager: the window is at 0,0).
  xdotool mousemove 484 155 click 1
  timeout 15 xdotool search --sync --name "^Sign in to corp" >/dev/null
  sleep 1
  import -window root "$SHOTS/signin-window.png"
  # Open browser, with no browser to start (the xdg-open on PATH fails).
  xdotool mousemove 240 452 click 1
  sleep 0.7
  import -window root "$SHOTS/signin-browser-error.png"
  # Every window identifies as the app (WM_CLASS), not by its title.
  for w in $(xdotool search --name "^(ssotray|Sign in to corp)"); do xprop -id "$w" WM_NAME WM_CLASS; done >"$SHOTS/wm-class.txt"
  # The server approves after a few polls; the window closes itself after.
  for i in $(seq 1 40); do xdotool search --name "^Sign in to corp" >/dev/null || break; sleep 0.5; done
  sleep 1
  import -window root "$SHOTS/signed-in.png"
  # The tray menu, as the tray bar shows it (the icon sits bottom right),
  # and its items as the app exported them over D-Bus.
  xdotool mousemove 1008 752 click 1
  sleep 1.5
  import -window root "$SHOTS/tray-menu.png"
  xdotool key Escape
  item=$(busctl --user get-property org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
    org.kde.StatusNotifierWatcher RegisteredStatusNotifierItems | sed "s/.*\"\(.*\)\".*/\1/")
  busctl --user -- call "${item%%/*}" /StatusNotifierMenu com.canonical.dbusmenu GetLayout iias 0 -1 0 >"$SHOTS/tray-menu.txt"
  config=$(sed -n "s/.*, config \(.*\)$/\1/p" "$SHOTS/app.log" | head -n 1)
  HOME=$(dirname "$(dirname "$config")") AWS_CONFIG_FILE=$config "$BIN" status --json >"$SHOTS/status.json"
  # The wizard, from the main window'"'"'s Add a sign-in…, a URL pasted.
  xdotool mousemove 485 24 click 1
  timeout 15 xdotool search --sync --name "^Add a sign-in" >/dev/null
  sleep 1
  xdotool type --delay 20 "https://acme.awsapps.com/start/#/"
  sleep 1
  import -window root "$SHOTS/wizard.png"
  xprop -id "$(xdotool search --name "^Add a sign-in" | head -n 1)" WM_NAME WM_CLASS >>"$SHOTS/wm-class.txt"
  xdotool key Escape`)

func TestGUIDemoSignsIn(t *testing.T) {
	// xdg-open fails as it does with no browser installed.
	noBrowser := map[string]string{"xdg-open": "#!/bin/sh\nexit 4\n"}
	// The device code's window, as a person who chose it sees it.
	shots, out, err := runGUIScript(t, guiScript, noBrowser, "SSOTRAY_DEMO_AUTO_APPROVE=5", "SSOTRAY_USE_DEVICE_CODE=1")
	logData, _ := os.ReadFile(filepath.Join(shots, "app.log"))
	if err != nil {
		t.Fatalf("GUI run: %v\n%s\napp log:\n%s", err, out, logData)
	}
	classes, _ := os.ReadFile(filepath.Join(shots, "wm-class.txt"))
	for _, title := range []string{"ssotray — Demo", "Sign in to corp — Demo", "Add a sign-in — Demo"} {
		if !regexp.MustCompile(`WM_NAME\([A-Z0-9_]+\) = "` + regexp.QuoteMeta(title) + `"\nWM_CLASS\(STRING\) = "ssotray", "ssotray"\n`).Match(classes) {
			t.Errorf("the window %q does not identify as ssotray:\n%s", title, classes)
		}
	}
	if left, _ := os.ReadFile(filepath.Join(shots, "app.log.fyne-config")); !strings.Contains(string(left), "No such file") {
		t.Errorf("the demo left Fyne files in the home directory: %s", left)
	}
	if strings.Contains(string(logData), "Fyne error") {
		t.Errorf("the demo printed Fyne errors:\n%s", logData)
	}
	if strings.Contains(string(logData), "Error parsing user locale") {
		t.Errorf("Fyne's start-up locale error reached stderr:\n%s", logData)
	}
	if strings.Contains(string(logData), "Error in Fyne call thread") {
		t.Errorf("the app touched widgets off the Fyne thread:\n%s", logData)
	}
	second, _ := os.ReadFile(filepath.Join(shots, "second-launch.txt"))
	if !strings.Contains(string(second), "already running") {
		t.Errorf("a second launch did not hand over to the running app: %q", second)
	}
	tray, _ := os.ReadFile(filepath.Join(shots, "tray.txt"))
	if !strings.HasPrefix(string(tray), "as 1 ") {
		t.Errorf("the tray icon did not register with the StatusNotifier watcher: %q", tray)
	}
	raw, _ := os.ReadFile(filepath.Join(shots, "tray-menu.txt"))
	// busctl writes non-ASCII bytes as octal escapes (\342\200\224 is "—").
	menu := regexp.MustCompile(`\\[0-7]{3}`).ReplaceAllFunc(raw, func(esc []byte) []byte {
		n, _ := strconv.ParseUint(string(esc[1:]), 8, 8)
		return []byte{byte(n)}
	})
	for _, want := range []string{"corp — ", " left", "sandbox — signed out", "Open ssotray", "Add a sign-in", "Quit"} {
		if !strings.Contains(string(menu), want) {
			t.Errorf("the tray menu lacks %q:\n%s", want, menu)
		}
	}
	for _, png := range []string{"main-window.png", "signin-window.png", "signin-browser-error.png", "signed-in.png", "tray-menu.png", "wizard.png"} {
		if info, err := os.Stat(filepath.Join(shots, png)); err != nil || info.Size() < 1000 {
			t.Errorf("screenshot %s missing or empty", png)
		}
	}
	data, _ := os.ReadFile(filepath.Join(shots, "status.json"))
	var st []statusEntry
	if err := json.Unmarshal(data, &st); err != nil || len(st) == 0 {
		t.Fatalf("status after the GUI sign-in: %v\n%s", err, data)
	}
	if st[0].Name != "corp" || st[0].State != "signed-in" {
		t.Errorf("after clicking Sign in, corp is %+v", st[0])
	}
}

// runGUIScript runs script with bash on a private D-Bus session, in a
// throw-away home, with BIN set to the ssotray command and SHOTS to the
// folder for screenshots, which it returns with what the script printed.
// The script starts its own StatusNotifier watcher and Xvfb. bin holds
// executables (name to script) to put first on PATH; env is added.
func runGUIScript(t *testing.T, script string, bin map[string]string, env ...string) (shots string, out []byte, err error) {
	t.Helper()
	for _, tool := range []string{"dbus-run-session", "xvfb-run", "xdotool", "import", "busctl", "status-notifier-watcher", "gtk-sni-tray-standalone"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing (make deps installs it): %v", tool, err)
		}
	}
	shots = filepath.Join(artifacts(t), "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	// Not t.TempDir: the session bus and the app may still be writing there
	// while they stop.
	work, err := os.MkdirTemp("", "ssotray-gui-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(work) })
	path := os.Getenv("PATH")
	if len(bin) > 0 {
		dir := filepath.Join(work, "bin")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, text := range bin {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		path = dir + ":" + path
	}
	cmd := exec.Command("dbus-run-session", "--", "bash", "-euo", "pipefail", "-c", script)
	cmd.Env = append([]string{
		// C.UTF-8 is Debian's default, under which Fyne's locale lookup
		// logs an error at start-up unless initlog keeps it quiet.
		"PATH=" + path, "HOME=" + work, "LANG=C.UTF-8",
		"XDG_CONFIG_HOME=" + filepath.Join(work, "config"), "XDG_DATA_HOME=" + filepath.Join(work, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(work, "cache"), "XDG_RUNTIME_DIR=" + work,
		"BIN=" + binary, "SHOTS=" + shots,
	}, env...)
	out, err = cmd.CombinedOutput()
	return shots, out, err
}

// artifacts is where tests leave files for people to look at: the build
// folder when make test runs them, else a temporary directory.
func artifacts(t *testing.T) string {
	if dir := os.Getenv("SSOTRAY_TEST_ARTIFACTS"); dir != "" {
		return dir
	}
	return t.TempDir()
}
