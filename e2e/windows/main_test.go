//go:build wine

package windows

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow/idctest"
)

// The Wine set-up scripts/test-windows.sh gives: the folder with the Windows
// executables, the prefix (with its bcryptprimitives.dll stand-in) and the
// profile folder inside it that Windows programs see as %USERPROFILE%.
var (
	binDir    string
	prefix    string
	profile   string
	artifacts string
)

func TestMain(m *testing.M) {
	binDir, prefix = os.Getenv("SSOTRAY_WINE_BIN"), os.Getenv("WINEPREFIX")
	if binDir == "" || prefix == "" {
		fmt.Fprintln(os.Stderr, "e2e/windows runs under scripts/test-windows.sh (it needs SSOTRAY_WINE_BIN and WINEPREFIX)")
		os.Exit(1)
	}
	var err error
	if binDir, err = filepath.Abs(binDir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	u, err := user.Current()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Wine names the Windows user after the Unix one.
	profile = filepath.Join(prefix, "drive_c", "users", u.Username)
	if _, err := os.Stat(profile); err != nil {
		fmt.Fprintln(os.Stderr, "no Windows profile folder in the prefix:", err)
		os.Exit(1)
	}
	if err := setBrowser(); err != nil {
		fmt.Fprintln(os.Stderr, "browser stand-in:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(filepath.Dir(browserLog))
	artifacts = os.Getenv("SSOTRAY_TEST_ARTIFACTS")
	if artifacts == "" {
		artifacts = filepath.Join("..", "..", "build")
	}
	code := m.Run()
	os.RemoveAll(filepath.Dir(browserLog))
	os.Exit(code)
}

// browserLog is where the browser stand-in writes each page it is asked to
// open, a line each.
var browserLog string

// setBrowser makes the prefix's browser a stand-in: Windows programs open
// pages through ShellExecute, which Wine hands to winebrowser, which starts
// the first program of HKCU\Software\Wine\WineBrowser\Browsers. The
// stand-in only notes the page; browse then visits it as a person's browser
// would.
func setBrowser() error {
	dir, err := os.MkdirTemp("", "ssotray-wine-browser-")
	if err != nil {
		return err
	}
	browserLog = filepath.Join(dir, "pages")
	script := filepath.Join(dir, "browser")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$1\" >>"+browserLog+"\n"), 0o700); err != nil {
		return err
	}
	cmd := exec.Command("wine", "reg", "add", `HKCU\Software\Wine\WineBrowser`, "/v", "Browsers", "/d", script, "/f")
	cmd.Env = append(os.Environ(), "WINEPREFIX="+prefix, "WINEDEBUG=-all")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("wine reg add: %v\n%s", err, out)
	}
	return nil
}

// pagesOpened is every page the browser stand-in was asked to open so far.
func pagesOpened() []string {
	b, _ := os.ReadFile(browserLog)
	return strings.Fields(string(b))
}

// browse waits for the program to open a page after the first seen ones and
// visits it, following redirects (to the program's 127.0.0.1 listener in
// the end), as the person's browser would. It returns the page.
func browse(t *testing.T, seen int) string {
	t.Helper()
	var page string
	deadline := time.Now().Add(time.Minute)
	for {
		if p := pagesOpened(); len(p) > seen {
			page = p[seen]
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no page opened in the browser within a minute")
		}
		time.Sleep(100 * time.Millisecond)
	}
	resp, err := (&http.Client{Timeout: time.Minute}).Get(page)
	if err != nil {
		t.Fatalf("browse %s: %v", page, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// The page sends the browser back to the program's own listener.
	start, _ := url.Parse(page)
	if end := resp.Request.URL; resp.StatusCode != http.StatusOK || end.Hostname() != "127.0.0.1" || end.Host == start.Host {
		t.Fatalf("browse %s: ended at %s with %s\n%s", page, end, resp.Status, body)
	}
	return page
}

const sessionConfig = "[sso-session my-sso]\r\n" +
	"sso_start_url = https://d-1234567890.awsapps.com/start\r\n" +
	"sso_region = us-east-1\r\n" +
	"sso_registration_scopes = sso:account:access\r\n"

// The file names the AWS CLI uses: sha1 of the sso-session name, and of the
// registration's key.
const (
	tokenFile        = "0ad374308c5a4e22f723adf10145eafad7c4031c.json"
	registrationFile = "a8343d65418848d0bc13a5f25cbb32508ceec5d1.json"
)

// home is the Windows user's %USERPROFILE%\.aws with a config (CRLF, as
// Notepad writes it) and a local Identity Center the endpoints point at.
type home struct {
	aws string
	srv *idctest.Server
}

func newHome(t *testing.T, optFns ...func(*idctest.Options)) *home {
	t.Helper()
	h := &home{aws: filepath.Join(profile, ".aws"), srv: idctest.NewServer(optFns...)}
	t.Cleanup(h.srv.Close)
	// One prefix serves every test in turn; each starts from no .aws.
	if err := os.RemoveAll(h.aws); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(h.aws) })
	if err := os.MkdirAll(h.aws, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(h.aws, "config"), []byte(sessionConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *home) cacheFile(name string) string {
	return filepath.Join(h.aws, "sso", "cache", name)
}

// env is the environment of a Windows program: Wine's own settings and the
// endpoint overrides. HOME is a decoy: on Windows the AWS tools use
// %USERPROFILE%, which Wine sets.
func (h *home) env(t *testing.T) []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + t.TempDir(),
		"WINEPREFIX=" + prefix,
		"WINEDEBUG=-all",
		"WINEARCH=win64",
		"DISPLAY=" + os.Getenv("DISPLAY"),
		"LANG=en_US.UTF-8",
		"TZ=UTC",
		"AWS_ENDPOINT_URL_SSO_OIDC=" + h.srv.URL,
		"AWS_ENDPOINT_URL_SSO=" + h.srv.URL,
		"AWS_EC2_METADATA_DISABLED=true",
	}
}

