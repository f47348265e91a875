package flow

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Sentinel errors of a sign-in or refresh, matched with errors.Is.
var (
	// ErrDenied: the person chose Deny on the verification page.
	ErrDenied = errors.New("sign-in was denied in the browser")
	// ErrExpired: the code was not approved before it expired.
	ErrExpired = errors.New("the sign-in code expired before it was approved")
	// ErrRegistrationExpired: the client registration behind a token has
	// expired, so the token cannot be refreshed; sign in again.
	ErrRegistrationExpired = errors.New("the app registration behind this sign-in has expired; sign in again")
	// ErrNotRefreshable: the token has no refresh token (legacy sign-ins,
	// or registrations without scopes); sign in again.
	ErrNotRefreshable = errors.New("this sign-in cannot be refreshed; sign in again")
	// ErrSessionEnded: Identity Center refused the refresh token; the
	// session has ended or was revoked; sign in again.
	ErrSessionEnded = errors.New("the session has ended; sign in again")
)

// APIError is an IAM Identity Center call that failed, described in plain
// words. It never carries tokens or secrets: only the operation, the service's
// error code and message, and what went wrong on the network.
type APIError struct {
	Op  string // e.g. "start device authorization"
	Err error
}

// Error describes the failure for a person.
func (e *APIError) Error() string { return e.Op + ": " + describe(e.Err) }

// Unwrap returns the underlying SDK error.
func (e *APIError) Unwrap() error { return e.Err }

// Transient reports whether retrying later may succeed: network trouble,
// throttling and server errors.
func (e *APIError) Transient() bool { return transient(e.Err) }

func apiError(op string, err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	return &APIError{Op: op, Err: err}
}

// transient reports whether err is worth another try, by the SDK's own rules.
func transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var (
		exhausted *retry.MaxAttemptsError
		netErr    net.Error
	)
	// Any network failure, a lookup failure included, may clear up: the
	// laptop's Wi-Fi comes back while the person approves on a phone.
	if errors.As(err, &exhausted) || errors.As(err, &netErr) {
		return true
	}
	return retry.IsErrorRetryables(retry.DefaultRetryables).IsErrorRetryable(err).Bool()
}

// describe turns an SDK error into one plain sentence with no secrets. What
// the server chose to say is cut short and stripped of control characters,
// so an answer cannot fill the screen or drive the terminal.
func describe(err error) string {
	return printable(describeRaw(err), maxDescription)
}

// Limits on text from the server: an error message, an error code, and the
// whole description.
const (
	maxMessage     = 200
	maxCode        = 100
	maxDescription = 400
)

// printable returns s as one line of printable text of at most limit runes:
// control characters and invalid UTF-8 become spaces, runs of spaces one
// space, and a longer text ends in "…".
func printable(s string, limit int) string {
	var b strings.Builder
	n, space := 0, false
	for _, r := range strings.ToValidUTF8(s, " ") {
		if unicode.IsControl(r) || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			space = true
			continue
		}
		if n >= limit {
			b.WriteString("…")
			return b.String()
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
		n++
	}
	return b.String()
}

