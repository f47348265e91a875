package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow/idctest"
)

// chromium is Debian's browser, which make deps installs.
const chromium = "chromium"

// TestCallbackPageInChromium signs in with a real browser, headless
// Chromium: it opens the printed page, follows Identity Center's redirect to
// ssotray's listener and screenshots the page it lands on, once for a
// sign-in that works and once for one denied in the browser.
func TestCallbackPageInChromium(t *testing.T) {
	if _, err := exec.LookPath(chromium); err != nil {
		t.Fatalf("%s is missing (make deps installs it): %v", chromium, err)
	}
	shots := filepath.Join(artifacts(t), "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		shot      string
		authorize idctest.AuthorizeBehaviour
		wantCode  int
		wantText  string
	}{
		{"callback-signed-in.png", idctest.AuthorizeAsk, 0, "Signed in"},
		{"callback-denied.png", idctest.AuthorizeDeny, 1, "Sign-in did not finish"},
	} {
		t.Run(tt.shot, func(t *testing.T) {
			h := newHome(t, sessionConfig, autoApprove)
			h.srv.ScriptAuthorize(tt.authorize)
			png := filepath.Join(shots, tt.shot)
			os.Remove(png)
			// A page comes back once, and Chromium either prints a page or
			// screenshots it: one sign-in for each.
			for _, flag := range []string{"--dump-dom", "--screenshot=" + png} {
				out := make(chan string, 1)
				res := h.browserLogin(t, "dev", func(page string, _ *exec.Cmd) { out <- headlessChromium(t, page, flag) })
				if res.code != tt.wantCode {
					t.Fatalf("login exit %d: %s", res.code, res.stderr)
				}
				if dom := <-out; flag == "--dump-dom" && (!strings.Contains(dom, tt.wantText) || !strings.Contains(dom, "You can close this tab")) {
					t.Errorf("Chromium shows:\n%s", dom)
				}
			}
			if info, err := os.Stat(png); err != nil || info.Size() < 1000 {
				t.Errorf("no screenshot %s: %v", png, err)
			}
		})
	}
}

// headlessChromium opens page in headless Chromium with flag (--dump-dom
// or --screenshot=FILE) and returns what it printed.
func headlessChromium(t *testing.T, page, flag string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--window-size=900,520", flag, page)
	out, err := cmd.Output()
	if err != nil {
		t.Errorf("chromium %s: %v", flag, err)
	}
	return string(out)
}