// command is the Windows executable exe (in binDir) with args under Wine,
// killed if it outlives ctx.
func (h *home) command(ctx context.Context, t *testing.T, exe string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "wine", append([]string{filepath.Join(binDir, exe)}, args...)...)
	cmd.Env = h.env(t)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

type result struct {
	stdout, stderr string
	code           int
}

// run runs ssotray.exe with args to the end (two minutes at most).
func (h *home) run(t *testing.T, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := h.command(ctx, t, "ssotray.exe", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("wine ssotray.exe %v: %v", args, err)
	}
	return result{stdout.String(), stderr.String(), code}
}

// mustRun is run that fails the test unless ssotray.exe exits 0.
func (h *home) mustRun(t *testing.T, args ...string) result {
	t.Helper()
	res := h.run(t, args...)
	if res.code != 0 {
		t.Fatalf("ssotray.exe %v: exit %d\nstdout:\n%s\nstderr:\n%s", args, res.code, res.stdout, res.stderr)
	}
	return res
}

// login runs `ssotray.exe login my-sso --use-device-code` and approves the
// code at the server when the command waits for it, as a person would on
// the verification page.
func (h *home) login(t *testing.T) result {
	t.Helper()
	return h.loginArgs(t, "login", "my-sso", "--use-device-code")
}

// loginArgs runs ssotray.exe with args, a login: it approves a device code
// when the command waits for one, and visits the page the command opens in
// the browser when it waits for the browser.
func (h *home) loginArgs(t *testing.T, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	seen := len(pagesOpened())
	cmd := h.command(ctx, t, "ssotray.exe", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		stdout.WriteString(line + "\n")
		if strings.HasPrefix(line, "Waiting for approval") {
			if err := h.srv.Approve(h.srv.LastUserCode()); err != nil {
				t.Errorf("approve: %v", err)
			}
		}
		if strings.HasPrefix(line, "Waiting for the browser") {
			if page := browse(t, seen); !strings.Contains(stdout.String(), "\n    "+page+"\n") {
				t.Errorf("the browser opened %s, not the page shown:\n%s", page, stdout.String())
			}
		}
	}
	io.Copy(io.Discard, pipe)
	err = cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("ssotray.exe %v: %v", args, err)
	}
	res := result{stdout.String(), stderr.String(), code}
	if res.code != 0 || !strings.Contains(res.stdout, "my-sso: signed in until ") {
		t.Fatalf("%v: exit %d\nstdout:\n%s\nstderr:\n%s", args, res.code, res.stdout, res.stderr)
	}
	return res
}

// reg is `wine reg query KEY` (exit code and output), reading the prefix's
// registry the way a Windows person would.
func reg(t *testing.T, key string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "wine", "reg", "query", key)
	cmd.Env = append(os.Environ(), "WINEPREFIX="+prefix, "WINEDEBUG=-all")
	out, err := cmd.CombinedOutput()
	return strings.ReplaceAll(string(out), "\r", ""), err
}
