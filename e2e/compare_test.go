package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow/idctest"
)

// awsCLIv2 is Debian's AWS CLI v2 (package awscli, 2.9.19). The `aws` on
// PATH may be AWS CLI v1 (pyenv), which has no `aws sso login`, so the
// comparison names this binary explicitly. scripts/bench.sh installs it.
const awsCLIv2 = "/usr/bin/aws"

// endpointRuleSet sends every request of a botocore service to one URL. AWS
// CLI 2.9.19 predates AWS_ENDPOINT_URL_*; it looks for service data in
// ~/.aws/models before its bundled files (aws-sso-spec.md §4.1, §7.4).
const endpointRuleSet = `{
  "version": "1.0",
  "parameters": {
    "Region": {"type": "String", "builtIn": "AWS::Region", "required": false, "documentation": "AWS region"}
  },
  "rules": [
    {"type": "endpoint", "conditions": [],
     "endpoint": {"url": %q, "properties": {}, "headers": {}}}
  ]
}
`

// replyLog counts the answers the local Identity Center gave, from its
// request log (which never holds secrets).
type replyLog struct {
	mu        sync.Mutex
	slowDowns int
}

func (l *replyLog) logf(format string, args ...any) {
	if strings.Contains(fmt.Sprintf(format, args...), " CreateToken → 400 SlowDownException") {
		l.mu.Lock()
		l.slowDowns++
		l.mu.Unlock()
	}
}

func (l *replyLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.slowDowns
}

// loginSample is one measured sign-in.
type loginSample struct {
	toRequest  time.Duration // process start to StartDeviceAuthorization at the server
	toCode     time.Duration // process start to the user code in its output
	toSignedIn time.Duration // approval to the "signed in" line
	polls      int           // device-code CreateToken calls
	slowDowns  int           // slow_down answers among them
}

// loginTool is a sign-in command under comparison.
type loginTool struct {
	name string
	// command returns the login command for h.
	command func(ctx context.Context, h *home) *exec.Cmd
	// signedIn is what the tool prints once the token is stored.
	signedIn string
}

var loginTools = []loginTool{
	{
		name: "ssotray",
		command: func(ctx context.Context, h *home) *exec.Cmd {
			cmd := exec.CommandContext(ctx, binary, "login", "dev", "--no-browser", "--use-device-code")
			cmd.Env = h.env()
			return cmd
		},
		signedIn: "signed in until",
	},
	{
		name: "awscli-v2",
		command: func(ctx context.Context, h *home) *exec.Cmd {
			cmd := exec.CommandContext(ctx, awsCLIv2, "sso", "login", "--profile", "dev", "--no-browser")
			cmd.Env = h.env()
			return cmd
		},
		signedIn: "Successfully logged into Start URL",
	},
}

