package accounts

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sso/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// sessionInvalid is the message the portal sends with a refused token; some
// proxies and older answers carry it on a 403.
const sessionInvalid = "Session token not found or invalid"

// answer sorts a portal call's error by what to do about it.
type answer int

const (
	answerOK        answer = iota
	answerThrottled        // 429: retry without limit, slower
	answerTransient        // 5xx or network: retry a few times
	answerSignIn           // 401: sign in again, no retry
	answerForbidden        // 403: no access to this account or role
	answerGarbage          // a reply that is not the portal's API
	answerCanceled         // the context ended
	answerOther            // anything else: report it
)

// classify sorts err from a portal call, and reads the Retry-After header
// of a throttled or failed reply.
func classify(ctx context.Context, err error) (answer, time.Duration) {
	if err == nil {
		return answerOK, 0
	}
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return answerCanceled, 0
	}
	status, header := 0, http.Header(nil)
	if re, ok := errors.AsType[*smithyhttp.ResponseError](err); ok && re.Response != nil {
		status = re.HTTPStatusCode()
		header = re.Response.Header
	}
	code, message := "", ""
	if ae, ok := errors.AsType[smithy.APIError](err); ok {
		code, message = ae.ErrorCode(), ae.ErrorMessage()
	}
	_, tooMany := errors.AsType[*types.TooManyRequestsException](err)
	_, unauthorized := errors.AsType[*types.UnauthorizedException](err)
	switch {
	case tooMany || status == http.StatusTooManyRequests || code == "TooManyRequestsException":
		return answerThrottled, retryAfter(header)
	case unauthorized || status == http.StatusUnauthorized || code == "UnauthorizedException":
		return answerSignIn, 0
	case status == http.StatusForbidden && strings.Contains(message, sessionInvalid):
		return answerSignIn, 0
	case status == http.StatusForbidden || code == "ForbiddenException":
		return answerForbidden, 0
	case status >= 500:
		return answerTransient, retryAfter(header)
	}
	if _, ok := errors.AsType[*smithy.DeserializationError](err); ok {
		return answerGarbage, 0
	}
	if status == 0 {
		if _, ok := errors.AsType[*smithyhttp.RequestSendError](err); ok {
			return answerTransient, 0
		}
	}
	if status >= 200 && status < 300 {
		return answerGarbage, 0
	}
	return answerOther, 0
}

// outcome is what the answer tells the limiter.
func (a answer) outcome() outcome {
	switch a {
	case answerOK, answerForbidden:
		return outcomeOK
	case answerThrottled:
		return outcomeThrottled
	case answerTransient:
		return outcomeFailed
	default:
		return outcomeNeutral
	}
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date
// (RFC 9110 §10.2.3). Missing or unreadable gives 0.
func retryAfter(h http.Header) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n <= 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(0, time.Until(t))
	}
	return 0
}

// betweenError is a failed answer that came from something between
// ssotray and the portal, such as a proxy's or gateway's HTML error page,
// said as such. It wraps the SDK's error, so classify sorts it as before.
type betweenError struct {
	status int
	err    error
}

// Error names the status and where it came from.
func (e *betweenError) Error() string {
	return fmt.Sprintf("HTTP %d from something between you and AWS (a proxy or gateway), not from AWS", e.status)
}

// Unwrap returns the SDK's error.
func (e *betweenError) Unwrap() error { return e.err }

// fromBetween returns err as a *betweenError when it is a failed answer
// (status 300 or more) that is not the portal's API, which always answers
// in JSON: a body the SDK could not read, or a Content-Type other than
// JSON. Any other err comes back as it is.
func fromBetween(err error) error {
	re, ok := errors.AsType[*smithyhttp.ResponseError](err)
	if !ok || re.Response == nil || re.HTTPStatusCode() < 300 {
		return err
	}
	_, garbled := errors.AsType[*smithy.DeserializationError](err)
	ct := re.Response.Header.Get("Content-Type")
	if !garbled && (ct == "" || strings.Contains(ct, "json")) {
		return err
	}
	return &betweenError{status: re.HTTPStatusCode(), err: err}
}
