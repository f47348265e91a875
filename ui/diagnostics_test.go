package ui

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"
	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// secrets are every secret the fakes and cache files of these tests hold.
var secrets = []string{"ACCESS-SECRET", "REFRESH-SECRET", "CLIENT-SECRET", "DEVICE-SECRET", "ABCD-EFGH", "cid-1"}

func assertNoSecret(t *testing.T, text string) {
	t.Helper()
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("the diagnostics hold the secret %q:\n%s", s, text)
		}
	}
}

func TestDiagnostics(t *testing.T) {
	st := status("corp", signin.SignedIn, time.Date(2026, 11, 27, 19, 12, 0, 0, time.FixedZone("CET", 3600)))
	st.Profiles = []string{"dev", "prod"}
	st.Scopes = []string{"sso:account:access"}
	st.File, st.Line = "/home/u/.aws/config", 1
	st.Refreshable = true
	st.CacheFile = "/home/u/.aws/sso/cache/0a1b.json"
	got := diagnostics(st, "v0.3.0", &flow.APIError{Op: "refresh", Err: errors.New("connection reset")})
	want := `ssotray diagnostics (no tokens or secrets are included)
Sign-in:       corp
Kind:          sso-session
Start URL:     https://d-1234567890.awsapps.com/start
Region:        eu-west-1
Profiles:      dev, prod
Scopes:        sso:account:access
Config file:   /home/u/.aws/config, line 1
State:         signed-in
Expires at:    2026-11-27T18:12:00Z
Refreshable:   yes
Cache file:    /home/u/.aws/sso/cache/0a1b.json
Last error:    refresh: connection reset
App version:   ssotray v0.3.0
System:        ` + runtime.GOOS + "/" + runtime.GOARCH + ", " + runtime.Version() + "\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}

	legacy := status("legacy-dev", signin.Unreadable, time.Time{})
	legacy.Kind = storage.KindLegacyProfile
	legacy.Problem = errors.New("the token file is not JSON")
	legacy.SecretMode, legacy.SecretsProblem = storage.SecretsKeyring, noKeyring
	got = diagnostics(legacy, "", nil)
	for _, line := range []string{
		"Kind:          legacy-profile (start URL set in the profile)\n",
		"Profiles:      (none)\n",
		"Expires at:    (no token)\n",
		"Refreshable:   no\n",
		"Cache problem: the token file is not JSON\n",
		"Secrets in:    Keyring\n",
		"Secrets issue: the system keyring is not available: no Secret Service\n",
		"Last error:    (none seen)\n",
		"App version:   ssotray (none)\n",
	} {
		if !strings.Contains(got, line) {
			t.Errorf("diagnostics lack %q:\n%s", line, got)
		}
	}
}

// TestDiagnosticsHoldNoSecret builds the diagnostics of a sign-in whose
// cache file holds an access token, a refresh token and a client secret,
// after a failed sign-in that handed out a device code: none of them shows.
func TestDiagnosticsHoldNoSecret(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	err := storage.PathsFromHome(e.home).TokenCache().Save("corp", storage.Token{
		StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1",
		AccessToken: "ACCESS-SECRET", RefreshToken: "REFRESH-SECRET",
		ClientID: "cid-1", ClientSecret: "CLIENT-SECRET",
		ExpiresAt: t0.Add(time.Hour), RegistrationExpiresAt: t0.Add(90 * 24 * time.Hour),
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := e.u.m.Status("corp")
	if err != nil || st.State != signin.SignedIn || !st.Refreshable {
		t.Fatalf("status %+v, %v; want signed in and refreshable", st, err)
	}
	text := diagnostics(st, "dev", nil)
	assertNoSecret(t, text)
	if !strings.Contains(text, "Cache file:    "+st.CacheFile) {
		t.Errorf("no cache file path:\n%s", text)
	}

	// A sign-in attempt fails after the device code was handed out; the
	// window records the error, and Copy diagnostics reports it.
	approve := make(chan struct{})
	close(approve)
	scriptSignIn(e, approve)
	e.oidc.TokenReplies = []flowtest.Reply[ssooidc.CreateTokenOutput]{{Err: &types.AccessDeniedException{}}}
	e.u.applyList(e.u.load())
	e.u.signIn(e.u.main.rows[0].status.SignIn)
	w := e.u.signIns["corp"]
	e.until("the failure", func() bool { return w.state.Phase == flow.Failed })
	lastErr := e.u.lastErr["corp"]
	if !errors.Is(lastErr, flow.ErrDenied) {
		t.Fatalf("last error = %v, want the denial", lastErr)
	}

	e.u.main.rowMenu(e.u.main.rows[0]).Items[0].Action() // Copy diagnostics
	clip := e.u.app.Clipboard().Content()
	if !strings.Contains(clip, "Last error:    "+lastErr.Error()+"\n") {
		t.Errorf("the clipboard lacks the last error:\n%s", clip)
	}
	assertNoSecret(t, clip)
	if !strings.HasPrefix(e.u.main.message.Text, "Copied the details of corp") {
		t.Errorf("message = %q", e.u.main.message.Text)
	}
}