// newHomeOn is a throw-away home for config whose AWS clients all go to srv:
// through AWS_ENDPOINT_URL_* for ssotray and current SDKs, and through
// ~/.aws/models endpoint rule sets for AWS CLI 2.9.19.
func newHomeOn(tb testing.TB, srv *idctest.Server, config string) *home {
	tb.Helper()
	dir := tb.TempDir()
	h := &home{dir: dir, config: filepath.Join(dir, ".aws", "config"), srv: srv}
	for _, svc := range []string{"sso-oidc", "sso"} {
		models := filepath.Join(dir, ".aws", "models", svc, "2019-06-10")
		if err := os.MkdirAll(models, 0o700); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(models, "endpoint-rule-set-1.json"), fmt.Appendf(nil, endpointRuleSet, srv.URL), 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	if err := os.WriteFile(h.config, []byte(config), 0o600); err != nil {
		tb.Fatal(err)
	}
	return h
}

// timeLogin runs one login, approves its code approveAfter after it shows
// (as a person would, on the server's device page), and measures it.
func timeLogin(tb testing.TB, h *home, tool loginTool, replies *replyLog, approveAfter time.Duration) loginSample {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	before, slowBefore := len(h.srv.Requests()), replies.count()

	cmd := tool.command(ctx, h)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	var (
		s          loginSample
		out        []byte
		buf        = make([]byte, 64<<10)
		approvedAt = make(chan time.Time, 1)
		seen       bool
		signedIn   time.Time
	)
	for {
		n, readErr := pipe.Read(buf)
		now := time.Now()
		out = append(out, buf[:n]...)
		// The server knows the code before the client prints it.
		if code := h.srv.LastUserCode(); !seen && code != "" && bytes.Contains(out, []byte(code)) {
			seen, s.toCode = true, now.Sub(start)
			time.AfterFunc(approveAfter, func() {
				approvedAt <- time.Now()
				if err := h.srv.Approve(code); err != nil {
					tb.Errorf("%s: approve %s: %v", tool.name, code, err)
				}
			})
		}
		if seen && signedIn.IsZero() && bytes.Contains(out, []byte(tool.signedIn)) {
			signedIn = now
		}
		if readErr != nil {
			break
		}
	}
	if err := cmd.Wait(); err != nil || signedIn.IsZero() {
		tb.Fatalf("%s login: %v\nstdout:\n%s\nstderr:\n%s", tool.name, err, out, stderr.String())
	}
	s.toSignedIn = signedIn.Sub(<-approvedAt)
	for _, r := range h.srv.Requests()[before:] {
		switch {
		case r.Op == idctest.OpStartDeviceAuthorization && s.toRequest == 0:
			s.toRequest = r.At.Sub(start)
		case r.Op == idctest.OpCreateToken && r.Body["grantType"] == "urn:ietf:params:oauth:grant-type:device_code":
			s.polls++
		}
	}
	s.slowDowns = replies.count() - slowBefore
	return s
}

// BenchmarkCompareLogin compares `ssotray login --no-browser` with Debian's
// AWS CLI v2 `aws sso login --no-browser`, one after the other against the
// same local Identity Center with the real service's 1 s interval, enforced
// (a poll that comes too soon is answered slow_down, RFC 8628 §3.5). Each
// tool first signs in registeringLogins times, each in a new home with the
// same config (measured apart: a first sign-in also registers the client);
// the timed sign-ins then reuse the last home's cached registration, as a
// person's do. The code is approved the moment it is on screen
// (approve-at-once), or 2.5 s later (approve-after-2.5s), when the protocol
// needs three polls (pending at 1 s and 2 s, the token at 3 s).
func BenchmarkCompareLogin(b *testing.B) {
	if _, err := os.Stat(awsCLIv2); err != nil {
		b.Fatalf("Debian's AWS CLI v2 is needed at %s (scripts/bench.sh installs the awscli package): %v", awsCLIv2, err)
	}
	replies := &replyLog{}
	srv := idctest.NewServer(func(o *idctest.Options) {
		o.Interval = 1
		o.EnforceInterval = true
		o.Logf = replies.logf
	})
	b.Cleanup(srv.Close)
	for _, delay := range []struct {
		name string
		d    time.Duration
	}{{"approve-at-once", 0}, {"approve-after-2.5s", 2500 * time.Millisecond}} {
		b.Run(delay.name, func(b *testing.B) {
			for _, tool := range loginTools {
				// First sign-ins, each in a new home, so each registers the
				// client; the timed ones reuse the last home's registration.
				var firsts []loginSample
				var h *home
				for range registeringLogins {
					h = newHomeOn(b, srv, sessionConfig)
					firsts = append(firsts, timeLogin(b, h, tool, replies, 0))
				}
				b.Run(tool.name, func(b *testing.B) {
					var all []loginSample
					for b.Loop() {
						all = append(all, timeLogin(b, h, tool, replies, delay.d))
					}
					reportLogins(b, firsts, all)
				})
			}
		})
	}
}

// registeringLogins is how many first sign-ins (which register the client)
// each tool makes before the timed ones.
const registeringLogins = 3

func reportLogins(b *testing.B, firsts, all []loginSample) {
	var req, code, signedIn, worst time.Duration
	var polls, slow int
	for _, s := range all {
		req += s.toRequest
		code += s.toCode
		signedIn += s.toSignedIn
		worst = max(worst, s.toSignedIn)
		polls += s.polls
		slow += s.slowDowns
	}
	n := float64(len(all))
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms(req)/n, "ms-to-request")
	b.ReportMetric(ms(code)/n, "ms-to-code")
	b.ReportMetric(ms(signedIn)/n, "ms-approval-to-signed-in")
	b.ReportMetric(ms(worst), "max-ms-approval-to-signed-in")
	b.ReportMetric(float64(polls)/n, "polls/login")
	b.ReportMetric(float64(slow)/n, "slow_downs/login")
	var first time.Duration
	for _, s := range firsts {
		first += s.toCode
	}
	b.ReportMetric(ms(first)/float64(len(firsts)), "ms-to-code-registering")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// botocoreStatus does what `ssotray status --json` does, with botocore: read
// the config (every profile and sso-session, through botocore's own loader),
// then for each sign-in load its token from the cache the way botocore's
// SSOTokenProvider does (SSOTokenLoader over a JSONFileCache of
// ~/.aws/sso/cache) and compare expiresAt with now. It deliberately does not
// call SSOTokenProvider.load_token(): that returns a refreshing token, which
// calls CreateToken for a token within 15 minutes of expiry and so is not a
// read-only status check. It prints the count of sign-ins in each state, and
// on stderr the milliseconds spent after the imports.
const botocoreStatus = `
import time
t0 = time.perf_counter()
import datetime, json, os, sys
import botocore.session
from botocore.exceptions import SSOTokenLoadError
from botocore.tokens import SSOTokenProvider, _sso_json_dumps
from botocore.utils import JSONFileCache, SSOTokenLoader
from dateutil.parser import parse
t1 = time.perf_counter()

config = botocore.session.Session().full_config
profiles_of = {}
legacy = {}
for name, p in config.get("profiles", {}).items():
    if "sso_session" in p:
        profiles_of.setdefault(p["sso_session"], []).append(name)
    elif "sso_start_url" in p:
        legacy[name] = p
cache = JSONFileCache(SSOTokenProvider._SSO_TOKEN_CACHE_DIR, dumps_func=_sso_json_dumps)
loader = SSOTokenLoader(cache=cache)
now = datetime.datetime.now(datetime.timezone.utc)
out = []
def status(name, start_url, session_name, profiles):
    entry = {"name": name, "startUrl": start_url, "profiles": sorted(profiles)}
    try:
        token = loader(start_url, session_name=session_name)
        expires = parse(token["expiresAt"])
        entry["expiresAt"] = token["expiresAt"]
        entry["state"] = "signed-in" if expires > now else "expired"
    except SSOTokenLoadError:
        entry["state"] = "signed-out"
    except Exception:
        entry["state"] = "unreadable"
    out.append(entry)
for name, s in config.get("sso_sessions", {}).items():
    status(name, s.get("sso_start_url"), name, profiles_of.get(name, []))
for name, p in legacy.items():
    status(name, p["sso_start_url"], None, [name])
json.dumps(out, indent=2)
counts = {}
for e in out:
    counts[e["state"]] = counts.get(e["state"], 0) + 1
print(json.dumps(counts, sort_keys=True))
print("%.3f %.3f" % ((t1 - t0) * 1000, (time.perf_counter() - t1) * 1000), file=sys.stderr)
`

// BenchmarkCompareStatus compares `ssotray status --json` with the same
// reading done by botocore (botocoreStatus), each as a new process, with 200
// sso-sessions used by 2,000 profiles and 100 of the sessions signed in.
func BenchmarkCompareStatus(b *testing.B) {
	srv := idctest.NewServer()
	b.Cleanup(srv.Close)
	h := newHomeOn(b, srv, bigConfig(200, 2000))
	issued := srv.SignInDirect("sso:account:access")
	if err := os.MkdirAll(h.cacheFile(""), 0o700); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 200; i += 2 {
		path := h.cacheFile(fmt.Sprintf("%x.json", sha1Hex(fmt.Sprintf("s%03d", i))))
		if err := os.WriteFile(path, issued.CacheJSON(fmt.Sprintf("https://d-%010d.awsapps.com/start", i), "us-east-1"), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	script := filepath.Join(b.TempDir(), "status.py")
	if err := os.WriteFile(script, []byte(botocoreStatus), 0o600); err != nil {
		b.Fatal(err)
	}

	b.Run("ssotray", func(b *testing.B) {
		for b.Loop() {
			cmd := exec.Command(binary, "status", "--json")
			cmd.Env = h.env()
			out, err := cmd.Output()
			if err != nil {
				b.Fatal(err)
			}
			if n := strings.Count(string(out), `"state": "signed-in"`); n != 100 {
				b.Fatalf("%d signed in, want 100", n)
			}
		}
	})
	b.Run("botocore", func(b *testing.B) {
		var imports, work []float64
		for b.Loop() {
			cmd := exec.Command(python, script)
			cmd.Env = h.env()
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				b.Fatalf("%v\n%s", err, stderr.String())
			}
			var counts map[string]int
			if err := json.Unmarshal(out, &counts); err != nil || counts["signed-in"] != 100 || counts["signed-out"] != 100 {
				b.Fatalf("botocore status: %s (%v)", out, err)
			}
			f := strings.Fields(stderr.String())
			if len(f) != 2 {
				b.Fatalf("botocore timing: %q", stderr.String())
			}
			i, _ := strconv.ParseFloat(f[0], 64)
			w, _ := strconv.ParseFloat(f[1], 64)
			imports, work = append(imports, i), append(work, w)
		}
		b.ReportMetric(median(imports), "ms-python-imports")
		b.ReportMetric(median(work), "ms-after-imports")
	})
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
