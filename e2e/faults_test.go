package e2e

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

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
			res := h.runEnv(t, []string{"AWS_MAX_ATTEMPTS=2"}, "login", "dev", "--no-browser", "--use-device-code")
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

// errorTypeHeader carries the error shape as the real service sends it.
func errorTypeHeader(shape string) http.Header {
	return http.Header{"X-Amzn-Errortype": {shape + ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"}}
}

// assertFilesIntact checks what a sign-in may leave behind, whatever
// happened: the config exactly as it was, every cache file a JSON object, a
// token file (if any) with an access token and an RFC 3339 expiry, and no
// temporary files.
func assertFilesIntact(t *testing.T, h *home, config string) {
	t.Helper()
	if data, err := os.ReadFile(h.config); err != nil || string(data) != config {
		t.Errorf("the config changed or is gone (%v):\n%s", err, data)
	}
	entries, _ := os.ReadDir(h.cacheFile(""))
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".json") || strings.HasPrefix(e.Name(), ".") {
			t.Errorf("stray file in the cache: %s", e.Name())
			continue
		}
		data, err := os.ReadFile(h.cacheFile(e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Errorf("%s is corrupt: %v\n%s", e.Name(), err, data)
			continue
		}
		if _, isToken := m["accessToken"]; !isToken {
			continue
		}
		tok, _ := m["accessToken"].(string)
		exp, _ := m["expiresAt"].(string)
		if _, err := time.Parse(time.RFC3339, exp); err != nil || tok == "" {
			t.Errorf("%s: accessToken %t, expiresAt %q", e.Name(), tok != "", exp)
		}
	}
}

// assertPlainError checks a failed login: one line on stderr that says what
// happened in words, short, and no token file.
func assertPlainError(t *testing.T, h *home, res result, want string) {
	t.Helper()
	got := strings.TrimSpace(res.stderr)
	if res.code == 0 {
		t.Fatalf("login succeeded; want a failure saying %q", want)
	}
	if strings.Contains(got, "\n") || len(got) > 600 || !strings.Contains(got, want) {
		t.Errorf("stderr = %q (%d bytes), want one short line containing %q", got, len(got), want)
	}
	if _, err := os.Stat(h.cacheFile(sessionTokenFile)); !os.IsNotExist(err) {
		t.Error("a failed login left a token file")
	}
}

// Answers that come slowly, but within the per-call deadline, are waited
// for at every step.
func TestLoginWaitsForSlowAnswers(t *testing.T) {
	t.Parallel()
	h := newHome(t, sessionConfig)
	const delay = 1500 * time.Millisecond
	for _, op := range []string{idctest.OpRegisterClient, idctest.OpStartDeviceAuthorization, idctest.OpCreateToken} {
		h.srv.InjectFault(op, idctest.Fault{Delay: delay})
	}
	start := time.Now()
	res := h.login(t, "dev", approve(h, t))
	if res.code != 0 {
		t.Fatalf("login exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if took := time.Since(start); took < 3*delay {
		t.Errorf("login took %v; the three slow answers alone take %v", took, 3*delay)
	}
	assertFilesIntact(t, h, sessionConfig)
}

// A server that stops answering is abandoned at the per-call deadline
// (flow's 30 s default; the SDK's HTTP client has no deadline of its own
// for a reply), the person is told, and polling goes on to success.
func TestLoginAbandonsAHungServer(t *testing.T) {
	t.Parallel()
	h := newHome(t, sessionConfig)
	h.srv.InjectFault(idctest.OpCreateToken, idctest.Fault{Delay: 10 * time.Minute})
	start := time.Now()
	res := h.loginEnv(t, []string{"SSOTRAY_CALL_TIMEOUT=2s"}, "dev", approve(h, t))
	if res.code != 0 {
		t.Fatalf("login exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if took := time.Since(start); took < 2*time.Second || took > 15*time.Second {
		t.Errorf("login took %v, want the 2 s call deadline and a poll", took)
	}
	if !strings.Contains(res.stderr, "Still waiting; check for approval: IAM Identity Center did not answer in time") {
		t.Errorf("stderr does not say the server did not answer:\n%s", res.stderr)
	}
	assertFilesIntact(t, h, sessionConfig)
}

// Answers with the wrong Content-Type are judged by their body: HTML error
// pages from a proxy are retried, a JSON answer labelled text/html is read,
// and HTML where an answer should be is explained.
func TestLoginWrongContentType(t *testing.T) {
	t.Parallel()
	t.Run("html gateway errors are retried", func(t *testing.T) {
		h := newHome(t, sessionConfig)
		h.srv.InjectFault(idctest.OpRegisterClient, idctest.Fault{Status: 502, ContentType: "text/html", Count: 2,
			Body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"})
		if res := h.login(t, "dev", approve(h, t)); res.code != 0 {
			t.Fatalf("login exit %d\n%s", res.code, res.stderr)
		}
		assertFilesIntact(t, h, sessionConfig)
	})
	t.Run("json labelled html is read", func(t *testing.T) {
		h := newHome(t, sessionConfig)
		h.srv.InjectFault(idctest.OpCreateToken, idctest.Fault{Status: 400, ContentType: "text/html; charset=utf-8",
			Header: errorTypeHeader("AuthorizationPendingException"),
			Body:   `{"error":"authorization_pending","error_description":"Authorization is still pending"}`})
		res := h.login(t, "dev", approve(h, t))
		if res.code != 0 || res.stderr != "" {
			t.Fatalf("login exit %d, stderr %q", res.code, res.stderr)
		}
		assertFilesIntact(t, h, sessionConfig)
	})
	t.Run("an html page instead of an answer is explained", func(t *testing.T) {
		h := newHome(t, sessionConfig)
		h.srv.InjectFault(idctest.OpStartDeviceAuthorization, idctest.Fault{Status: 200, ContentType: "text/html",
			Body: "<!DOCTYPE html><html><body>Sign in to the hotel Wi-Fi</body></html>"})
		res := h.login(t, "dev", nil)
		assertPlainError(t, h, res, "start device authorization: IAM Identity Center sent an answer that could not be understood")
		assertFilesIntact(t, h, sessionConfig)
	})
}

// Bodies that are not JSON, or are cut off, end in a plain error and leave
// the files as they were.
func TestLoginGarbledBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		op    string
		fault idctest.Fault
		want  string
	}{
		{"plain text device authorization", idctest.OpStartDeviceAuthorization,
			idctest.Fault{Status: 200, ContentType: "text/plain", Body: "OK"},
			"start device authorization: IAM Identity Center sent an answer that could not be understood"},
		{"truncated device authorization", idctest.OpStartDeviceAuthorization,
			idctest.Fault{Status: 200, Body: `{"deviceCode":"dc","userCode":"AB`},
			"start device authorization: IAM Identity Center sent an answer that could not be understood"},
		{"device authorization without a user code", idctest.OpStartDeviceAuthorization,
			idctest.Fault{Status: 200, Body: `{"deviceCode":"dc","verificationUri":"https://device.sso.us-east-1.amazonaws.com/","expiresIn":600,"interval":1}`},
			"start device authorization: IAM Identity Center sent an incomplete answer (no usable userCode)"},
		{"truncated token", idctest.OpCreateToken,
			idctest.Fault{Status: 200, Body: `{"accessToken":"aoa`},
			"check for approval: IAM Identity Center sent an answer that could not be understood"},
		{"empty token", idctest.OpCreateToken,
			idctest.Fault{Status: 200, Body: `{}`},
			"check for approval: IAM Identity Center sent an incomplete answer (no usable accessToken)"},
		{"error without its type", idctest.OpCreateToken,
			idctest.Fault{Status: 400, Body: `{"error":"authorization_pending"}`},
			"check for approval: IAM Identity Center sent an answer that could not be understood (HTTP 400)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHome(t, sessionConfig)
			// A good token from an earlier sign-in must survive a bad one.
			issued := h.srv.SignInDirect("sso:account:access")
			writeLikeTheCLI(t, h, "my-sso", issued)
			before, _ := os.ReadFile(h.cacheFile(sessionTokenFile))
			h.srv.InjectFault(tc.op, tc.fault)
			res := h.login(t, "dev", approve(h, t))
			if res.code == 0 {
				t.Fatalf("login succeeded\n%s", res.stdout)
			}
			if got := strings.TrimSpace(res.stderr); strings.Contains(got, "\n") || !strings.Contains(got, tc.want) {
				t.Errorf("stderr = %q, want one line containing %q", got, tc.want)
			}
			if after, _ := os.ReadFile(h.cacheFile(sessionTokenFile)); string(after) != string(before) {
				t.Error("a failed login changed the earlier token")
			}
			assertFilesIntact(t, h, sessionConfig)
		})
	}
}

// An answer far larger than Identity Center ever sends is read only up to
// 1 MiB and explained in one short line, even when it is an error whose
// message would fill the screen.
func TestLoginOversizedBodies(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("A", 3<<20)
	tests := []struct {
		name  string
		op    string
		fault idctest.Fault
		want  string
	}{
		{"registration", idctest.OpRegisterClient,
			idctest.Fault{Status: 200, Body: `{"clientId":"cid-x","clientSecret":"s","padding":"` + huge + `"}`},
			"register client: IAM Identity Center sent an answer larger than 1 MiB"},
		{"error message", idctest.OpCreateToken,
			idctest.Fault{Status: 400, Header: errorTypeHeader("SomethingNewException"), Body: `{"message":"` + huge + `"}`},
			"check for approval: IAM Identity Center sent an answer larger than 1 MiB"},
		{"long error message under the limit", idctest.OpCreateToken,
			idctest.Fault{Status: 400, Header: errorTypeHeader("SomethingNewException"), Body: `{"message":"` + huge[:100<<10] + `"}`},
			"check for approval: IAM Identity Center refused the request: AAAA"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHome(t, sessionConfig)
			h.srv.InjectFault(tc.op, tc.fault)
			res := h.login(t, "dev", approve(h, t))
			assertPlainError(t, h, res, tc.want)
			assertFilesIntact(t, h, sessionConfig)
		})
	}
}

// With Identity Center's clock hours off, the token ssotray writes still
// expires expiresIn after the sign-in by this computer's clock, and status
// agrees.
func TestLoginClockSkew(t *testing.T) {
	t.Parallel()
	for _, skew := range []time.Duration{5 * time.Hour, -5 * time.Hour} {
		t.Run(skew.String(), func(t *testing.T) {
			h := newHome(t, sessionConfig, func(o *idctest.Options) {
				o.Now = func() time.Time { return time.Now().Add(skew) }
			})
			start := time.Now()
			if res := h.login(t, "dev", approve(h, t)); res.code != 0 {
				t.Fatalf("login exit %d\n%s", res.code, res.stderr)
			}
			end := time.Now()
			exp, err := time.Parse(time.RFC3339, readCache(t, h.cacheFile(sessionTokenFile))["expiresAt"].(string))
			if err != nil {
				t.Fatal(err)
			}
			lo, hi := start.Add(idctest.DefaultAccessTokenTTL-time.Second), end.Add(idctest.DefaultAccessTokenTTL)
			if exp.Before(lo) || exp.After(hi) {
				t.Errorf("expiresAt %v, want between %v and %v (local clock + expiresIn)", exp, lo, hi)
			}
			if st := statusByName(t, h, "my-sso"); st.State != "signed-in" {
				t.Errorf("status after a skewed sign-in: %+v", st)
			}
			assertFilesIntact(t, h, sessionConfig)
		})
	}
}
