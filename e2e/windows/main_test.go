//go:build wine

package windows

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
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
	artifacts = os.Getenv("SSOTRAY_TEST_ARTIFACTS")
	if artifacts == "" {
		artifacts = filepath.Join("..", "..", "build")
	}
	os.Exit(m.Run())
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

func newHome(t *testing.T) *home {
	t.Helper()
	h := &home{aws: filepath.Join(profile, ".aws"), srv: idctest.NewServer()}
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

// login runs `ssotray.exe login my-sso --no-browser` and approves the code at
// the server when the command waits for it, as a person would in a browser.
func (h *home) login(t *testing.T) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := h.command(ctx, t, "ssotray.exe", "login", "my-sso", "--no-browser")
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
	}
	io.Copy(io.Discard, pipe)
	err = cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("ssotray.exe login: %v", err)
	}
	res := result{stdout.String(), stderr.String(), code}
	if res.code != 0 || !strings.Contains(res.stdout, "my-sso: signed in until ") {
		t.Fatalf("login: exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
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
