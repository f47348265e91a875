package ui

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/ssotray/ssotray/flow"
)

const authorizePage = "https://oidc.eu-west-1.amazonaws.com/authorize?response_type=code&client_id=cid&redirect_uri=http%3A%2F%2F127.0.0.1%3A4444%2Foauth%2Fcallback&state=s&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess&code_challenge=c"

func waitingForBrowser() flow.State {
	return flow.State{
		Phase: flow.AwaitingUser, Method: flow.AuthCode, AuthorizeURL: authorizePage,
		CodeExpiresAt: t0.Add(9*time.Minute + 12*time.Second),
	}
}

func TestSignInWindowBrowser(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	var opened []string
	e.u.opts.OpenURL = func(u *url.URL) error {
		opened = append(opened, u.String())
		return nil
	}
	w := newTestSignInWindow(t, e)
	w.apply(waitingForBrowser())

	if !w.browser.box.Visible() || w.awaiting.Visible() || !w.codeRow.Visible() {
		t.Errorf("browser panel %t, code panel %t, Use a code instead %t", w.browser.box.Visible(), w.awaiting.Visible(), w.codeRow.Visible())
	}
	// The click that started the sign-in opens the page, once per attempt.
	later := waitingForBrowser()
	later.Polls = 1
	w.apply(later)
	if len(opened) != 1 || opened[0] != authorizePage {
		t.Errorf("opened %v, want the sign-in page once", opened)
	}
	markup := test.RenderObjectToMarkup(w.win.Content())
	if w.header.Text != "Signing in to corp — https://d-1234567890.awsapps.com/start (eu-west-1)" || w.browser.link.Text != authorizePage {
		t.Errorf("who is asking: %q; the link: %q", w.header.Text, w.browser.link.Text)
	}
	for _, want := range []string{textContinueInBrowser, "Use a code instead", "Copy link", "Open browser again"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the window does not show %q", want)
		}
	}
	for _, tt := range []struct {
		at   time.Duration
		want string
	}{
		{0, "Waiting for the browser: 9 m 12 s left"},
		{9 * time.Minute, "Waiting for the browser: 12 s left"},
		{10 * time.Minute, "Stopped waiting for the browser"},
	} {
		w.tick(t0.Add(tt.at))
		if got := w.countdown.Text; got != tt.want {
			t.Errorf("at +%v: %q, want %q", tt.at, got, tt.want)
		}
	}

	test.Tap(w.browser.copyBtn)
	if got := e.u.app.Clipboard().Content(); got != authorizePage {
		t.Errorf("clipboard = %q, want the page", got)
	}
	test.Tap(w.browser.againBtn)
	if len(opened) != 2 {
		t.Errorf("Open browser again opened %v", opened)
	}
}

func TestSignInWindowBrowserCannotOpen(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	e.u.opts.OpenURL = func(*url.URL) error { return errors.New("exit status 4") }
	w := newTestSignInWindow(t, e)
	w.apply(waitingForBrowser())
	if !w.browser.browserErr.Visible() || w.browser.link.Text != authorizePage {
		t.Errorf("no browser: error shown %t, link %q", w.browser.browserErr.Visible(), w.browser.link.Text)
	}
}

func TestSignInWindowBrowserTimesOut(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	w := newTestSignInWindow(t, e)
	w.apply(flow.State{Phase: flow.Failed, Method: flow.AuthCode, Err: flow.ErrCallbackTimeout})
	if v := viewOf(w); v.result != textCallbackTimeout || !v.retry || !w.codeRow.Visible() {
		t.Errorf("after the timeout: %+v, Use a code instead %t", v, w.codeRow.Visible())
	}
}

func TestUseACodeInsteadSwitchesTheWindow(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	scriptSignIn(e, nil)
	e.u.opts.SignInMethod = flow.Auto
	w := newTestSignInWindow(t, e)
	w.apply(waitingForBrowser())
	test.Tap(w.codeBtn)
	e.until("the code", func() bool { return viewOf(w).code == "ABCD-EFGH" })
	if w.method != flow.DeviceCode || w.codeRow.Visible() || w.browser.box.Visible() {
		t.Errorf("after Use a code instead: method %v, button %t, browser panel %t", w.method, w.codeRow.Visible(), w.browser.box.Visible())
	}
	if len(e.oidc.Starts) != 1 {
		t.Errorf("device authorizations started: %d", len(e.oidc.Starts))
	}
}
