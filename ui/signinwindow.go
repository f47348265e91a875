package ui

import (
	"context"
	"errors"
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

const (
	// closeAfterSignIn is how long "Signed in until …" stays up before the
	// window closes itself.
	closeAfterSignIn = 2 * time.Second
	// copiedFor is how long the copy button says "Copied".
	copiedFor = 2 * time.Second
	// codeTextSize makes the user code readable out loud over the phone.
	codeTextSize = 36
	// qrEdge is the QR code's on-screen edge, enough for a phone at arm's
	// length with the quiet zone included.
	qrEdge = 220
)

// Words shown for the flow's outcomes.
const (
	textRegistering = "Contacting IAM Identity Center…"
	textDenied      = "The request was denied in the browser."
	textExpired     = "The code expired before it was approved."
	textCancelled   = "Sign-in cancelled."
	textRefused     = "This sign-in page address is not an AWS address, so ssotray will not show it"
)

// signInWindow follows one sign-in attempt. A browser sign-in opens the
// page and waits for the browser (browserPanel), with "Use a code instead";
// a device sign-in shows the user code, a QR code and a button for the
// verification page. Either counts down and reports the outcome. Closing
// it cancels the attempt.
type signInWindow struct {
	u   *UI
	in  storage.SignIn
	win fyne.Window

	demo   *widget.Label
	header *widget.Label

	registering *fyne.Container
	progress    *widget.ProgressBarInfinite

	browser *browserPanel
	codeBtn *keyButton
	codeRow *fyne.Container // holds codeBtn, hidden with it

	awaiting   *fyne.Container
	qr         *canvas.Image
	address    *widget.Label
	refused    *widget.Label
	openBtn    *keyButton
	browserErr *widget.Label
	code       *canvas.Text
	copyBtn    *keyButton
	countdown  *widget.Label
	trouble    *widget.Label

	result   *widget.Label
	retryBtn *keyButton
	closeBtn *keyButton

	state      flow.State
	method     flow.Method // flow.Auto until "Use a code instead"
	openedPage string      // the browser sign-in page opened last
	verifyURL  *url.URL    // the allowed verification page; nil when none is shown
	qrFor      string
	closeAt    time.Time
	copiedAt   time.Time

	gen      int // counts attempts, so a late state of an old one is dropped
	cancel   context.CancelFunc
	stopTick context.CancelFunc
	closed   bool
}

// newSignInWindow builds the window for in. It shows nothing and starts
// nothing: UI.signIn does, and tests drive apply and tick directly.
func newSignInWindow(u *UI, in storage.SignIn) *signInWindow {
	title := "Sign in to " + in.Name
	if u.opts.Demo {
		title += " — Demo"
	}
	w := &signInWindow{
		u:   u,
		in:  in,
		win: u.app.NewWindow(title),
		demo: &widget.Label{
			Text:       "Demo: this signs in to a local test Identity Center, not to AWS",
			Importance: widget.WarningImportance,
			TextStyle:  fyne.TextStyle{Bold: true},
			Wrapping:   fyne.TextWrapWord,
		},
		header: &widget.Label{
			Text:     "Signing in to " + in.Name + " — " + in.StartURL + " (" + in.Region + ")",
			Wrapping: fyne.TextWrapWord,
		},
		progress:   widget.NewProgressBarInfinite(),
		qr:         &canvas.Image{ScaleMode: canvas.ImageScalePixels, FillMode: canvas.ImageFillContain},
		address:    &widget.Label{SizeName: theme.SizeNameCaptionText, Alignment: fyne.TextAlignCenter, Wrapping: fyne.TextWrapBreak},
		refused:    &widget.Label{Text: textRefused, Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord},
		browserErr: &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord},
		code: &canvas.Text{
			TextSize:  codeTextSize,
			TextStyle: fyne.TextStyle{Monospace: true, Bold: true},
			Alignment: fyne.TextAlignCenter,
		},
		countdown: &widget.Label{},
		trouble:   &widget.Label{Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord},
		result:    &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}},
	}
	w.method = u.opts.SignInMethod
	w.qr.SetMinSize(fyne.NewSize(qrEdge, qrEdge))
	w.openBtn = newKeyButton("Open browser", theme.ComputerIcon(), widget.HighImportance, w.openBrowser)
	w.copyBtn = newKeyButton("Copy code", theme.ContentCopyIcon(), widget.MediumImportance, w.copyCode)
	w.retryBtn = newKeyButton("Try again", theme.ViewRefreshIcon(), widget.HighImportance, w.start)
	w.closeBtn = newKeyButton("Cancel", nil, widget.MediumImportance, w.win.Close)
	w.codeBtn = newKeyButton("Use a code instead", nil, widget.MediumImportance, w.useCode)
	for _, b := range []*keyButton{w.openBtn, w.copyBtn, w.retryBtn, w.closeBtn, w.codeBtn} {
		b.onEscape = w.win.Close // Esc cancels wherever the focus is
	}

	w.registering = container.NewVBox(widget.NewLabel(textRegistering), w.progress)
	w.browser = newBrowserPanel(w)
	w.codeRow = container.NewHBox(w.codeBtn, &widget.Label{Text: "for a browser on another device", SizeName: theme.SizeNameCaptionText})
	w.awaiting = container.NewVBox(
		step("1. Open the sign-in page: scan the QR code, or click Open browser."),
		container.NewCenter(w.qr),
		w.address,
		w.refused,
		container.NewCenter(w.openBtn),
		w.browserErr,
		step("2. Check that the page shows this code:"),
		container.NewCenter(container.NewHBox(w.code, container.NewCenter(w.copyBtn))),
		step("3. Approve the request on that page."),
		w.trouble,
	)
	if !u.opts.Demo {
		w.demo.Hide()
	}
	for _, o := range []fyne.CanvasObject{w.awaiting, w.browser.box, w.result, w.retryBtn, w.codeRow, w.refused, w.browserErr, w.trouble, w.address} {
		o.Hide()
	}
	w.win.SetContent(readable(container.NewBorder(
		container.NewVBox(w.demo, w.header, widget.NewSeparator()),
		// The countdown sits by Cancel, outside the scrolling part, so a
		// message that makes the steps taller never scrolls it away.
		container.NewVBox(
			container.NewBorder(nil, nil, w.countdown, container.NewHBox(w.retryBtn, w.closeBtn)),
			w.codeRow,
		),
		nil, nil,
		container.NewVScroll(container.NewVBox(w.registering, w.awaiting, w.browser.box, w.result)),
	)))
	w.win.Resize(fyne.NewSize(480, 720))
	w.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			w.win.Close()
		case fyne.KeyReturn, fyne.KeyEnter:
			if w.retryBtn.Visible() {
				w.start()
			}
		}
	})
	w.win.SetOnClosed(w.onClosed)
	return w
}

