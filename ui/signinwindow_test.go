package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/storage"
)

var corpSignIn = storage.SignIn{
	Name: "corp", Kind: storage.KindSSOSession,
	StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1",
	Scopes: []string{"sso:account:access"}, CacheKey: "corp",
}

const (
	awsPage      = "https://device.sso.eu-west-1.amazonaws.com/"
	awsPageFull  = "https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH"
	demoPageFull = "http://127.0.0.1:4566/device?user_code=ABCD-EFGH"
)

func awaiting(page string) flow.State {
	return flow.State{
		Phase: flow.AwaitingUser, UserCode: "ABCD-EFGH",
		VerificationURI: awsPage, VerificationURIComplete: page,
		CodeExpiresAt: t0.Add(9*time.Minute + 12*time.Second),
	}
}

// view is what a sign-in window shows, read off its widgets.
type view struct {
	panel      string // "registering", "awaiting" or "result"
	progress   bool   // the progress bar animates
	code       string
	qr         bool
	open       bool
	refused    bool
	countdown  string
	trouble    string
	result     string
	retry      bool
	closeLabel string
}

func viewOf(w *signInWindow) view {
	v := view{closeLabel: w.closeBtn.Text, retry: w.retryBtn.Visible(), progress: w.progress.Running()}
	switch {
	case w.registering.Visible():
		v.panel = "registering"
	case w.awaiting.Visible():
		v.panel = "awaiting"
		v.code = w.code.Text
		v.qr = w.qr.Visible() && w.qr.Image != nil
		v.open = w.openBtn.Visible()
		v.refused = w.refused.Visible()
		v.countdown = w.countdown.Text
		if w.trouble.Visible() {
			v.trouble = w.trouble.Text
		}
	case w.result.Visible():
		v.panel = "result"
		v.result = w.result.Text
	}
	return v
}

// newTestSignInWindow builds a sign-in window without starting anything.
func newTestSignInWindow(t *testing.T, e *env) *signInWindow {
	t.Helper()
	w := newSignInWindow(e.u, corpSignIn)
	w.win.Show()
	t.Cleanup(func() {
		if !w.closed {
			w.win.Close()
		}
	})
	return w
}

func TestSignInWindowStates(t *testing.T) {
	trouble := awaiting(awsPageFull)
	trouble.Trouble = &flow.APIError{Op: "check for approval", Err: errors.New("connection reset by peer")}
	noComplete := awaiting("")

	tests := []struct {
		name  string
		demo  bool
		state flow.State
		want  view
	}{
		{
			name:  "registering",
			state: flow.State{Phase: flow.Registering},
			want:  view{panel: "registering", progress: true, closeLabel: "Cancel"},
		},
		{
			name:  "idle counts as registering",
			state: flow.State{Phase: flow.Idle},
			want:  view{panel: "registering", progress: true, closeLabel: "Cancel"},
		},
		{
			name:  "awaiting user",
			state: awaiting(awsPageFull),
			want: view{panel: "awaiting", code: "ABCD-EFGH", qr: true, open: true,
				countdown: "Code expires in 9 m 12 s", closeLabel: "Cancel"},
		},
		{
			name:  "awaiting without the complete URL",
			state: noComplete,
			want: view{panel: "awaiting", code: "ABCD-EFGH", qr: true, open: true,
				countdown: "Code expires in 9 m 12 s", closeLabel: "Cancel"},
		},
		{
			name:  "network trouble",
			state: trouble,
			want: view{panel: "awaiting", code: "ABCD-EFGH", qr: true, open: true,
				countdown:  "Code expires in 9 m 12 s",
				trouble:    "Network trouble: check for approval: connection reset by peer — still trying",
				closeLabel: "Cancel"},
		},
		{
			name:  "not an AWS address",
			state: awaiting("https://device.sso.eu-west-1.amazonaws.com.evil.io/?user_code=ABCD-EFGH"),
			want: view{panel: "awaiting", code: "ABCD-EFGH", refused: true,
				countdown: "Code expires in 9 m 12 s", closeLabel: "Cancel"},
		},
		{
			name:  "loopback outside demo",
			state: awaiting(demoPageFull),
			want: view{panel: "awaiting", code: "ABCD-EFGH", refused: true,
				countdown: "Code expires in 9 m 12 s", closeLabel: "Cancel"},
		},
		{
			name:  "loopback in demo",
			demo:  true,
			state: awaiting(demoPageFull),
			want: view{panel: "awaiting", code: "ABCD-EFGH", qr: true, open: true,
				countdown: "Code expires in 9 m 12 s", closeLabel: "Cancel"},
		},
		{
			name:  "signed in",
			state: flow.State{Phase: flow.SignedIn, TokenExpiresAt: t0.Add(time.Hour)},
			want:  view{panel: "result", result: "Signed in until " + t0.Add(time.Hour).Local().Format("15:04"), closeLabel: "Close"},
		},
		{
			name:  "denied",
			state: flow.State{Phase: flow.Failed, Err: flow.ErrDenied},
			want:  view{panel: "result", result: textDenied, closeLabel: "Close"},
		},
		{
			name:  "expired",
			state: flow.State{Phase: flow.Failed, Err: fmt.Errorf("poll: %w", flow.ErrExpired)},
			want:  view{panel: "result", result: textExpired, retry: true, closeLabel: "Close"},
		},
		{
			name:  "other error",
			state: flow.State{Phase: flow.Failed, Err: &flow.APIError{Op: "start device authorization", Err: errors.New("no such host")}},
			want:  view{panel: "result", result: "start device authorization: no such host", retry: true, closeLabel: "Close"},
		},
		{
			name:  "cancelled",
			state: flow.State{Phase: flow.Cancelled, Err: context.Canceled},
			want:  view{panel: "result", result: textCancelled, retry: true, closeLabel: "Close"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, withOptions(Options{Demo: tt.demo}))
			w := newTestSignInWindow(t, e)
			// The same window goes through Registering first, as a real
			// attempt does.
			w.apply(flow.State{Phase: flow.Registering})
			w.apply(tt.state)
			if got := viewOf(w); got != tt.want {
				t.Errorf("view:\n got %+v\nwant %+v", got, tt.want)
			}
			if w.win.Title() != "Sign in to corp" && !tt.demo || tt.demo && w.win.Title() != "Sign in to corp — Demo" {
				t.Errorf("title = %q", w.win.Title())
			}
			if got, want := w.header.Text, "Signing in to corp — https://d-1234567890.awsapps.com/start (eu-west-1)"; got != want {
				t.Errorf("header = %q, want %q", got, want)
			}
			if w.demo.Visible() != tt.demo {
				t.Errorf("demo marker visible = %t, want %t", w.demo.Visible(), tt.demo)
			}
			if v := viewOf(w); v.refused && w.refused.Text != textRefused {
				t.Errorf("refusal = %q", w.refused.Text)
			}
			if v := viewOf(w); !v.open && w.verifyURL != nil {
				t.Errorf("a refused page is still kept for Open browser: %v", w.verifyURL)
			}
		})
	}
}

