package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// syncLog collects log lines from several goroutines.
type syncLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *syncLog) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// secretSet gathers every secret the local Identity Center issued or was
// sent: client secrets, device codes, access and refresh tokens.
type secretSet map[string]bool

func (s secretSet) add(v string) {
	if len(v) >= 16 {
		s[v] = true
	}
}

// harvest takes the secrets from every request the server has had and from
// the token and registration files now in the cache (which is where tokens
// the server issued but nobody sent back yet are).
func (s secretSet) harvest(t *testing.T, h *home) {
	t.Helper()
	for _, r := range h.srv.Requests() {
		for _, k := range []string{"clientSecret", "deviceCode", "refreshToken", "accessToken", "code", "codeVerifier"} {
			if v, ok := r.Body[k].(string); ok {
				s.add(v)
			}
		}
		s.add(r.BearerToken)
	}
	files, _ := filepath.Glob(h.cacheFile("*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s is not JSON: %v", f, err)
		}
		for _, k := range []string{"accessToken", "refreshToken", "clientSecret"} {
			if v, ok := m[k].(string); ok {
				s.add(v)
			}
		}
	}
}

func (s secretSet) list() []string {
	out := make([]string, 0, len(s))
	for v := range s {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// assertNoSecret fails if text holds any secret, whole or its first 24
// characters (a cut-off print is a leak too).
func assertNoSecret(t *testing.T, where, text string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) || (len(s) > 24 && strings.Contains(text, s[:24])) {
			t.Errorf("%s shows a secret (%.6s…)", where, s)
		}
	}
}

// TestNoSecretsInOutputOrFiles runs sign-ins, refreshes, status and sign-out
// with debug logging on, through success and failure (pending, server errors,
// a denial, a failed registration, a refused and a failed refresh, a failed
// sign-out), then checks that no access token, refresh token, client secret
// or device code the server issued or was sent appears in anything ssotray
// printed or logged, in any file under the home other than the token cache
// files that must hold them, or in the server's own request log.
func TestNoSecretsInOutputOrFiles(t *testing.T) {
	serverLog := &syncLog{}
	h := newHome(t, sessionConfig, func(o *idctest.Options) { o.Logf = serverLog.logf })
	tmp := filepath.Join(h.dir, "tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	debug := []string{"SSOTRAY_DEBUG=1", "TMPDIR=" + tmp}
	secrets := secretSet{}
	var outputs []struct{ what, text string }
	keep := func(what string, res result) {
		outputs = append(outputs, struct{ what, text string }{what + " stdout", res.stdout}, struct{ what, text string }{what + " stderr", res.stderr})
		secrets.harvest(t, h)
	}

	// A sign-in that registers, waits one pending poll and succeeds.
	h.srv.QueueTokenErrors("authorization_pending")
	res := h.loginEnv(t, debug, "dev", approve(h, t))
	if res.code != 0 || !strings.Contains(res.stderr, "debug: ") {
		t.Fatalf("login: exit %d, want 0 with debug lines\n%s", res.code, res.stderr)
	}
	keep("first login", res)

	// Server errors while waiting, shown as "Still waiting", then success
	// with the cached registration.
	h.srv.InjectFault(idctest.OpCreateToken, idctest.Fault{Status: 500, Count: 2})
	res = h.loginEnv(t, append(debug, "AWS_MAX_ATTEMPTS=1"), "dev", approve(h, t))
	if res.code != 0 || !strings.Contains(res.stderr, "Still waiting") {
		t.Fatalf("login through server errors: exit %d\n%s", res.code, res.stderr)
	}
	keep("login through 500s", res)

	// A denial.
	res = h.loginEnv(t, debug, "dev", func(code string) { _ = h.srv.Deny(code) })
	if res.code == 0 || !strings.Contains(res.stderr, "denied") {
		t.Fatalf("denied login: exit %d\n%s", res.code, res.stderr)
	}
	keep("denied login", res)

	// A registration that fails (the legacy profile has its own).
	h.srv.InjectFault(idctest.OpRegisterClient, idctest.Fault{Status: 500, Count: 2})
	res = h.loginEnv(t, append(debug, "AWS_MAX_ATTEMPTS=2"), "legacy", approve(h, t))
	if res.code == 0 {
		t.Fatalf("login with a failing registration succeeded\n%s", res.stdout)
	}
	keep("failed registration", res)

	// Refreshes, in process with the debug log captured: one that works, one
	// that Identity Center refuses, one that meets a server error.
	for _, kv := range h.env(debug...) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("AWS_MAX_ATTEMPTS", "1")
	refreshLog := &syncLog{}
	m := signin.New(storage.PathsFromHome(h.dir), func(o *signin.Options) { o.Logf = refreshLog.logf })
	ctx := context.Background()
	if _, err := m.Refresh(ctx, "my-sso"); err != nil {
		t.Fatalf("refresh: %v", err)
	}
	secrets.harvest(t, h)
	h.srv.InjectFault(idctest.OpCreateToken, idctest.Fault{
		Status: 400,
		Body:   `{"error":"invalid_grant","error_description":"Invalid refresh token provided"}`,
		Header: http.Header{"X-Amzn-Errortype": {"InvalidGrantException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"}},
	})
	h.srv.InjectFault(idctest.OpCreateToken, idctest.Fault{Status: 500})
	for _, what := range []string{"refused refresh", "refresh meeting a 500"} {
		_, err := m.Refresh(ctx, "my-sso")
		if err == nil {
			t.Fatalf("%s succeeded", what)
		}
		refreshLog.logf("%s: %v", what, err)
	}
	outputs = append(outputs, struct{ what, text string }{"refresh debug log and errors", refreshLog.String()})

	// Status, and a sign-out whose Logout call fails.
	keep("status --json", h.runEnv(t, debug, "status", "--json"))
	keep("status", h.runEnv(t, debug, "status"))
	h.srv.InjectFault(idctest.OpLogout, idctest.Fault{Status: 500})
	res = h.runEnv(t, append(debug, "AWS_MAX_ATTEMPTS=1"), "logout", "my-sso")
	if res.code != 0 || !strings.Contains(res.stderr, "warning") {
		t.Fatalf("logout with a failing Logout: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	outputs = append(outputs, struct{ what, text string }{"logout stdout", res.stdout}, struct{ what, text string }{"logout stderr", res.stderr})
	secrets.harvest(t, h)
	outputs = append(outputs, struct{ what, text string }{"idctest request log", serverLog.String()})

	list := secrets.list()
	// One client secret, three device codes, and the access and refresh
	// tokens of two sign-ins and a refresh.
	if len(list) < 10 {
		t.Fatalf("only %d secrets gathered; the scenario did not run as meant", len(list))
	}
	for _, o := range outputs {
		assertNoSecret(t, o.what, o.text, list)
	}
	cacheDir := h.cacheFile("")
	err := filepath.WalkDir(h.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if filepath.Dir(path) == filepath.Clean(cacheDir) && filepath.Ext(path) == ".json" {
			return nil // the token and registration files, which must hold them
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(h.dir, path)
		assertNoSecret(t, "~/"+rel, string(data), list)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
