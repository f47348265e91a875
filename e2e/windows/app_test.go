//go:build wine

package windows

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow/idctest"
)

// The app under Wine on the X display the script started, with no window
// manager: Wine draws its own "Wine System Tray" window (160×20) where a
// Windows taskbar would be, and the app's tray icon sits in it; its menu is a
// Win32 popup menu, driven here with the keyboard as a person could.

const runKey = `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`

// TestApp: the window is drawn, the tray icon is in Wine's tray and its menu
// opens; Sign in from the tray opens the sign-in window and the browser, and
// the browser's return signs in (the icon changes); Start at login writes the Run key and
// takes it away again; Quit ends the app.
func TestApp(t *testing.T) {
	h := newHome(t, func(o *idctest.Options) { o.AutoApprove = 0 })
	app := h.startApp(t)

	win := waitWindow(t, "^ssotray$")
	waitDrawn(t, "the main window", win)
	// No window manager: windows open at the top left, over Wine's tray.
	place(t, win, 400, 100)
	shot(t, "wine-main-window")

	tray := waitWindow(t, "^Wine System Tray$")
	xdo(t, "windowraise", tray)
	icon := trayIcon(t, tray)
	waitFor(t, "the tray icon", func() bool { return colours(t, icon) > 1 })
	signedOut := signature(t, icon)

	menu := openTrayMenu(t, icon)
	shot(t, "wine-tray-menu")

	// The first item is my-sso; its submenu offers Sign in, which signs in
	// in the browser: the window says to continue there, Windows opens the
	// page, and the portal sends the browser back to the app.
	seen := len(pagesOpened())
	xdo(t, "key", "Down", "Right", "Return")
	waitGone(t, menu)
	signIn := waitWindow(t, "^Sign in to my-sso$")
	waitDrawn(t, "the sign-in window", signIn)
	place(t, signIn, 300, 150)
	waitFor(t, "the browser to be asked", func() bool { return len(pagesOpened()) > seen })
	shot(t, "wine-signin-window")
	browse(t, seen)
	waitFor(t, "the token file", func() bool {
		_, err := os.Stat(h.cacheFile(tokenFile))
		return err == nil
	})
	xdo(t, "windowraise", tray)
	waitFor(t, "the tray icon to change", func() bool { return signature(t, icon) != signedOut })
	shot(t, "wine-signed-in")
	// "This window closes once you are signed in."
	waitGone(t, signIn)
	if st := status(t, h); st["state"] != "signed-in" {
		t.Errorf("status after the app's sign-in: %v", st)
	}

	// Start at login: the check before Quit at the end of the menu.
	if out, err := reg(t, runKey); strings.Contains(out, "ssotray") {
		t.Fatalf("a Run value before Start at login (%v):\n%s", err, out)
	}
	menu = openTrayMenu(t, icon)
	xdo(t, "key", "Up", "Up", "Return")
	waitGone(t, menu)
	var entry string
	waitFor(t, "the Run value", func() bool {
		out, _ := reg(t, runKey)
		entry = out
		return strings.Contains(out, "ssotray")
	})
	want := regexp.MustCompile(`(?m)^\s+ssotray\s+REG_SZ\s+"Z:` + regexp.QuoteMeta(strings.ReplaceAll(filepath.Join(binDir, "ssotray-app.exe"), "/", `\`)) + `" --hidden$`)
	if !want.MatchString(entry) {
		t.Errorf("Run value, want %s:\n%s", want, entry)
	}
	menu = openTrayMenu(t, icon)
	shot(t, "wine-tray-menu-start-at-login")
	xdo(t, "key", "Up", "Up", "Return")
	waitGone(t, menu)
	waitFor(t, "the Run value to go", func() bool {
		out, _ := reg(t, runKey)
		return !strings.Contains(out, "ssotray")
	})

	openTrayMenu(t, icon)
	xdo(t, "key", "Up", "Return") // Quit
	select {
	case <-app.done:
	case <-time.After(time.Minute):
		t.Fatal("Quit did not end the app")
	}
}

// TestAppSingleInstance: with the app running, `ssotray.exe` (no command)
// hands over to it and ends, and no second app starts.
func TestAppSingleInstance(t *testing.T) {
	h := newHome(t)
	h.startApp(t)
	win := waitWindow(t, "^ssotray$")
	waitDrawn(t, "the main window", win)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	second := h.command(ctx, t, "ssotray.exe")
	out, err := second.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("a second launch did not hand over to the running app: it was still running after 30 s\n%s", out)
	}
	if err != nil {
		t.Fatalf("second launch: %v\n%s", err, out)
	}
	if wins := windows(t, "^ssotray$"); len(wins) != 1 {
		t.Errorf("%d main windows after the second launch, want 1", len(wins))
	}
	shot(t, "wine-single-instance")
}

type runningApp struct {
	done chan struct{}
}

// startApp starts ssotray-app.exe and ends it with the test.
func (h *home) startApp(t *testing.T) runningApp {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	cmd := h.command(ctx, t, "ssotray-app.exe")
	logf, err := os.Create(filepath.Join(t.TempDir(), "app.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	app := runningApp{done: make(chan struct{})}
	go func() { cmd.Wait(); close(app.done) }()
	t.Cleanup(func() {
		cancel()
		<-app.done
		if b, _ := os.ReadFile(logf.Name()); len(b) > 0 {
			t.Logf("ssotray-app.exe said:\n%s", b)
		}
		// End whatever else the test started in the prefix (a second app
		// that did not hand over, say), and let Wine close the windows
		// before the next test looks for one.
		kill := exec.Command("wineserver", "-k")
		kill.Env = append(os.Environ(), "WINEPREFIX="+prefix)
		kill.Run()
		for i := 0; i < 100 && len(windows(t, "^ssotray$")) > 0; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	return app
}

// waitFor polls cond until it holds, for a minute at most.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			shot(t, "wine-failed-"+strings.NewReplacer(" ", "-", "/", "-").Replace(t.Name()))
			t.Fatalf("waited a minute for %s", what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func xdo(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("xdotool", args...).Output()
	if err != nil {
		t.Fatalf("xdotool %v: %v", args, err)
	}
	return strings.TrimSpace(string(out))
}

// windows are the visible windows whose name matches re.
func windows(t *testing.T, re string) []string {
	out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", re).Output()
	return strings.Fields(string(out))
}

func waitWindow(t *testing.T, re string) string {
	t.Helper()
	var ids []string
	waitFor(t, "a window named "+re, func() bool { ids = windows(t, re); return len(ids) > 0 })
	return ids[0]
}

func waitGone(t *testing.T, id string) {
	t.Helper()
	waitFor(t, "window "+id+" to close", func() bool { return !slices.Contains(windows(t, ""), id) })
}

// place moves a window to x, y (again, if Wine puts it back while it is
// still being shown).
func place(t *testing.T, id string, x, y int) {
	t.Helper()
	waitFor(t, "window "+id+" to move", func() bool {
		xdo(t, "windowmove", id, strconv.Itoa(x), strconv.Itoa(y))
		time.Sleep(200 * time.Millisecond)
		g := geometry(t, id)
		return g.x == x && g.y == y
	})
}

// box is a screen rectangle.
type box struct{ x, y, w, h int }

func (b box) String() string { return fmt.Sprintf("%dx%d+%d+%d", b.w, b.h, b.x, b.y) }

func geometry(t *testing.T, id string) box {
	t.Helper()
	var b box
	for _, line := range strings.Split(xdo(t, "getwindowgeometry", "--shell", id), "\n") {
		k, v, _ := strings.Cut(line, "=")
		n, _ := strconv.Atoi(v)
		switch k {
		case "X":
			b.x = n
		case "Y":
			b.y = n
		case "WIDTH":
			b.w = n
		case "HEIGHT":
			b.h = n
		}
	}
	return b
}

// trayIcon is the first icon's place in Wine's tray window: a square as
// high as the window, at its left.
func trayIcon(t *testing.T, tray string) box {
	g := geometry(t, tray)
	return box{g.x, g.y, g.h, g.h}
}

// openTrayMenu clicks the tray icon and returns the menu window that opens.
func openTrayMenu(t *testing.T, icon box) string {
	t.Helper()
	before := windows(t, "")
	xdo(t, "mousemove", strconv.Itoa(icon.x+icon.w/2), strconv.Itoa(icon.y+icon.h/2), "click", "1")
	var menu string
	waitFor(t, "the tray menu", func() bool {
		for _, id := range windows(t, "") {
			if !slices.Contains(before, id) {
				menu = id
				return true
			}
		}
		return false
	})
	waitDrawn(t, "the tray menu", menu)
	return menu
}

// grab is a screenshot of the whole display, as a file.
func grab(t *testing.T) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), fmt.Sprintf("grab-%d.png", time.Now().UnixNano()))
	if out, err := exec.Command("import", "-window", "root", f).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	return f
}

// colours counts the colours in b on screen now: 1 is an empty rectangle.
func colours(t *testing.T, b box) int {
	t.Helper()
	out, err := exec.Command("convert", grab(t), "-crop", b.String(), "+repage", "-format", "%k", "info:").Output()
	if err != nil {
		t.Fatalf("convert: %v", err)
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(out)))
	return n
}

// signature is a hash of the pixels in b on screen now.
func signature(t *testing.T, b box) string {
	t.Helper()
	out, err := exec.Command("convert", grab(t), "-crop", b.String(), "+repage", "-format", "%#", "info:").Output()
	if err != nil {
		t.Fatalf("convert: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// waitDrawn waits until the window shows more than one colour.
func waitDrawn(t *testing.T, what, id string) {
	t.Helper()
	waitFor(t, what+" to be drawn", func() bool { return colours(t, geometry(t, id)) > 1 })
}

// shot saves the display to $SSOTRAY_TEST_ARTIFACTS/screenshots/NAME.png.
func shot(t *testing.T, name string) {
	t.Helper()
	dir := filepath.Join(artifacts, "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("import", "-window", "root", filepath.Join(dir, name+".png")).CombinedOutput(); err != nil {
		t.Errorf("screenshot %s: %v\n%s", name, err, out)
	}
}
