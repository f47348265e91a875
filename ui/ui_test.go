package ui

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/signin"
)

// scriptSignIn has the fake Identity Center hand out a device code, which
// the sign-in windows of e then ask for.
func scriptSignIn(e *env, approve <-chan struct{}) {
	e.u.opts.SignInMethod = flow.DeviceCode
	o := e.oidc
	o.RegisterReplies = []flowtest.Reply[ssooidc.RegisterClientOutput]{{Out: &ssooidc.RegisterClientOutput{
		ClientId: aws.String("cid-1"), ClientSecret: aws.String("CLIENT-SECRET"),
		ClientSecretExpiresAt: t0.Add(90 * 24 * time.Hour).Unix(),
	}}}
	o.StartReplies = []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{{Out: &ssooidc.StartDeviceAuthorizationOutput{
		DeviceCode: aws.String("DEVICE-SECRET"), UserCode: aws.String("ABCD-EFGH"),
		VerificationUri:         aws.String(awsPage),
		VerificationUriComplete: aws.String(awsPageFull),
		ExpiresIn:               600, Interval: 5,
	}}}
	o.TokenReplies = []flowtest.Reply[ssooidc.CreateTokenOutput]{{Out: &ssooidc.CreateTokenOutput{
		AccessToken: aws.String("ACCESS-SECRET"), RefreshToken: aws.String("REFRESH-SECRET"),
		ExpiresIn: 3600, TokenType: aws.String("Bearer"),
	}}}
	// The person has not approved yet: the first poll waits for the test
	// (or for the window to close, which cancels it).
	o.BeforeToken = func(ctx context.Context, _ int) {
		select {
		case <-approve:
		case <-ctx.Done():
		}
	}
}

// TestSignInEndToEnd taps Sign in in the main window of a manager over a
// temp home, sees the code the fake Identity Center hands out, approves
// it, and sees the sign-in land in the token cache and the list.
func TestSignInEndToEnd(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	approve := make(chan struct{})
	scriptSignIn(e, approve)
	e.u.start()

	if len(e.u.main.rows) != 1 || e.u.main.rows[0].action.Text != "Sign in" {
		t.Fatalf("rows = %v, want corp with Sign in", rowText(e.u.main))
	}
	test.Tap(e.u.main.rows[0].action)
	w := e.u.signIns["corp"]
	if w == nil {
		t.Fatal("no sign-in window opened")
	}
	if got := viewOf(w).panel; got != "registering" {
		t.Errorf("first panel = %q, want registering", got)
	}
	e.until("the code", func() bool { return viewOf(w).code == "ABCD-EFGH" })
	v := viewOf(w)
	if !v.qr || !v.open || v.refused {
		t.Errorf("view %+v: want the QR code and Open browser", v)
	}
	if !strings.HasPrefix(v.countdown, "Code expires in ") {
		t.Errorf("countdown = %q", v.countdown)
	}
	if w.win.Title() != "Sign in to corp" {
		t.Errorf("title = %q", w.win.Title())
	}

	// Tapping Sign in again brings the same window forward.
	test.Tap(e.u.main.rows[0].action)
	if len(e.u.signIns) != 1 || e.u.signIns["corp"] != w {
		t.Error("a second window opened for the same sign-in")
	}
	if n := e.ticks.running(tickEvery); n != 2 {
		t.Errorf("%d countdown tickers, want 2 (main window and sign-in window)", n)
	}

	close(approve)
	e.until("the sign-in", func() bool { return w.state.Phase == flow.SignedIn })
	if got := viewOf(w).result; !strings.HasPrefix(got, "Signed in until ") {
		t.Errorf("result = %q", got)
	}
	e.until("the list to reload", func() bool { return e.u.main.rows[0].action.Text == "Sign out" })
	if got := e.u.main.rows[0].state.Text; got != "Signed in · 1 h 0 m left" {
		t.Errorf("row state = %q", got)
	}
	st, err := e.u.m.Status("corp")
	if err != nil || st.State != signin.SignedIn {
		t.Errorf("cache: state %q, err %v; want signed in", st.State, err)
	}
	if got := aws.ToString(e.oidc.Starts[0].StartUrl); got != corpSignIn.StartURL {
		t.Errorf("StartDeviceAuthorization for %q, want %q", got, corpSignIn.StartURL)
	}

	w.tick(e.clock.Now().Add(closeAfterSignIn))
	if !w.closed || len(e.u.signIns) != 0 {
		t.Error("the window did not close itself after signing in")
	}
}

