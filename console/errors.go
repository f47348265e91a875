package console

import (
	"fmt"
	"net/http"
)

// FederationError is a getSigninToken call that the federation endpoint
// answered with something other than a sign-in token. It holds no secret:
// neither the request, the reply's body, nor any URL with a token.
type FederationError struct {
	// StatusCode is the HTTP status; 200 when the body had no SigninToken.
	StatusCode int
}

// Error says what went wrong in words a person can act on.
func (e *FederationError) Error() string {
	if e.StatusCode == http.StatusOK {
		return "get console sign-in token: the federation endpoint answered without a sign-in token"
	}
	msg := fmt.Sprintf("get console sign-in token: the federation endpoint answered %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.StatusCode == http.StatusBadRequest {
		msg += " (the role credentials may have expired)"
	}
	return msg
}
