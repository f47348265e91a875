package ui

import (
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/signin"
)

// Words of the browser sign-in's panel.
const (
	textContinueInBrowser = "Continue in your browser"
	textNoBrowser         = "No web browser could be started. Copy the link into a browser on this computer, or use a code instead."
	textCallbackTimeout   = "The browser did not come back in time."
)

// browserPanel is the sign-in window's panel while a browser sign-in
// (authorization code with PKCE) waits for the browser to come back: who is
// asking, the page that opened (to copy if none did), and a way to open it
// again. The window's button row adds "Use a code instead".
type browserPanel struct {
	box        *fyne.Container
	who        *widget.Label
	link       *widget.Label
	browserErr *widget.Label
	copyBtn    *keyButton
	againBtn   *keyButton
}

func newBrowserPanel(w *signInWindow) *browserPanel {
	p := &browserPanel{
		who: &widget.Label{
			Text:     "Sign in and allow the request in the browser tab that opened. This window closes once you are signed in.",
			Wrapping: fyne.TextWrapWord,
		},
		link:       &widget.Label{SizeName: theme.SizeNameCaptionText, Wrapping: fyne.TextWrapBreak},
		browserErr: &widget.Label{Text: textNoBrowser, Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord},
	}
	p.copyBtn = newKeyButton("Copy link", theme.ContentCopyIcon(), widget.MediumImportance, w.copyAuthorizeLink)
	p.againBtn = newKeyButton("Open browser again", theme.ComputerIcon(), widget.MediumImportance, w.openAuthorize)
	for _, b := range []*keyButton{p.copyBtn, p.againBtn} {
		b.onEscape = w.win.Close
	}
	p.browserErr.Hide()
	p.box = container.NewVBox(
		step(textContinueInBrowser),
		p.who,
		p.browserErr,
		widget.NewLabel("If no page opened, open this link in a browser on this computer:"),
		p.link,
		container.NewCenter(container.NewHBox(p.againBtn, p.copyBtn)),
	)
	return p
}

// showBrowser fills the browser panel for s and, the first time an attempt
// gets there, opens the page: the one click of a browser sign-in is the
// one that started it.
func (w *signInWindow) showBrowser(s flow.State, now time.Time) {
	w.browser.link.SetText(s.AuthorizeURL)
	// Every attempt has its own page (its own state), opened once.
	if s.AuthorizeURL != "" && s.AuthorizeURL != w.openedPage {
		w.openedPage = s.AuthorizeURL
		w.openAuthorize()
	}
	w.tick(now)
}

// openAuthorize opens the browser sign-in's page.
func (w *signInWindow) openAuthorize() {
	u, err := url.Parse(w.state.AuthorizeURL)
	if err != nil || w.state.AuthorizeURL == "" {
		return
	}
	if err := w.u.opts.OpenURL(u); err != nil {
		w.browser.browserErr.Show()
		return
	}
	w.browser.browserErr.Hide()
}

// copyAuthorizeLink puts the page's address on the clipboard. It holds no
// secret: the code verifier never leaves ssotray.
func (w *signInWindow) copyAuthorizeLink() {
	if w.state.AuthorizeURL == "" {
		return
	}
	w.u.app.Clipboard().SetContent(w.state.AuthorizeURL)
	w.copiedAt = w.u.now()
	w.browser.copyBtn.SetText("Copied")
	w.browser.copyBtn.SetIcon(theme.ConfirmIcon())
}

// useCode switches the window to the device code: the browser sign-in is
// cancelled and a new attempt shows the QR code and the code, for a browser
// on another device.
func (w *signInWindow) useCode() {
	w.method = flow.DeviceCode
	w.start()
}

// browserCountdown is the countdown's text while a browser sign-in waits.
func browserCountdown(s flow.State, now time.Time) string {
	if left := s.CodeExpiresAt.Sub(now); left > 0 {
		return "Waiting for the browser: " + signin.FormatRemaining(left) + " left"
	}
	return "Stopped waiting for the browser"
}
