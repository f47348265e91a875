package flow

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"sync"
	"time"
)

const (
	// callbackPath is the redirect URI's path, as the AWS CLI registers it.
	callbackPath = "/oauth/callback"
	// callbackBase is the redirect URI registered: loopback with no port,
	// which RFC 8252 §7.3 lets the sign-in choose.
	callbackBase = "http://127.0.0.1" + callbackPath
	// callbackHeaderTimeout bounds how long one connection may take to send
	// its request: the AWS CLI's 10 s per request.
	callbackHeaderTimeout = 10 * time.Second
	// callbackShutdown bounds how long the listener waits, once the
	// sign-in is over, for the browser's page to be written.
	callbackShutdown = 5 * time.Second
)

// ErrCallbackTimeout: the browser did not come back before the sign-in
// stopped waiting.
var ErrCallbackTimeout = errors.New("the browser did not come back before the sign-in timed out")

// errStoppedWaiting is what the browser's page says when the sign-in ended
// just as the browser came back.
var errStoppedWaiting = errors.New("ssotray had stopped waiting for the browser")

// AuthorizeError is an error that the sign-in page sent back to the browser
// instead of a code (RFC 6749 §4.1.2.1), other than access_denied, which is
// ErrDenied. Its text is cut short and stripped of control characters.
type AuthorizeError struct {
	Code        string
	Description string
}

// Error says what the sign-in page answered.
func (e *AuthorizeError) Error() string {
	if e.Description != "" {
		return fmt.Sprintf("the sign-in page refused: %s (%s)", e.Description, e.Code)
	}
	return fmt.Sprintf("the sign-in page refused (%s)", e.Code)
}

// callbackResult is what the browser brought back: a code, or why not.
type callbackResult struct {
	code string
	err  error
	// outcome receives how the sign-in ended, for the page the browser
	// shows; the flow always sends exactly one value.
	outcome chan error
}

// callbackServer is a browser sign-in's loopback listener (RFC 8252 §7.3).
// It listens on 127.0.0.1 only, answers the one request that carries the
// attempt's state, and ignores (with a page that says so) every other.
type callbackServer struct {
	srv   *http.Server
	ln    net.Listener
	host  string // "127.0.0.1:PORT", the only Host header accepted
	state string
	name  string // the sign-in's name, for the page
	logf  func(format string, args ...any)

	results chan callbackResult // buffered: the one result never blocks

	mu       sync.Mutex
	answered bool
	closed   chan struct{}
}

// listenCallback opens the listener on a free port of 127.0.0.1.
func listenCallback(listen func(network, address string) (net.Listener, error), state, name string, logf func(string, ...any)) (*callbackServer, error) {
	ln, err := listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("cannot listen on 127.0.0.1 for the browser to come back: %w", err)
	}
	c := &callbackServer{
		ln:      ln,
		host:    ln.Addr().String(),
		state:   state,
		name:    name,
		logf:    logf,
		results: make(chan callbackResult, 1),
		closed:  make(chan struct{}),
	}
	c.srv = &http.Server{
		Handler:           c,
		ReadHeaderTimeout: callbackHeaderTimeout,
		ReadTimeout:       callbackHeaderTimeout,
		// The page waits for CreateToken and the token's write.
		WriteTimeout: 2 * defaultCallTimeout,
		ErrorLog:     log.New(logWriter(logf), "loopback listener: ", 0),
	}
	go func() { _ = c.srv.Serve(ln) }()
	return c, nil
}

// redirectURI is the redirect URI of this listener, port included.
func (c *callbackServer) redirectURI() string { return "http://" + c.host + callbackPath }

// close stops listening, letting a page being written finish first.
func (c *callbackServer) close() {
	c.mu.Lock()
	select {
	case <-c.closed:
		c.mu.Unlock()
		return
	default:
		close(c.closed)
	}
	c.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), callbackShutdown)
	defer cancel()
	if err := c.srv.Shutdown(ctx); err != nil {
		_ = c.srv.Close()
	}
}

// ServeHTTP answers the browser.
func (c *callbackServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// A page that a web site points at 127.0.0.1 under its own name (DNS
	// rebinding) carries that name as its Host.
	if r.Host != c.host {
		http.Error(w, "wrong host", http.StatusMisdirectedRequest)
		return
	}
	if r.URL.Path != callbackPath {
		writeCallbackPage(w, http.StatusNotFound, callbackPage{Title: "Not found", Text: "There is nothing here."})
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	q := r.URL.Query()
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(c.state)) != 1 {
		c.logf("%s: ignored a return to the loopback listener whose state does not match", c.name)
		writeCallbackPage(w, http.StatusBadRequest, callbackPage{
			Title: "This page is not the sign-in ssotray is waiting for",
			Text:  "ssotray ignored it and is still waiting. Finish signing in on the page ssotray opened, or start again from ssotray.",
			Bad:   true,
		})
		return
	}
	c.mu.Lock()
	first := !c.answered
	c.answered = true
	c.mu.Unlock()
	if !first {
		writeCallbackPage(w, http.StatusConflict, callbackPage{Title: "This sign-in has already finished", Text: "You can close this tab."})
		return
	}
	res := callbackResult{outcome: make(chan error, 1)}
	switch {
	case q.Get("error") == errAccessDenied:
		res.err = ErrDenied
	case q.Get("error") != "":
		res.err = &AuthorizeError{Code: printable(q.Get("error"), maxCode), Description: printable(q.Get("error_description"), maxMessage)}
	case q.Get("code") == "":
		res.err = errors.New("the browser came back without an authorization code")
	default:
		res.code = q.Get("code")
	}
	c.results <- res
	outcome := res.err
	if outcome == nil {
		select {
		case outcome = <-res.outcome:
		case <-c.closed:
			// The sign-in ended as the browser came back (it timed out
			// or was cancelled): its outcome, if it was told one.
			select {
			case outcome = <-res.outcome:
			default:
				outcome = errStoppedWaiting
			}
		case <-r.Context().Done():
			return
		}
	}
	if outcome == nil {
		writeCallbackPage(w, http.StatusOK, callbackPage{
			Title: "Signed in",
			Text:  fmt.Sprintf("ssotray signed you in to %s. You can close this tab.", c.name),
		})
		return
	}
	writeCallbackPage(w, http.StatusOK, callbackPage{
		Title: "Sign-in did not finish",
		Text:  fmt.Sprintf("Signing in to %s failed: %s. You can close this tab and try again from ssotray.", c.name, describeOutcome(outcome)),
		Bad:   true,
	})
}

// describeOutcome says why a sign-in failed, for the browser's page.
func describeOutcome(err error) string {
	if errors.Is(err, context.Canceled) {
		return "it was cancelled in ssotray"
	}
	return err.Error()
}

// logWriter sends what net/http logs (a malformed request, say) to the
// debug log instead of stderr.
type logWriter func(format string, args ...any)

func (l logWriter) Write(p []byte) (int, error) {
	l("%s", printable(string(p), maxDescription))
	return len(p), nil
}
