package idctest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// service tells which protocol answers a request, which decides the error
// format.
type service int

const (
	oidc   service = iota // SSO OIDC: {"__type","error","error_description"}
	portal                // SSO portal: {"message","__type"}
	page                  // HTML pages
)

const (
	// errorTypeHeader is written with this exact spelling, as the real
	// service sends it; header names are case-insensitive to every client.
	errorTypeHeader = "x-amzn-ErrorType"
	requestIDHeader = "x-amzn-RequestId"
	bearerHeader    = "x-amz-sso_bearer_token"

	// The namespaces after the shape name in x-amzn-ErrorType. Both SDKs cut
	// the header at the first ':'. The OIDC one is from real debug logs
	// (aws/aws-cli#5878, #5971); the portal's service is "switchboard.portal",
	// as its "__type" values show (for example
	// "com.amazonaws.switchboard.portal#ForbiddenException").
	oidcNamespace    = ":http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"
	portalNamespace  = ":http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/"
	portalTypePrefix = "com.amazonaws.switchboard.portal#"
)

// OAuth error codes the OIDC API answers with (RFC 6749 §5.2, RFC 8628 §3.5),
// and the modelled error shape and HTTP status for each.
var oauthErrors = map[string]struct {
	status int
	shape  string
	desc   string
}{
	"authorization_pending":   {http.StatusBadRequest, "AuthorizationPendingException", "Authorization is still pending"},
	"slow_down":               {http.StatusBadRequest, "SlowDownException", "Client is polling too quickly"},
	"expired_token":           {http.StatusBadRequest, "ExpiredTokenException", "Device code has expired"},
	"access_denied":           {http.StatusBadRequest, "AccessDeniedException", "Authorization was denied"},
	"invalid_grant":           {http.StatusBadRequest, "InvalidGrantException", "Invalid grant provided"},
	"invalid_client":          {http.StatusUnauthorized, "InvalidClientException", "Invalid client"},
	"unauthorized_client":     {http.StatusBadRequest, "UnauthorizedClientException", "Client is not authorized for this grant"},
	"unsupported_grant_type":  {http.StatusBadRequest, "UnsupportedGrantTypeException", "Unsupported grant type"},
	"invalid_scope":           {http.StatusBadRequest, "InvalidScopeException", "Invalid scope"},
	"invalid_request":         {http.StatusBadRequest, "InvalidRequestException", "Invalid request"},
	"invalid_client_metadata": {http.StatusBadRequest, "InvalidClientMetadataException", "Invalid client metadata"},
	"invalid_redirect_uri":    {http.StatusBadRequest, "InvalidRedirectUriException", "Invalid redirect URI"},
	"server_error":            {http.StatusInternalServerError, "InternalServerException", "An internal error occurred"},
}

// writeOAuthError answers an OIDC call with the modelled error for an OAuth
// code; desc "" uses a default description.
func (s *Server) writeOAuthError(w http.ResponseWriter, code, desc string) {
	e, ok := oauthErrors[code]
	if !ok {
		panic("idctest: unknown OAuth error code " + code)
	}
	if desc == "" {
		desc = e.desc
	}
	s.writeError(w, oidc, e.status, e.shape, code, desc)
}

// writeError writes an AWS error reply. For OIDC the body is
// {"__type","error","error_description"}: both SDKs take the type from the
// header and then from __type, never from "error" (spec §1.1); people read the
// description. For the portal it is {"message","__type"} as the real portal
// sends it.
func (s *Server) writeError(w http.ResponseWriter, svc service, status int, shape, code, desc string) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	var body any
	switch svc {
	case oidc:
		h[errorTypeHeader] = []string{shape + oidcNamespace}
		body = struct {
			Type        string `json:"__type"`
			Error       string `json:"error,omitempty"`
			Description string `json:"error_description,omitempty"`
			Message     string `json:"message,omitempty"`
		}{Type: shape, Error: code, Description: desc, Message: messageIfNoCode(code, desc)}
	default:
		h[errorTypeHeader] = []string{shape + portalNamespace}
		body = struct {
			Message string `json:"message"`
			Type    string `json:"__type"`
		}{desc, portalTypePrefix + shape}
	}
	s.writeJSON(w, status, body)
}

