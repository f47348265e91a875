// Package flow signs a person in to AWS IAM Identity Center with the OAuth 2.0
// device authorization grant (RFC 8628) and refreshes the tokens it yields.
//
// It has no GUI and does no file I/O of its own: the OIDC API, the clock and
// the registration and token store are small interfaces, so the whole
// ten-minute life of a device code runs in microseconds under test. A sign-in
// attempt publishes immutable State snapshots (registering, waiting for the
// user, signed in, failed, cancelled) to every subscriber; sends never block
// and the latest state wins.
//
// Nothing here writes a token, secret, device code or refresh token into an
// error, a State or a log line.
package flow
