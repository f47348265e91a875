// Package idctest runs a local, in-process AWS IAM Identity Center for tests and
// demos, as net/http/httptest does for HTTP servers.
//
// A [Server] speaks the two wire protocols that sign-in needs, with the JSON
// shapes, HTTP statuses and error headers of the real service
// (the project's aws-sso-spec.md, §1, §2 and §5):
//
//   - SSO OIDC (service "SSO OIDC"): POST /client/register, POST /device_authorization
//     and POST /token, for the device authorization grant (RFC 8628), refresh tokens
//     and the authorization-code grant with PKCE that AWS CLI v2 uses (GET /authorize);
//   - the SSO portal (service "SSO"): GET /federation/credentials,
//     GET /assignment/accounts, GET /assignment/roles and POST /logout.
//
// Real clients reach it by setting both AWS_ENDPOINT_URL_SSO_OIDC and
// AWS_ENDPOINT_URL_SSO to [Server.URL], or BaseEndpoint / endpoint_url in code.
// A person can approve a device code at URL+"/device" (also served at URL+"/"),
// a small self-contained approval page clearly marked as a local test server.
//
// Errors carry what both SDKs need to build typed exceptions: the header
// "x-amzn-ErrorType: <Shape>:http://internal.amazon.com/coral/<namespace>/" and a
// body "__type", plus the OAuth "error" and "error_description" members for OIDC
// and "message" for the portal.
//
// Behaviour is scripted through [Options] (clock, TTLs, interval, automatic
// approval, refresh-token rotation, accounts) and through methods such as
// [Server.Approve], [Server.QueueTokenErrors] and [Server.InjectFault]. User codes
// and client IDs come from counters, so a test run is reproducible; every request
// is recorded for assertions ([Server.Requests]). For scale, [GenerateAccounts]
// makes any number of realistic accounts and roles, and [Options.PortalRate]
// throttles the portal API with a token bucket that answers 429 as the real
// portal does ([Server.Throttled] counts them). A Server is safe for concurrent
// use. The package never imports a GUI toolkit or other ssotray packages.
package idctest
