package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow/idctest"
)

var (
	// binary is the ssotray command built for this run; the desktop app,
	// ssotray-app, is built beside it, where the command looks for it.
	binary string
	// python is the interpreter that has botocore, resolved before any test
	// changes HOME (pyenv shims find their interpreter through HOME).
	python string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "ssotray-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// SSOTRAY_E2E_BINARY tests a command built elsewhere (a release build),
	// with its ssotray-app beside it.
	binary = os.Getenv("SSOTRAY_E2E_BINARY")
	if binary == "" {
		binary = filepath.Join(dir, "ssotray")
		if err := build(binary, "..", "CGO_ENABLED=0"); err != nil {
			fmt.Fprintln(os.Stderr, "build ssotray:", err)
			os.Exit(1)
		}
		if err := build(filepath.Join(dir, "ssotray-app"), "../cmd/ssotray-app"); err != nil {
			fmt.Fprintln(os.Stderr, "build ssotray-app:", err)
			os.Exit(1)
		}
	}
	out, err := exec.Command("python3", "-c", "import sys, botocore, boto3; print(sys.executable)").Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "python3 with botocore and boto3 is needed (make deps installs it):", err)
		os.Exit(1)
	}
	python = strings.TrimSpace(string(out))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// build builds the main package pkg to out the way the Makefile does.
func build(out, pkg string, env ...string) error {
	cmd := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", out, pkg)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

// home is a throw-away home directory with a config, pointed at a local
// Identity Center.
type home struct {
	dir    string
	config string
	srv    *idctest.Server
}

func newHome(t testing.TB, config string, optFns ...func(*idctest.Options)) *home {
	t.Helper()
	dir := t.TempDir()
	h := &home{dir: dir, config: filepath.Join(dir, ".aws", "config"), srv: idctest.NewServer(optFns...)}
	t.Cleanup(h.srv.Close)
	if err := os.MkdirAll(filepath.Dir(h.config), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(h.config, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return h
}

// env is a clean environment for a child process: this home, the endpoint
// overrides, and nothing of the caller's AWS settings.
func (h *home) env(extra ...string) []string {
	env := []string{
		"HOME=" + h.dir,
		"PATH=" + os.Getenv("PATH"),
		"LANG=en_US.UTF-8",
		"TZ=UTC",
		"AWS_CONFIG_FILE=" + h.config,
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(h.dir, ".aws", "credentials"),
		"AWS_ENDPOINT_URL_SSO_OIDC=" + h.srv.URL,
		"AWS_ENDPOINT_URL_SSO=" + h.srv.URL,
		"AWS_EC2_METADATA_DISABLED=true",
	}
	return append(env, extra...)
}

func (h *home) cacheFile(name string) string {
	return filepath.Join(h.dir, ".aws", "sso", "cache", name)
}

type result struct {
	stdout, stderr string
	code           int
}

// run runs ssotray with args to the end.
func (h *home) run(t testing.TB, args ...string) result {
	t.Helper()
	return h.runEnv(t, nil, args...)
}

// runEnv runs ssotray with args and extra environment to the end.
func (h *home) runEnv(t testing.TB, extraEnv []string, args ...string) result {
	t.Helper()
	return h.runProgram(t, binary, extraEnv, args...)
}

// command is the executable at path with args, in this home, with extra
// environment (a later value of a variable wins). It is killed if it runs
// for a minute.
func (h *home) command(t testing.TB, path string, extraEnv []string, args ...string) *exec.Cmd {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = h.env(extraEnv...)
	return cmd
}

// runProgram runs the executable at path with args and extra environment to
// the end.
func (h *home) runProgram(t testing.TB, path string, extraEnv []string, args ...string) result {
	t.Helper()
	cmd := h.command(t, path, extraEnv, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %s %v: %v", filepath.Base(path), args, err)
	}
	return result{stdout.String(), stderr.String(), code}
}

// login runs `ssotray login NAME --no-browser`, and when the code is on
// screen calls decide with it (to approve or deny, as a person would).
func (h *home) login(t testing.TB, name string, decide func(userCode string)) result {
	t.Helper()
	return h.loginEnv(t, nil, name, decide)
}

// loginEnv is login with extra environment.
func (h *home) loginEnv(t testing.TB, extraEnv []string, name string, decide func(userCode string)) result {
	t.Helper()
	return h.loginArgs(t, extraEnv, decide, "login", name, "--no-browser", "--use-device-code")
}

// loginArgs runs ssotray with args, a login, and when the code is on
// screen calls decide with it (unless decide is nil).
func (h *home) loginArgs(t testing.TB, extraEnv []string, decide func(userCode string), args ...string) result {
	t.Helper()
	return h.runWatching(t, extraEnv, func(line string, _ *exec.Cmd) {
		if strings.HasPrefix(line, "Waiting for approval") && decide != nil {
			decide(h.srv.LastUserCode())
		}
	}, args...)
}

// runWatching runs ssotray with args and extra environment to the end,
// calling onLine with each line of its output as it comes, and the running
// command (to play a person or a browser while it waits).
func (h *home) runWatching(t testing.TB, extraEnv []string, onLine func(line string, cmd *exec.Cmd), args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = h.env(extraEnv...)
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
		stdout.WriteString(sc.Text() + "\n")
		onLine(sc.Text(), cmd)
	}
	io.Copy(io.Discard, pipe)
	err = cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("ssotray %v: %v", args, err)
	}
	return result{stdout.String(), stderr.String(), code}
}

// py runs a Python snippet with botocore in this home's environment.
func (h *home) py(t testing.TB, script string, extraEnv ...string) string {
	t.Helper()
	cmd := exec.Command(python, "-c", script)
	cmd.Env = h.env(extraEnv...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}
