//go:build unix

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ssotray/ssotray/storage/secretstest"
)

// timedRun runs ssotray with args and extra environment and says how long
// it took and how much memory it held at most.
func (h *home) timedRun(t *testing.T, extraEnv []string, args ...string) (result, time.Duration, int64) {
	t.Helper()
	cmd := h.command(t, binary, extraEnv, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("ssotray %v: %v", args, err)
	}
	maxRSS := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss * 1024 // kilobytes on Linux
	return result{stdout.String(), stderr.String(), code}, took, maxRSS
}

// A token file that is a named pipe, a link to /dev/zero or a file far too
// big for a token: `status` says it is unreadable and why, at once and
// with little memory (a named pipe used to block it forever, /dev/zero to
// take it to 24 GB).
func TestStatusWithHostileCacheFiles(t *testing.T) {
	h := newHome(t, sessionConfig)
	path := h.cacheFile(sessionTokenFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		make func() error
		want string
	}{
		{"named pipe", func() error { return syscall.Mkfifo(path, 0o600) }, "not a regular file (a named pipe)"},
		{"link to /dev/zero", func() error { return os.Symlink("/dev/zero", path) }, "not a regular file (a device)"},
		{"2 MiB file", func() error { return os.WriteFile(path, bytes.Repeat([]byte(" "), 2<<20), 0o600) }, "larger than 1 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(path)
			if err := tc.make(); err != nil {
				t.Fatal(err)
			}
			res, took, rss := h.timedRun(t, nil, "status", "--json")
			if res.code != 0 || took > 5*time.Second || rss > 200<<20 {
				t.Fatalf("status: exit %d after %s, %d MiB at most: %s", res.code, took, rss>>20, res.stderr)
			}
			if !strings.Contains(res.stdout, `"state": "unreadable"`) || !strings.Contains(res.stdout, tc.want) {
				t.Errorf("status does not say the file is unreadable (%s):\n%s", tc.want, res.stdout)
			}
		})
	}
}

// A config file that is a named pipe ends `status` at once with an error
// naming it.
func TestStatusWithANamedPipeForTheConfig(t *testing.T) {
	h := newHome(t, sessionConfig)
	if err := os.Remove(h.config); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(h.config, 0o600); err != nil {
		t.Fatal(err)
	}
	res, took, _ := h.timedRun(t, nil, "status")
	if res.code != 1 || took > 5*time.Second || !strings.Contains(res.stderr, h.config) || !strings.Contains(res.stderr, "not a regular file") {
		t.Errorf("status: exit %d after %s: %s; want exit 1 at once, naming the config", res.code, took, res.stderr)
	}
}

// keyringConfig has three sign-ins, all keeping their secrets in the
// keyring; a and b have a token file (without the secrets, as keyring mode
// writes it), c is signed out.
const keyringConfig = `[sso-session a]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1

[sso-session b]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1

[sso-session c]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
`

// keyringHome is a home with keyringConfig on a Secret Service that never
// answers. It returns the extra environment for ssotray and the files
// ssotray may touch, with their contents.
func keyringHome(t *testing.T) (*home, secretstest.Silent, []string) {
	t.Helper()
	h := newHome(t, keyringConfig)
	settings := filepath.Join(h.dir, ".config", "ssotray", "settings.json")
	if err := os.MkdirAll(filepath.Dir(settings), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(settings, []byte(`{"signIns": {"a": {"secrets": "keyring"}, "b": {"secrets": "keyring"}, "c": {"secrets": "keyring"}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(h.cacheFile(""), 0o700); err != nil {
		t.Fatal(err)
	}
	exp := time.Now().Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z")
	for _, name := range []string{"86f7e437faa5a7fce15d1ddcb9eaeaea377667b8", "e9d71f5ee7c92d6dc9e92ffdad17b8bd49418f98"} { // sha1("a"), sha1("b")
		tok := `{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "ACCESS", "expiresAt": "` + exp + `"}`
		if err := os.WriteFile(h.cacheFile(name+".json"), []byte(tok), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return h, secretstest.SilentBus(t), []string{h.config, settings, h.cacheFile("")}
}

// snapshot is the names and contents of files (a directory's entries for
// a directory), to show that nothing changed.
func snapshot(t *testing.T, paths []string) string {
	t.Helper()
	var b strings.Builder
	for _, p := range paths {
		entries, err := os.ReadDir(p)
		if err != nil {
			data, _ := os.ReadFile(p)
			b.WriteString(p + "\n" + string(data) + "\n")
			continue
		}
		for _, e := range entries {
			data, _ := os.ReadFile(filepath.Join(p, e.Name()))
			b.WriteString(e.Name() + "\n" + string(data) + "\n")
		}
	}
	return b.String()
}

// With a Secret Service that never answers, `status` asks it once, within
// a bound for the whole command (it used to take 30 s per sign-in, even
// for a signed-out one), and says once that the keyring is unavailable.
func TestStatusWithAKeyringThatNeverAnswers(t *testing.T) {
	h, silent, _ := keyringHome(t)
	res, took, _ := h.timedRun(t, []string{"DBUS_SESSION_BUS_ADDRESS=" + silent.Addr}, "status")
	if res.code != 0 || took > 10*time.Second {
		t.Fatalf("status: exit %d after %s: %s", res.code, took, res.stderr)
	}
	if n := strings.Count(res.stderr, "the system keyring is not available"); n != 1 {
		t.Errorf("stderr says the keyring is unavailable %d times, want once:\n%s", n, res.stderr)
	}
	if !strings.Contains(res.stderr, "a, b: ") {
		t.Errorf("stderr does not name the sign-ins held up (a, b):\n%s", res.stderr)
	}
	t.Logf("status took %s:\n%s%s", took, res.stdout, res.stderr)
}

// Ctrl-C or SIGTERM ends a command blocked on a Secret Service that never
// answers at once, with 130 or 143, and leaves every file as it was (it
// used to run on to the keyring's 30 s timeout).
func TestSignalEndsACommandBlockedOnTheKeyring(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		want int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			h, silent, files := keyringHome(t)
			before := snapshot(t, files)
			cmd := h.command(t, binary, []string{"DBUS_SESSION_BUS_ADDRESS=" + silent.Addr}, "refresh", "a")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			select {
			case <-silent.Called:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatal("ssotray refresh never asked the keyring")
			}
			sent := time.Now()
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(2 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("ssotray refresh still ran 2 s after %s", tc.sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != tc.want {
				t.Errorf("exit %d after %s, want %d: %s", code, tc.sig, tc.want, stderr.String())
			}
			if after := snapshot(t, files); after != before {
				t.Errorf("files changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
			t.Logf("ended %s after %s: %s", tc.sig, time.Since(sent), stderr.String())
		})
	}
}
