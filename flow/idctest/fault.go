package idctest

import (
	"net/http"
	"time"
)

// Operation names, as recorded in [Request.Op] and accepted by
// [Server.InjectFault]. The first seven are the AWS operations; the last two
// are the server's web pages.
const (
	OpRegisterClient           = "RegisterClient"
	OpStartDeviceAuthorization = "StartDeviceAuthorization"
	OpCreateToken              = "CreateToken"
	OpGetRoleCredentials       = "GetRoleCredentials"
	OpListAccounts             = "ListAccounts"
	OpListAccountRoles         = "ListAccountRoles"
	OpLogout                   = "Logout"
	OpDevicePage               = "DevicePage" // GET and POST /device
	OpAuthorize                = "Authorize"  // GET and POST /authorize (PKCE)
)

// Fault is a scripted failure for one operation, queued with
// [Server.InjectFault]. A fault applies after the request has been recorded and
// before any normal handling; its fields combine in this order: Delay, then
// ResetConnection, then the reply (Status and Body). A fault with neither
// Status nor Body, and no ResetConnection, only delays the normal answer.
type Fault struct {
	// Count is how many consecutive calls of the operation the fault affects.
	// Zero or less means 1.
	Count int

	// Status, when not zero, answers with this HTTP status. Without Body the
	// reply is the modelled error for the status: 400 InvalidRequestException,
	// 401 InvalidClientException (OIDC) or UnauthorizedException (portal),
	// 403 AccessDeniedException (OIDC) or ForbiddenException (portal),
	// 404 ResourceNotFoundException, 429 ThrottlingException (OIDC, which has
	// no modelled throttling error; both SDKs retry it) or
	// TooManyRequestsException (portal), and InternalServerException with
	// "server_error" for 5xx such as 500 and 503.
	Status int

	// Delay is slept before answering. The sleep ends early when the client
	// goes away or the server is closed, and then no answer is written.
	Delay time.Duration

	// ResetConnection hijacks the connection and closes it with a TCP reset,
	// without any reply.
	ResetConnection bool

	// Body replaces the reply body verbatim, for truncated or non-JSON
	// answers. With Status 0 it is sent with status 200. No x-amzn-ErrorType
	// header is added; use Header for that.
	Body string

	// ContentType overrides the reply's Content-Type (default
	// application/json).
	ContentType string

	// Header holds extra response headers, set before the reply is written.
	Header http.Header
}

func (f Fault) answers() bool { return f.Status != 0 || f.Body != "" }
