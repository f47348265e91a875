package e2e

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// appBinary is the desktop app built beside the command.
func appBinary() string { return filepath.Join(filepath.Dir(binary), "ssotray-app") }

// fakeAppDir holds a copy of the ssotray command and, unless withoutApp, a
// stand-in ssotray-app that writes its process ID and arguments to a file,
// so a test can see what the command handed over and how.
func fakeAppDir(t *testing.T, withApp bool) (dir, record string) {
	t.Helper()
	dir = t.TempDir()
	data, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ssotray"), data, 0o755); err != nil {
		t.Fatal(err)
	}
	record = filepath.Join(dir, "app-started")
	if withApp {
		script := "#!/bin/sh\necho \"$$ $*\" >" + record + "\n"
		if err := os.WriteFile(filepath.Join(dir, "ssotray-app"), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir, record
}

// TestCommandHandsWindowsToTheApp checks which command lines start the
// desktop app beside the command, with the same arguments, in the same
// process (so the app keeps the terminal and Ctrl-C), and which stay
// headless.
func TestCommandHandsWindowsToTheApp(t *testing.T) {
	dir, record := fakeAppDir(t, true)
	h := newHome(t, "")
	cases := []struct {
		args    []string
		display bool
		app     bool
	}{
		{nil, false, true},
		{[]string{"--hidden"}, false, true},
		{[]string{"demo"}, false, true},
		{[]string{"demo", "--hidden"}, false, true},
		{[]string{"demo", "--server-only", "127.0.0.1:0"}, false, true},
		{[]string{"add", "--name", "corp", "--start-url", "https://d-1234567890.awsapps.com/start", "--region", "us-east-1"}, true, true},
		// No display, or --headless: add writes the config itself.
		{[]string{"add", "--name", "corp", "--start-url", "https://d-1234567890.awsapps.com/start", "--region", "us-east-1"}, false, false},
		{[]string{"add", "--headless", "--name", "corp2", "--start-url", "https://d-1234567891.awsapps.com/start", "--region", "us-east-1"}, true, false},
		{[]string{"status"}, true, false},
		{[]string{"version"}, true, false},
	}
	for _, tc := range cases {
		os.Remove(record)
		env := []string{"DISPLAY=", "WAYLAND_DISPLAY="}
		if tc.display {
			env[0] = "DISPLAY=:99"
		}
		cmd := h.command(t, filepath.Join(dir, "ssotray"), env, tc.args...)
		if err := cmd.Run(); err != nil {
			t.Fatalf("ssotray %v: %v", tc.args, err)
		}
		got, err := os.ReadFile(record)
		if !tc.app {
			if err == nil {
				t.Errorf("ssotray %v (display %v) started the app: %q", tc.args, tc.display, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ssotray %v (display %v) did not start the app", tc.args, tc.display)
			continue
		}
		pid, args, _ := strings.Cut(strings.TrimSpace(string(got)), " ")
		if pid != strconv.Itoa(cmd.Process.Pid) {
			t.Errorf("ssotray %v: the app ran as process %s, not in the command's process %d", tc.args, pid, cmd.Process.Pid)
		}
		if want := strings.Join(tc.args, " "); args != want {
			t.Errorf("ssotray %v: the app got %q", tc.args, args)
		}
	}
	config, _ := os.ReadFile(h.config)
	for _, name := range []string{"[sso-session corp]", "[sso-session corp2]"} {
		if !strings.Contains(string(config), name) {
			t.Errorf("the headless add did not write %s:\n%s", name, config)
		}
	}
}

// TestCommandWithoutTheApp checks that a command line installed without
// the desktop app says so plainly, and that add still works without it.
func TestCommandWithoutTheApp(t *testing.T) {
	dir, _ := fakeAppDir(t, false)
	h := newHome(t, "")
	noApp := []string{"PATH=/usr/bin:/bin", "DISPLAY=:99"}
	res := h.runProgram(t, filepath.Join(dir, "ssotray"), noApp)
	if res.code != 1 || !strings.Contains(res.stderr, "desktop app (ssotray-app) is not installed") || !strings.Contains(res.stderr, "ssotray help") {
		t.Errorf("ssotray without the app: exit %d, stderr %q", res.code, res.stderr)
	}
	res = h.runProgram(t, filepath.Join(dir, "ssotray"), noApp, "add", "--name", "corp", "--start-url", "https://d-1234567890.awsapps.com/start", "--region", "us-east-1")
	config, _ := os.ReadFile(h.config)
	if res.code != 0 || !strings.Contains(res.stderr, "adding without a window") || !strings.Contains(string(config), "[sso-session corp]") {
		t.Errorf("add without the app: exit %d, stderr %q, config:\n%s", res.code, res.stderr, config)
	}
}

// TestBothExecutablesAnswerTheCommands checks that the app answers the
// headless commands as the command does, and that neither writes anything
// to stderr under LANG=C.UTF-8 (Debian's and most containers' default,
// under which Fyne's locale lookup logs an error at start-up).
func TestBothExecutablesAnswerTheCommands(t *testing.T) {
	h := newHome(t, "[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = us-east-1\n")
	c := []string{"LANG=C.UTF-8", "DISPLAY="}
	for _, args := range [][]string{{"version"}, {"status", "--json"}} {
		cmdRes := h.runProgram(t, binary, c, args...)
		appRes := h.runProgram(t, appBinary(), c, args...)
		if cmdRes.code != 0 || cmdRes.stderr != "" || appRes.code != 0 || appRes.stderr != "" {
			t.Errorf("%v: ssotray exit %d stderr %q; ssotray-app exit %d stderr %q", args, cmdRes.code, cmdRes.stderr, appRes.code, appRes.stderr)
		}
		if cmdRes.stdout != appRes.stdout {
			t.Errorf("%v: ssotray printed %q, ssotray-app %q", args, cmdRes.stdout, appRes.stdout)
		}
	}
}

// TestDemoServerOnly runs `ssotray demo --server-only` through to the app
// and points the command at the server it prints: a sign-in, approved on
// the server's own device page, lands in the demo's home, and Ctrl-C stops
// the server and removes that home.
func TestDemoServerOnly(t *testing.T) {
	h := newHome(t, "")
	cmd := h.command(t, binary, []string{"DISPLAY="}, "demo", "--server-only", "127.0.0.1:0")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	lines := bufio.NewScanner(out)
	for len(env) < 4 && lines.Scan() {
		if k, v, ok := strings.Cut(strings.TrimPrefix(lines.Text(), "export "), "="); ok {
			env[k] = v
		}
	}
	if env["HOME"] == "" || env["AWS_ENDPOINT_URL_SSO_OIDC"] == "" {
		cmd.Process.Kill()
		t.Fatalf("demo --server-only printed %v", env)
	}
	// The demo's status: its sample config, read through the endpoints it
	// printed.
	var extra []string
	for k, v := range env {
		extra = append(extra, k+"="+v)
	}
	res := h.runProgram(t, binary, extra, "status")
	if res.code != 0 || !strings.Contains(res.stdout, "corp") || !strings.Contains(res.stdout, "sandbox") {
		t.Errorf("status on the demo home: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("demo --server-only after Ctrl-C: %v", err)
	}
	if _, err := os.Stat(env["HOME"]); !os.IsNotExist(err) {
		t.Errorf("the demo home %s is still there: %v", env["HOME"], err)
	}
}

// TestCommandFindsTheApp checks where the command looks for the app: beside
// the file a symbolic link to it names (as /usr/local/bin/ssotray ->
// /opt/ssotray/ssotray installs do), then on PATH.
func TestCommandFindsTheApp(t *testing.T) {
	h := newHome(t, "")
	started := func(t *testing.T, command string, env []string, record string) {
		t.Helper()
		os.Remove(record)
		if err := h.command(t, command, env, "--hidden").Run(); err != nil {
			t.Fatalf("ssotray --hidden: %v", err)
		}
		if got, err := os.ReadFile(record); err != nil || !strings.HasSuffix(strings.TrimSpace(string(got)), " --hidden") {
			t.Errorf("the app beside %s did not start: %q, %v", command, got, err)
		}
	}
	t.Run("through a symbolic link", func(t *testing.T) {
		dir, record := fakeAppDir(t, true)
		link := filepath.Join(t.TempDir(), "ssotray")
		if err := os.Symlink(filepath.Join(dir, "ssotray"), link); err != nil {
			t.Fatal(err)
		}
		started(t, link, []string{"PATH=/usr/bin:/bin"}, record)
	})
	t.Run("on PATH", func(t *testing.T) {
		appDir, record := fakeAppDir(t, true)
		alone, _ := fakeAppDir(t, false)
		started(t, filepath.Join(alone, "ssotray"), []string{"PATH=" + appDir + ":/usr/bin:/bin"}, record)
	})
}

// TestAppWithoutADisplay checks that asking for a window where none can
// open (over SSH) says what to do instead, rather than failing inside the
// GUI toolkit.
func TestAppWithoutADisplay(t *testing.T) {
	h := newHome(t, "")
	noDisplay := []string{"DISPLAY=", "WAYLAND_DISPLAY="}
	for _, args := range [][]string{nil, {"--hidden"}, {"demo"}} {
		res := h.runProgram(t, binary, noDisplay, args...)
		if res.code != 1 || !strings.Contains(res.stderr, "no display") || !strings.Contains(res.stderr, "ssotray help") || strings.Contains(res.stderr, "panic") {
			t.Errorf("ssotray %v without a display: exit %d, stderr:\n%s", args, res.code, res.stderr)
		}
	}
}