// start begins a new attempt, cancelling any earlier one, and follows its
// states on a goroutine that hands each to apply through fyne.Do.
func (w *signInWindow) start() {
	if w.cancel != nil {
		w.cancel()
	}
	w.gen++
	gen := w.gen
	ctx, cancel := context.WithCancel(w.u.ctx)
	w.cancel = cancel
	w.apply(flow.State{Phase: flow.Registering})

	name, method := w.in.Name, w.method
	w.u.goTask(func() {
		deliver := func(s flow.State) {
			w.u.do(func() {
				if w.gen == gen && !w.closed {
					w.apply(s)
				}
			})
		}
		attempt, _, err := w.u.m.StartSignIn(ctx, name, method)
		if err != nil {
			deliver(flow.State{Phase: flow.Failed, Err: err})
			return
		}
		for s := range attempt.Subscribe() {
			deliver(s)
		}
	})
}

// startTicker ticks the countdown every second until the window closes.
func (w *signInWindow) startTicker() {
	ctx, cancel := context.WithCancel(w.u.ctx)
	w.stopTick = cancel
	w.u.every(ctx, tickEvery, func() {
		w.u.do(func() {
			if !w.closed {
				w.tick(w.u.now())
			}
		})
	})
}

// onClosed runs when the window closes: it cancels the attempt and stops the
// ticker.
func (w *signInWindow) onClosed() {
	w.closed = true
	w.gen++
	w.progress.Stop()
	if w.cancel != nil {
		w.cancel()
	}
	if w.stopTick != nil {
		w.stopTick()
	}
	if w.u.signIns[w.in.Name] == w {
		delete(w.u.signIns, w.in.Name)
	}
}

// apply shows state s.
func (w *signInWindow) apply(s flow.State) {
	w.state = s
	now := w.u.now()
	w.closeAt = time.Time{}
	w.closeBtn.SetText("Cancel")
	w.retryBtn.Hide()
	// A browser sign-in can always switch to the code, for a browser on
	// another device, until it has worked.
	showIf(w.codeRow, s.Method == flow.AuthCode && s.Phase != flow.SignedIn)
	switch {
	case s.Phase == flow.AwaitingUser && s.Method == flow.AuthCode:
		w.showBrowser(s, now)
		w.show(w.browser.box)
	case s.Phase == flow.AwaitingUser:
		w.showAwaiting(s, now)
		w.show(w.awaiting)
	case s.Phase == flow.SignedIn:
		w.finish("Signed in until "+formatClock(s.TokenExpiresAt, now), widget.SuccessImportance, false)
		w.closeAt = now.Add(closeAfterSignIn)
		w.u.reloadSoon()
		w.u.changed()
	case s.Phase == flow.Failed:
		w.u.NoteError(w.in.Name, s.Err)
		switch {
		case errors.Is(s.Err, flow.ErrCallbackTimeout):
			w.finish(textCallbackTimeout, widget.WarningImportance, true)
		case errors.Is(s.Err, flow.ErrDenied):
			w.finish(textDenied, widget.DangerImportance, false)
		case errors.Is(s.Err, flow.ErrExpired):
			w.finish(textExpired, widget.WarningImportance, true)
		case s.Err != nil:
			w.finish(s.Err.Error(), widget.DangerImportance, true)
		default:
			w.finish("The sign-in failed.", widget.DangerImportance, true)
		}
	case s.Phase == flow.Cancelled:
		w.finish(textCancelled, widget.MediumImportance, true)
	default: // Idle, Registering
		w.show(w.registering)
	}
}

