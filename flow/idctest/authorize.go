package idctest

import (
	"fmt"
	"strings"
)

// AuthorizeBehaviour is what the PKCE /authorize page does with a valid
// request, for tests of a client's failure paths.
type AuthorizeBehaviour int

const (
	// AuthorizeAsk shows the page with Approve and Deny, or redirects with
	// a code at once when Options.AutoApprove >= 0.
	AuthorizeAsk AuthorizeBehaviour = iota
	// AuthorizeDeny redirects at once with error=access_denied, as if the
	// person had chosen Deny.
	AuthorizeDeny
	// AuthorizeWrongState redirects at once with a code but a state that is
	// not the request's, as a forged or mixed-up answer would.
	AuthorizeWrongState
	// AuthorizeNever shows a page that never redirects, as if the person
	// had closed the tab.
	AuthorizeNever
)

var authorizeNames = map[string]AuthorizeBehaviour{
	"ask": AuthorizeAsk, "deny": AuthorizeDeny, "wrong-state": AuthorizeWrongState, "never": AuthorizeNever,
}

// ParseAuthorizeBehaviour reads "ask", "deny", "wrong-state" or "never".
func ParseAuthorizeBehaviour(s string) (AuthorizeBehaviour, error) {
	if b, ok := authorizeNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return b, nil
	}
	return AuthorizeAsk, fmt.Errorf("unknown /authorize behaviour %q (ask, deny, wrong-state or never)", s)
}

// ScriptAuthorize sets what /authorize does from now on.
func (s *Server) ScriptAuthorize(b AuthorizeBehaviour) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.Authorize = b
}