func describeRaw(err error) string {
	var (
		respErr *smithyhttp.ResponseError
		apiErr  smithy.APIError
		urlErr  *url.Error
		opErr   *net.OpError
		dnsErr  *net.DNSError
		partial *incompleteError
	)
	switch {
	case errors.As(err, &partial):
		return partial.Error()
	case errors.Is(err, errResponseTooLarge):
		return "IAM Identity Center sent an answer larger than 1 MiB, which is not what it sends; is a proxy in the way?"
	case errors.Is(err, context.DeadlineExceeded):
		return "IAM Identity Center did not answer in time"
	case errors.As(err, &dnsErr):
		return fmt.Sprintf("cannot find %s; check your network connection", dnsErr.Name)
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return fmt.Sprintf("cannot connect to IAM Identity Center (%s); check your network connection or proxy", hostOf(urlErr, err))
	case errors.As(err, &urlErr) && !errors.As(err, &apiErr):
		return fmt.Sprintf("lost the connection to IAM Identity Center (%s): %s", hostOf(urlErr, err), rootCause(urlErr.Err))
	}
	status := 0
	if errors.As(err, &respErr) {
		status = respErr.HTTPStatusCode()
	}
	if status >= 300 && notFromAWS(err, respErr) {
		return fmt.Sprintf("HTTP %d from something between you and AWS (a proxy or gateway), not from AWS", status)
	}
	if errors.As(err, &apiErr) {
		code, msg := printable(apiErr.ErrorCode(), maxCode), printable(apiErr.ErrorMessage(), maxMessage)
		switch {
		case isThrottle(code, status):
			return "IAM Identity Center is busy right now (throttled); try again in a minute"
		case status >= 500 || code == "InternalServerException":
			return fmt.Sprintf("IAM Identity Center had a server error (HTTP %d); try again later", status)
		case code == "InvalidClientException":
			return "IAM Identity Center no longer accepts this app's registration"
		case code == "InvalidGrantException":
			return "IAM Identity Center refused the grant (it was used, revoked or has expired)"
		case code == "UnknownError" || code == "":
			return fmt.Sprintf("IAM Identity Center sent an answer that could not be understood (HTTP %d)", status)
		}
		if msg != "" {
			return fmt.Sprintf("IAM Identity Center refused the request: %s (%s)", msg, code)
		}
		return fmt.Sprintf("IAM Identity Center refused the request (%s)", code)
	}
	var deser *smithy.DeserializationError
	if errors.As(err, &deser) {
		return "IAM Identity Center sent an answer that could not be understood"
	}
	if status != 0 {
		return fmt.Sprintf("IAM Identity Center answered HTTP %d", status)
	}
	return rootCause(err)
}

// notFromAWS reports whether a failed answer came from something on the
// way rather than from AWS, whose API always answers in JSON: a body the
// SDK could not read, or one whose Content-Type is not JSON and that names
// no error code.
func notFromAWS(err error, resp *smithyhttp.ResponseError) bool {
	if _, ok := errors.AsType[*smithy.DeserializationError](err); ok {
		return true
	}
	ct := ""
	if resp != nil && resp.Response != nil {
		ct = resp.Response.Header.Get("Content-Type")
	}
	if ct == "" || strings.Contains(ct, "json") {
		return false
	}
	apiErr, ok := errors.AsType[smithy.APIError](err)
	return !ok || apiErr.ErrorCode() == "" || apiErr.ErrorCode() == "UnknownError"
}

func isThrottle(code string, status int) bool {
	if status == 429 {
		return true
	}
	switch code {
	case "ThrottlingException", "TooManyRequestsException", "Throttling", "RequestLimitExceeded":
		return true
	}
	return false
}

func hostOf(u *url.Error, err error) string {
	if u == nil && !errors.As(err, &u) {
		return "unknown host"
	}
	if p, perr := url.Parse(u.URL); perr == nil && p.Host != "" {
		return p.Host
	}
	return "unknown host"
}

// rootCause returns the innermost error's text, which for network errors is
// the useful part ("connection reset by peer").
func rootCause(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			break
		}
		err = next
	}
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && i+2 < len(s) {
		return s[i+2:]
	}
	return s
}

// oauthCode returns the OAuth error a CreateToken call answered, or "".
func oauthCode(err error) string {
	var (
		pending *types.AuthorizationPendingException
		slow    *types.SlowDownException
		expired *types.ExpiredTokenException
		denied  *types.AccessDeniedException
		grant   *types.InvalidGrantException
		client  *types.InvalidClientException
	)
	switch {
	case errors.As(err, &pending):
		return errAuthorizationPending
	case errors.As(err, &slow):
		return errSlowDown
	case errors.As(err, &expired):
		return errExpiredToken
	case errors.As(err, &denied):
		return errAccessDenied
	case errors.As(err, &grant):
		return errInvalidGrant
	case errors.As(err, &client):
		return errInvalidClient
	}
	return ""
}

// OAuth error codes of RFC 8628 §3.5 and RFC 6749 §5.2, as Identity Center
// sends them (https://www.rfc-editor.org/rfc/rfc8628#section-3.5).
const (
	errAuthorizationPending = "authorization_pending"
	errSlowDown             = "slow_down"
	errExpiredToken         = "expired_token"
	errAccessDenied         = "access_denied"
	errInvalidGrant         = "invalid_grant"
	errInvalidClient        = "invalid_client"
)
