package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// debGUI opens an ssotray:// link with xdg-open through the installed
// package's system-wide handler: first with no app running (xdg-open
// starts the installed ssotray-app, which opens the wizard), then again
// while it runs (the new launch hands over and exits).
var debGUI = `
mkdir -p "$HOME/.aws"
printf %s "$CONFIG" >"$HOME/.aws/config"
` + guiSession(`
  xdg-mime query default x-scheme-handler/ssotray >"$SHOTS/deb-handler.txt"
  # Its own process group, so that stopping it stops the app it started.
  LIBGL_ALWAYS_SOFTWARE=1 setsid xdg-open "$LINK1" >"$SHOTS/deb-app.log" 2>&1 </dev/null &
  opener=$!
  trap "kill -- -$opener $bar 2>/dev/null || true" EXIT
  timeout 30 xdotool search --sync --name "^Add a sign-in" >/dev/null
  sleep 1
  import -window root "$SHOTS/deb-link-cold.png"
  timeout 20 xdg-open "$LINK2" >"$SHOTS/deb-second.txt" 2>&1 </dev/null
  sleep 1
  import -window root "$SHOTS/deb-link-running.png"
  cp "$HOME/.aws/config" "$SHOTS/deb-config-after"
  # Stop the app before the display goes.
  kill -- -$opener
  for i in $(seq 1 20); do xdotool search --name "^Add a sign-in" >/dev/null || break; sleep 0.3; done`)

