package ui

// wantCopiedCredentials is what Copy credentials puts on the clipboard for
// the test's credentials in this OS's default format (PowerShell here), the
// same bytes as `ssotray creds` and the AWS CLI print (credexport).
const wantCopiedCredentials = "$Env:AWS_ACCESS_KEY_ID=\"ASIAEXAMPLE\"\n$Env:AWS_SECRET_ACCESS_KEY=\"SECRET-KEY\"\n$Env:AWS_SESSION_TOKEN=\"SESSION-TOKEN\"\n$Env:AWS_CREDENTIAL_EXPIRATION=\"2026-11-27T13:00:00+00:00\"\n"
