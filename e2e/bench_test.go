package e2e

import (
	"bufio"
	"context"
	"crypto/sha1"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow/idctest"
)

// BenchmarkLogin times `ssotray login --no-browser` against the local
// Identity Center (polling interval 1 s, as the real service gives): from
// start to the code on screen, and from approval to exit 0. The
// registration is cached after the first round, as it is for a user.
func BenchmarkLogin(b *testing.B) {
	h := newHome(b, sessionConfig)
	var toCode, toSignedIn time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		cmd := exec.Command(binary, "login", "dev", "--no-browser", "--use-device-code")
		cmd.Env = h.env()
		pipe, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		var approved time.Time
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "Waiting for approval") {
				toCode += time.Since(start)
				approved = time.Now()
				if err := h.srv.Approve(h.srv.LastUserCode()); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := cmd.Wait(); err != nil {
			b.Fatal(err)
		}
		toSignedIn += time.Since(approved)
	}
	b.ReportMetric(float64(toCode.Milliseconds())/float64(b.N), "ms-to-code")
	b.ReportMetric(float64(toSignedIn.Milliseconds())/float64(b.N), "ms-approval-to-signed-in")
	polls := 0
	for _, r := range h.srv.Requests() {
		if r.Op == idctest.OpCreateToken {
			polls++
		}
	}
	b.ReportMetric(float64(polls)/float64(b.N), "polls/login")
}

// BenchmarkStatus times `ssotray status --json` with 200 sign-ins used by
// 2,000 profiles, half of them signed in.
func BenchmarkStatus(b *testing.B) {
	h := newHome(b, bigConfig(200, 2000))
	issued := h.srv.SignInDirect("sso:account:access")
	for i := 0; i < 200; i += 2 {
		path := h.cacheFile(fmt.Sprintf("%x.json", sha1Hex(fmt.Sprintf("s%03d", i))))
		if err := os.MkdirAll(h.cacheFile(""), 0o700); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, issued.CacheJSON("https://d-1234567890.awsapps.com/start", "us-east-1"), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.CommandContext(ctx, binary, "status", "--json")
		cmd.Env = h.env()
		out, err := cmd.Output()
		if err != nil {
			b.Fatal(err)
		}
		if n := strings.Count(string(out), `"state": "signed-in"`); n != 100 {
			b.Fatalf("%d signed in, want 100", n)
		}
	}
}

// bigConfig has sessions sso-sessions and profiles profiles spread over them.
func bigConfig(sessions, profiles int) string {
	var sb strings.Builder
	for i := 0; i < sessions; i++ {
		fmt.Fprintf(&sb, "[sso-session s%03d]\nsso_start_url = https://d-%010d.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n", i, i)
	}
	for i := 0; i < profiles; i++ {
		fmt.Fprintf(&sb, "[profile p%04d]\nsso_session = s%03d\nsso_account_id = %012d\nsso_role_name = ReadOnly\nregion = eu-west-1\n\n", i, i%sessions, i)
	}
	return sb.String()
}

func sha1Hex(s string) []byte {
	sum := sha1.Sum([]byte(s))
	return sum[:]
}
