// Package credexport writes a role's temporary credentials in the formats of
// the AWS CLI's `aws configure export-credentials --format …`, byte for byte
// (awscli/customizations/configure/exportcreds.py): shell lines for env,
// env-no-export, powershell, windows-cmd and fish, and the credential_process
// JSON (Version 1) for process.
//
// What it writes is secret; it writes only to the writer it is given, which
// the caller chose because the person asked for it. It is GUI-free.
package credexport