// showAwaiting fills the code panel for s.
func (w *signInWindow) showAwaiting(s flow.State, now time.Time) {
	w.code.Text = s.UserCode
	w.code.Color = theme.Color(theme.ColorNameForeground)
	w.code.Refresh()

	page := s.VerificationURIComplete
	if page == "" {
		page = s.VerificationURI
	}
	w.verifyURL = nil
	if verificationURLAllowed(page, w.u.opts.Demo) {
		w.verifyURL, _ = url.Parse(page)
	}
	if w.verifyURL != nil && page != w.qrFor {
		img, err := qrImage(page)
		w.qr.Image, w.qrFor = img, page
		if err != nil {
			w.qr.Image, w.qrFor = nil, ""
		}
		w.qr.Refresh()
	}
	allowed := w.verifyURL != nil
	showIf(w.qr, allowed && w.qr.Image != nil)
	showIf(w.openBtn, allowed)
	showIf(w.refused, !allowed)
	// The address shown is the one the QR code and Open browser carry, code
	// included, so that typing it by hand leads to the page step 2 speaks of.
	w.address.SetText(page)
	showIf(w.address, allowed && page != "")
	if !allowed {
		w.browserErr.Hide()
	}

	w.trouble.SetText("")
	if s.Trouble != nil {
		w.trouble.SetText("Network trouble: " + s.Trouble.Error() + " — still trying")
	}
	showIf(w.trouble, s.Trouble != nil)
	w.tick(now)
}

// finish shows an outcome. The close button becomes Close; Try again shows
// when retry holds.
func (w *signInWindow) finish(msg string, imp widget.Importance, retry bool) {
	w.result.Importance = imp
	w.result.SetText(msg)
	w.show(w.result)
	w.closeBtn.SetText("Close")
	showIf(w.retryBtn, retry)
}

// show makes panel the one visible panel. The progress bar animates only
// while its panel shows: hiding a container does not stop its children.
func (w *signInWindow) show(panel fyne.CanvasObject) {
	for _, p := range []fyne.CanvasObject{w.registering, w.awaiting, w.browser.box, w.result} {
		showIf(p, p == panel)
	}
	showIf(w.countdown, panel == w.awaiting || panel == w.browser.box)
	if panel == w.registering {
		w.progress.Start()
	} else {
		w.progress.Stop()
	}
}

// tick moves the countdown on to now, ends the "Copied" note and closes the
// window once a sign-in has been confirmed long enough.
func (w *signInWindow) tick(now time.Time) {
	if w.state.Phase == flow.AwaitingUser && w.state.Method == flow.AuthCode {
		w.countdown.SetText(browserCountdown(w.state, now))
	} else if w.state.Phase == flow.AwaitingUser {
		text := "The code has expired"
		if left := w.state.CodeExpiresAt.Sub(now); left > 0 {
			text = "Code expires in " + signin.FormatRemaining(left)
		}
		w.countdown.SetText(text)
	}
	if !w.copiedAt.IsZero() && now.Sub(w.copiedAt) >= copiedFor {
		w.copiedAt = time.Time{}
		w.copyBtn.SetText("Copy code")
		w.copyBtn.SetIcon(theme.ContentCopyIcon())
		w.browser.copyBtn.SetText("Copy link")
		w.browser.copyBtn.SetIcon(theme.ContentCopyIcon())
	}
	if !w.closeAt.IsZero() && !now.Before(w.closeAt) {
		w.closeAt = time.Time{}
		w.win.Close()
	}
}

// copyCode puts the user code on the clipboard.
func (w *signInWindow) copyCode() {
	if w.state.UserCode == "" {
		return
	}
	w.u.app.Clipboard().SetContent(w.state.UserCode)
	w.copiedAt = w.u.now()
	w.copyBtn.SetText("Copied")
	w.copyBtn.SetIcon(theme.ConfirmIcon())
}

// openBrowser opens the verification page, which apply has checked.
func (w *signInWindow) openBrowser() {
	if w.verifyURL == nil {
		return
	}
	if err := w.u.opts.OpenURL(w.verifyURL); err != nil {
		// The opener's own error ("exit status 4") means nothing to a
		// person; what they need is what to do instead.
		w.browserErr.SetText("No web browser could be started. Scan the QR code, or type the address above into a browser.")
		w.browserErr.Show()
		return
	}
	w.browserErr.Hide()
}

// step is a numbered instruction, in the wizard's large type.
func step(text string) *widget.Label { return stepTitle(text) }
