package ui

import "github.com/ssotray/ssotray/flow"

// verificationURLAllowed reports whether ssotray may show raw as a QR code
// and open it in the browser: flow.TrustedVerificationURL's rule, the one
// `ssotray login` applies too. In demo mode a loopback address (localhost,
// 127.0.0.0/8, ::1) over http or https is allowed as well, for the built-in
// local Identity Center; nothing else is.
func verificationURLAllowed(raw string, demo bool) bool {
	return flow.TrustedVerificationURL(raw, func(o *flow.VerifyOptions) { o.AllowLoopback = demo })
}
