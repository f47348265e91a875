package e2e

import (
	"os"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/flow/idctest"
)

// Transient trouble at every step is retried with backoff and the sign-in
// still succeeds.
func TestLoginSurvivesTransientErrors(t *testing.T) {
	h := newHome(t, sessionConfig)
	h.srv.InjectFault(idctest.OpRegisterClient, idctest.Fault{Status: 503, Count: 2})
	h.srv.InjectFault(idctest.OpStartDeviceAuthorization, idctest.Fault{Status: 429})
	h.srv.InjectFault(idctest.OpCreateToken, idctest.Fault{ResetConnection: true})
	h.srv.InjectFault(idctest.OpCreateToken, idctest.Fault{Status: 500})
	res := h.login(t, "dev", approve(h, t))
	if res.code != 0 {
		t.Fatalf("login exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if !strings.Contains(res.stdout, "signed in until") {
		t.Errorf("stdout:\n%s", res.stdout)
	}
	counts := map[string]int{}
	for _, r := range h.srv.Requests() {
		counts[r.Op]++
	}
	if counts[idctest.OpRegisterClient] != 3 || counts[idctest.OpStartDeviceAuthorization] != 2 {
		t.Errorf("calls = %v: want RegisterClient tried 3 times and StartDeviceAuthorization twice", counts)
	}
}

// When the service keeps failing, the one line on stderr says what happened
// in plain words, and no token file appears.
func TestLoginPersistentServerErrorIsExplained(t *testing.T) {
	tests := []struct {
		fault idctest.Fault
		want  string
	}{
		{idctest.Fault{Status: 500, Count: 10}, "server error (HTTP 500)"},
		{idctest.Fault{Status: 429, Count: 10}, "busy right now (throttled)"},
		{idctest.Fault{Status: 200, Body: `{"clientId": "abc`, Count: 10}, "could not be understood"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			h := newHome(t, sessionConfig)
			h.srv.InjectFault(idctest.OpRegisterClient, tc.fault)
			res := h.runEnv(t, []string{"AWS_MAX_ATTEMPTS=2"}, "login", "dev", "--no-browser")
			if res.code == 0 {
				t.Fatal("login succeeded")
			}
			if got := strings.TrimSpace(res.stderr); strings.Contains(got, "\n") || !strings.Contains(got, tc.want) || !strings.HasPrefix(got, "ssotray: sign-in to my-sso failed: register client: ") {
				t.Errorf("stderr = %q, want one line containing %q", res.stderr, tc.want)
			}
			if _, err := os.Stat(h.cacheFile(sessionTokenFile)); !os.IsNotExist(err) {
				t.Error("a failed login left a token file")
			}
		})
	}
}
