package idctest

import (
	"net/http"
	"net/url"
	"time"
)

// Request is one request the [Server] received, as returned by
// [Server.Requests]. It holds secrets (client secrets, tokens, device codes)
// so that tests can assert on them; it is never logged.
type Request struct {
	// Op is the operation name (see the Op constants), or "" for an unknown
	// path.
	Op     string
	Method string
	Path   string
	Query  url.Values
	// Body is the parsed JSON body, or nil when there is none or it is not a
	// JSON object. Form posts to the web pages record their fields here as
	// strings.
	Body map[string]any
	// BearerToken is the x-amz-sso_bearer_token header of portal calls.
	BearerToken string
	// Header is a copy of the request headers.
	Header http.Header
	// At is the server clock (Options.Now) when the request arrived.
	At time.Time
}