// messageIfNoCode gives errors that have no OAuth code (throttling, unknown
// operations) a "message", the member the SDKs show.
func messageIfNoCode(code, desc string) string {
	if code == "" {
		return desc
	}
	return ""
}

// writeFaultError writes the modelled error for a Fault's status.
func (s *Server) writeFaultError(w http.ResponseWriter, svc service, status int) {
	if svc == oidc {
		switch {
		case status == http.StatusTooManyRequests:
			// OIDC models no throttling error; ThrottlingException is what
			// both SDKs' retryers treat as throttling.
			s.writeError(w, oidc, status, "ThrottlingException", "", "Rate exceeded")
		case status == http.StatusUnauthorized:
			s.writeError(w, oidc, status, "InvalidClientException", "invalid_client", "Invalid client")
		case status == http.StatusForbidden:
			s.writeError(w, oidc, status, "AccessDeniedException", "access_denied", "Access denied")
		case status >= 500:
			s.writeError(w, oidc, status, "InternalServerException", "server_error", "An internal error occurred")
		default:
			s.writeError(w, oidc, status, "InvalidRequestException", "invalid_request", "Invalid request")
		}
		return
	}
	switch {
	case status == http.StatusTooManyRequests:
		s.writeError(w, svc, status, "TooManyRequestsException", "", "Rate exceeded")
	case status == http.StatusUnauthorized:
		s.writeError(w, svc, status, "UnauthorizedException", "", sessionInvalid)
	case status == http.StatusForbidden:
		s.writeError(w, svc, status, "ForbiddenException", "", "No access")
	case status == http.StatusNotFound:
		s.writeError(w, svc, status, "ResourceNotFoundException", "", "Resource not found")
	case status >= 500:
		s.writeError(w, svc, status, "InternalServerException", "", "Internal error")
	default:
		s.writeError(w, svc, status, "InvalidRequestException", "", "Invalid request")
	}
}

// writeJSON writes v as a JSON reply with a request ID, as AWS services do.
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("idctest: encode reply: %v", err))
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h[requestIDHeader] = []string{s.requestID()}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func (s *Server) requestID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counters.request++
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", s.counters.request)
}

// decodeJSON reads an OIDC request body into v. An empty body is an empty
// object, as the SDKs send "{}" for no members.
func decodeJSON(raw []byte, v any) error {
	if len(strings.TrimSpace(string(raw))) == 0 {
		return nil
	}
	return json.Unmarshal(raw, v)
}

// opaque returns a random URL-safe string of n random bytes after prefix, for
// secrets, tokens and device codes. Tests must not depend on their values, so
// they are random rather than counted.
func opaque(prefix string, n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// userCodeAlphabet has no vowels (no words) and no look-alikes such as I/1 or
// O/0, like the real codes ("PMPJ-VZCJ").
const userCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ"

// userCode maps the n-th device authorization to an "ABCD-EFGH" code. The map
// is a bijection on 20^8 values (the multiplier is prime to 20), so codes are
// unique, reproducible for a given n, and do not look sequential.
func userCode(n uint64) string {
	const space = 20 * 20 * 20 * 20 * 20 * 20 * 20 * 20
	x := (n*2654435761 + 1234567) % space
	var b [9]byte
	for i := 8; i >= 0; i-- {
		if i == 4 {
			b[i] = '-'
			continue
		}
		b[i] = userCodeAlphabet[x%20]
		x /= 20
	}
	return string(b[:])
}

// normalizeUserCode turns "abcd efgh", "ABCDEFGH" or "abcd-efgh" into
// "ABCD-EFGH"; other input is returned upper-cased and trimmed.
func normalizeUserCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		if r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 8 {
		c := b.String()
		return c[:4] + "-" + c[4:]
	}
	return strings.ToUpper(strings.TrimSpace(code))
}
