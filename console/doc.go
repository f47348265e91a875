// Package console opens the AWS Management Console as a role: it trades a
// role's temporary credentials for a sign-in token at the AWS federation
// endpoint (getSigninToken, sent as a POST so the credentials never sit in a
// URL) and builds the login URL that opens the console in a browser. It also
// builds the access portal's shortcut link, which opens the same account and
// role without credentials passing through ssotray.
//
// The login URL grants console access for 15 minutes: it is a secret, never
// logged and never part of an error. There is no logout redirect in front of
// it, so the console's multi-session mode adds a session instead of ending
// the others.
//
// The package is GUI-free: the command line and the desktop both call it.
package console