// TestClosingCancelsSignIn closes the window while the code is shown: the
// attempt ends cancelled and nothing is written.
func TestClosingCancelsSignIn(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	scriptSignIn(e, nil)
	e.u.applyList(e.u.load())
	e.u.signIn(e.u.main.rows[0].status.SignIn)
	w := e.u.signIns["corp"]
	e.until("the code", func() bool { return viewOf(w).code == "ABCD-EFGH" })

	w.win.Close()
	e.close() // waits for the attempt's goroutine, so the attempt has ended
	st, err := e.u.m.Status("corp")
	if err != nil || st.State != signin.SignedOut {
		t.Errorf("cache: state %q, err %v; want signed out", st.State, err)
	}
	if w.state.Phase != flow.AwaitingUser {
		t.Errorf("a closed window applied %v", w.state.Phase)
	}
}

// TestTryAgain fails an attempt with an expired code, taps Try again and
// sees a fresh code.
func TestTryAgain(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	approve := make(chan struct{})
	scriptSignIn(e, approve)
	e.oidc.TokenReplies = []flowtest.Reply[ssooidc.CreateTokenOutput]{{Err: &types.ExpiredTokenException{}}}
	close(approve)
	e.u.applyList(e.u.load())
	e.u.signIn(e.u.main.rows[0].status.SignIn)
	w := e.u.signIns["corp"]
	e.until("the failure", func() bool { return w.state.Phase == flow.Failed })
	if v := viewOf(w); v.result != textExpired || !v.retry {
		t.Fatalf("view %+v: want the expired message and Try again", v)
	}

	// The second attempt reuses the registration and waits for approval.
	// Enter means Try again.
	scriptSignIn(e, nil)
	e.oidc.RegisterReplies = nil
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	e.until("the new code", func() bool { return viewOf(w).code == "ABCD-EFGH" })
	if got := len(e.oidc.Starts); got != 2 {
		t.Errorf("%d device authorizations, want 2", got)
	}
}

// TestRunEvery checks the real ticker loop in a synctest bubble: it fires
// every period and stops when its context ends.
func TestRunEvery(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		fired := 0
		done := make(chan struct{})
		go func() {
			runEvery(ctx, time.Second, func() { fired++ })
			close(done)
		}()
		time.Sleep(3500 * time.Millisecond) // virtual time
		synctest.Wait()
		if fired != 3 {
			t.Errorf("fired %d times in 3.5 s, want 3", fired)
		}
		cancel()
		<-done
		time.Sleep(5 * time.Second)
		if fired != 3 {
			t.Errorf("fired after the context ended: %d", fired)
		}
	})
}

// TestNewFindsTray checks that New finds the tray of an app that has one
// (as desktop.App does) and none in the plain test app, and that start
// sets the menu and icon.
func TestNewFindsTray(t *testing.T) {
	if e := newEnv(t); e.u.tray != nil {
		t.Error("the test app has no tray, but the UI found one")
	}
	tr := &fakeTray{}
	e := newEnv(t, withConfig(corpConfig), withTray(tr))
	e.u.start()
	if len(tr.menus) != 1 || len(tr.icons) != 1 {
		t.Errorf("start set %d menus and %d icons, want 1 and 1", len(tr.menus), len(tr.icons))
	}
}