// TestSignInWindowCode checks the large monospace code, the QR code's size
// and the numbered steps.
func TestSignInWindowCode(t *testing.T) {
	e := newEnv(t)
	w := newTestSignInWindow(t, e)
	w.apply(awaiting(awsPageFull))

	if w.code.TextSize < 32 || !w.code.TextStyle.Monospace {
		t.Errorf("code text size %v, monospace %t; want large and monospace", w.code.TextSize, w.code.TextStyle.Monospace)
	}
	if got := w.qr.MinSize(); got.Width < qrEdge || got.Height < qrEdge {
		t.Errorf("QR min size %v, want at least %d", got, qrEdge)
	}
	if w.qr.ScaleMode != canvas.ImageScalePixels {
		t.Error("the QR code is smoothed when scaled")
	}
	if w.qrFor != awsPageFull {
		t.Errorf("QR encodes %q, want %q", w.qrFor, awsPageFull)
	}
	markup := test.RenderObjectToMarkup(w.win.Content())
	for _, want := range []string{"1. Open the sign-in page", "2. Check that the page shows this code", "3. Approve", "ABCD-EFGH", "Copy code", "Open browser"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the window does not show %q", want)
		}
	}

	test.AssertObjectRendersToMarkup(t, "signin_awaiting.xml", w.win.Content())

	// A new poll with the same page keeps the QR image.
	img := w.qr.Image
	next := awaiting(awsPageFull)
	next.Polls = 3
	w.apply(next)
	if w.qr.Image != img {
		t.Error("the QR code was drawn again for the same page")
	}
}

func TestSignInWindowCountdown(t *testing.T) {
	e := newEnv(t)
	w := newTestSignInWindow(t, e)
	w.apply(awaiting(awsPageFull))
	for _, tt := range []struct {
		at   time.Duration
		want string
	}{
		{0, "Code expires in 9 m 12 s"},
		{time.Second, "Code expires in 9 m 11 s"},
		{9 * time.Minute, "Code expires in 12 s"},
		{9*time.Minute + 12*time.Second, "The code has expired"},
	} {
		w.tick(t0.Add(tt.at))
		if got := w.countdown.Text; got != tt.want {
			t.Errorf("at +%v: %q, want %q", tt.at, got, tt.want)
		}
	}
}

