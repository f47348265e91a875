//go:build !windows

package ui

// wantCopiedCredentials is what Copy credentials puts on the clipboard for
// the test's credentials in this OS's default format (a shell's export
// here), the same bytes as `ssotray creds` and the AWS CLI print (credexport).
const wantCopiedCredentials = "export AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=SECRET-KEY\nexport AWS_SESSION_TOKEN=SESSION-TOKEN\nexport AWS_CREDENTIAL_EXPIRATION=2026-11-27T13:00:00+00:00\n"