// TestDebPackage installs build/ssotray_*.deb (make package builds it; CI
// runs that first, and the test runs it when there is none) with apt-get as a person would, checks what it put on
// the system, signs in headless with the installed command against the
// local Identity Center, opens ssotray:// links through the installed
// desktop entry under Xvfb, and removes the package, which must leave
// nothing behind. It needs root (CI runs as root) or password-less sudo.
func TestDebPackage(t *testing.T) {
	deb := findDeb(t)
	if out, err := exec.Command("dpkg-query", "-W", "-f=${Status}", "ssotray").CombinedOutput(); err == nil && strings.Contains(string(out), "installed") {
		t.Fatalf("ssotray is already installed on this machine (%s); remove it first", out)
	}
	t.Cleanup(func() { asRoot(t, "apt-get", "purge", "-y", "-q", "ssotray") })
	if out, err := asRoot(t, "apt-get", "install", "-y", "-q", "--no-install-recommends", deb); err != nil {
		t.Fatalf("apt-get install %s: %v\n%s", deb, err, out)
	}

	const entry = "/usr/share/applications/io.github.ssotray.desktop"
	files := []string{"/usr/bin/ssotray", "/usr/bin/ssotray-app", entry,
		"/usr/share/icons/hicolor/48x48/apps/io.github.ssotray.png", "/usr/share/icons/hicolor/256x256/apps/io.github.ssotray.png",
		"/usr/share/doc/ssotray/copyright"}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("installed: %v", err)
		}
	}
	if out, err := exec.Command("desktop-file-validate", entry).CombinedOutput(); err != nil || len(out) != 0 {
		t.Errorf("desktop-file-validate %s: %v\n%s", entry, err, out)
	}
	data, _ := os.ReadFile(entry)
	for _, want := range []string{"\nExec=ssotray-app %u\n", "\nMimeType=x-scheme-handler/ssotray;\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the desktop entry lacks %q:\n%s", strings.TrimSpace(want), data)
		}
	}
	if cache, _ := os.ReadFile("/usr/share/applications/mimeinfo.cache"); !strings.Contains(string(cache), "x-scheme-handler/ssotray=io.github.ssotray.desktop;") {
		t.Errorf("the MIME cache does not name ssotray's handler:\n%s", cache)
	}
	if out, err := exec.Command("/usr/bin/ssotray", "version").Output(); err != nil || !strings.HasPrefix(string(out), "ssotray ") {
		t.Errorf("ssotray version: %q, %v", out, err)
	}

	t.Run("headless login", func(t *testing.T) {
		h := newHome(t, sessionConfig)
		// login runs the package-level binary: point it at the installed
		// one for this subtest (TestDebPackage is not parallel).
		built := binary
		binary = "/usr/bin/ssotray"
		defer func() { binary = built }()
		res := h.login(t, "my-sso", approve(h, t))
		if res.code != 0 || !strings.Contains(res.stdout, "my-sso: signed in until ") {
			t.Fatalf("login with the installed ssotray: exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
		}
		if _, err := os.Stat(h.cacheFile(sessionTokenFile)); err != nil {
			t.Errorf("no token file: %v", err)
		}
	})

	t.Run("links through xdg-open", func(t *testing.T) {
		link1 := "ssotray://add?start_url=https%3A%2F%2Fd-9876543210.awsapps.com%2Fstart&region=eu-central-1&name=from-package"
		link2 := "ssotray://add?start_url=https%3A%2F%2Fd-9876543210.awsapps.com%2Fstart&region=eu-central-1&name=second-link"
		shots, out, err := runGUIScript(t, debGUI, nil, "LINK1="+link1, "LINK2="+link2, "CONFIG="+linkConfig,
			"SSOTRAY_MANAGED_FILE=/nonexistent/managed.json")
		appLog, _ := os.ReadFile(filepath.Join(shots, "deb-app.log"))
		if err != nil {
			t.Fatalf("GUI run: %v\n%s\napp log:\n%s", err, out, appLog)
		}
		if h, _ := os.ReadFile(filepath.Join(shots, "deb-handler.txt")); strings.TrimSpace(string(h)) != "io.github.ssotray.desktop" {
			t.Errorf("xdg-mime's handler for ssotray:// is %q", h)
		}
		if second, _ := os.ReadFile(filepath.Join(shots, "deb-second.txt")); !strings.Contains(string(second), "already running") {
			t.Errorf("the second link did not reach the running app: %q", second)
		}
		for _, png := range []string{"deb-link-cold.png", "deb-link-running.png"} {
			if info, err := os.Stat(filepath.Join(shots, png)); err != nil || info.Size() < 1000 {
				t.Errorf("screenshot %s missing or empty", png)
			}
		}
		if after, _ := os.ReadFile(filepath.Join(shots, "deb-config-after")); string(after) != linkConfig {
			t.Errorf("a link changed the config:\n%s", after)
		}
	})

	if out, err := asRoot(t, "apt-get", "purge", "-y", "-q", "ssotray"); err != nil {
		t.Fatalf("apt-get purge: %v\n%s", err, out)
	}
	for _, f := range files {
		if _, err := os.Lstat(f); !os.IsNotExist(err) {
			t.Errorf("%s is left after removal (%v)", f, err)
		}
	}
	if _, err := os.Stat("/usr/share/doc/ssotray"); !os.IsNotExist(err) {
		t.Errorf("/usr/share/doc/ssotray is left after removal")
	}
	if cache, _ := os.ReadFile("/usr/share/applications/mimeinfo.cache"); bytes.Contains(cache, []byte("ssotray")) {
		t.Errorf("the MIME cache still names ssotray after removal")
	}
}

// findDeb is the package make package built, for this machine's
// architecture.
func findDeb(t *testing.T) string {
	t.Helper()
	arch, err := exec.Command("dpkg", "--print-architecture").Output()
	if err != nil {
		t.Fatalf("dpkg: %v (this test needs Debian)", err)
	}
	pattern := filepath.Join("..", "build", "ssotray_*_"+strings.TrimSpace(string(arch))+".deb")
	debs, _ := filepath.Glob(pattern)
	if len(debs) == 0 {
		// CI runs make package before the tests; a fresh clone's make
		// test builds it here.
		cmd := exec.Command("make", "-C", "..", "package")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("make package: %v\n%s", err, out)
		}
		debs, _ = filepath.Glob(pattern)
	}
	if len(debs) != 1 {
		t.Fatalf("want one build/ssotray_*.deb, found %v", debs)
	}
	abs, err := filepath.Abs(debs[0])
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// asRoot runs a command as root: directly when the test is root (as in
// CI), else through password-less sudo.
func asRoot(t *testing.T, name string, args ...string) ([]byte, error) {
	t.Helper()
	if os.Geteuid() != 0 {
		args = append([]string{"-n", name}, args...)
		name = "sudo"
	}
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	return cmd.CombinedOutput()
}