func TestSignInWindowCopyAndOpen(t *testing.T) {
	e := newEnv(t)
	var opened []string
	openErr := error(nil)
	e.u.opts.OpenURL = func(u *url.URL) error {
		opened = append(opened, u.String())
		return openErr
	}
	w := newTestSignInWindow(t, e)
	w.apply(awaiting(awsPageFull))

	test.Tap(w.copyBtn)
	if got := e.u.app.Clipboard().Content(); got != "ABCD-EFGH" {
		t.Errorf("clipboard = %q, want the code", got)
	}
	if w.copyBtn.Text != "Copied" {
		t.Errorf("copy button says %q after copying", w.copyBtn.Text)
	}
	w.tick(t0.Add(time.Second))
	if w.copyBtn.Text != "Copied" {
		t.Error("Copied went away after a second")
	}
	w.tick(t0.Add(copiedFor))
	if w.copyBtn.Text != "Copy code" {
		t.Errorf("copy button still says %q", w.copyBtn.Text)
	}

	test.Tap(w.openBtn)
	if len(opened) != 1 || opened[0] != awsPageFull {
		t.Errorf("opened %v, want the complete verification URL", opened)
	}
	if w.browserErr.Visible() {
		t.Error("a browser error shows after success")
	}

	// The address under the QR code is the page the QR code and the button
	// open, code included.
	if w.address.Text != awsPageFull {
		t.Errorf("address %q, want %q", w.address.Text, awsPageFull)
	}
	openErr = errors.New("exit status 4") // what xdg-open says with no browser
	test.Tap(w.openBtn)
	if !w.browserErr.Visible() || w.browserErr.Text != "No web browser could be started. Scan the QR code, or type the address above into a browser." {
		t.Errorf("browser error: visible %t, %q", w.browserErr.Visible(), w.browserErr.Text)
	}
	// The countdown and Cancel stay in view with the message shown, even
	// in a window too short for all the steps.
	w.win.Resize(fyne.NewSize(480, 480))
	size := w.win.Canvas().Size()
	for _, o := range []fyne.CanvasObject{w.countdown, w.closeBtn} {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		if !o.Visible() || pos.Y+o.Size().Height > size.Height || pos.Y < 0 {
			t.Errorf("%T at %v (%v) is not in the %v window", o, pos, o.Size(), size)
		}
	}

	// A refused page is never opened, even if the button were tapped.
	w.apply(awaiting("https://evil.io/?user_code=ABCD-EFGH"))
	w.openBrowser()
	if len(opened) != 2 {
		t.Errorf("opened %v after a refused page", opened)
	}
}

func TestSignInWindowClosesAfterSignIn(t *testing.T) {
	e := newEnv(t, withConfig(corpConfig))
	w := newTestSignInWindow(t, e)
	e.u.signIns["corp"] = w
	var cancelled bool
	w.cancel = func() { cancelled = true }
	w.startTicker()
	w.apply(flow.State{Phase: flow.SignedIn, TokenExpiresAt: t0.Add(time.Hour)})
	// Signing in reloads the list in the background.
	e.until("the reload", func() bool { return len(e.u.main.rows) == 1 })

	w.tick(t0.Add(time.Second))
	if w.closed {
		t.Fatal("closed after a second; want the confirmation to stay up ~2 s")
	}
	w.tick(t0.Add(closeAfterSignIn))
	if !w.closed {
		t.Fatal("still open after the confirmation")
	}
	if !cancelled {
		t.Error("closing did not cancel the attempt")
	}
	if _, ok := e.u.signIns["corp"]; ok {
		t.Error("the closed window is still registered")
	}
	if n := e.ticks.running(tickEvery); n != 0 {
		t.Errorf("%d tickers still running after close", n)
	}
	for _, win := range fyne.CurrentApp().Driver().AllWindows() {
		if win == w.win {
			t.Error("the window was not closed")
		}
	}
}

func TestSignInWindowEscapeCloses(t *testing.T) {
	e := newEnv(t)
	w := newTestSignInWindow(t, e)
	var cancelled bool
	w.cancel = func() { cancelled = true }
	w.apply(flow.State{Phase: flow.Registering})
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !w.closed || !cancelled {
		t.Errorf("after Esc: closed %t, cancelled %t; want both", w.closed, cancelled)
	}
	if w.progress.Running() {
		t.Error("the progress bar still animates in a closed window")
	}
}

func TestSignInWindowCancelButtonCloses(t *testing.T) {
	e := newEnv(t)
	w := newTestSignInWindow(t, e)
	var cancelled bool
	w.cancel = func() { cancelled = true }
	w.apply(awaiting(awsPageFull))
	test.Tap(w.closeBtn)
	if !w.closed || !cancelled {
		t.Errorf("after Cancel: closed %t, cancelled %t; want both", w.closed, cancelled)
	}
}

func TestSignInWindowResultStyle(t *testing.T) {
	e := newEnv(t)
	w := newTestSignInWindow(t, e)
	w.apply(flow.State{Phase: flow.Failed, Err: flow.ErrDenied})
	if w.result.Importance != widget.DangerImportance {
		t.Errorf("denied shown with importance %v", w.result.Importance)
	}
	w.apply(flow.State{Phase: flow.SignedIn, TokenExpiresAt: t0.Add(time.Hour)})
	if w.result.Importance != widget.SuccessImportance {
		t.Errorf("signed in shown with importance %v", w.result.Importance)
	}
}
