// Package storage reads and writes the files ssotray shares with the AWS CLI:
// the shared config file (~/.aws/config), the SSO token cache
// (~/.aws/sso/cache/<sha1>.json) and the CLI's client-registration cache.
//
// Everything it writes is in the exact format the AWS CLI writes, so that
// botocore, the AWS CLI and aws-sdk-go-v2 use it without any further step:
// token files are Python json.dumps output with keys in the CLI's order,
// written 0600 through a temporary file and a rename; the config file is only
// ever appended to, byte for byte. Reading is lenient where those clients are
// lenient and reports, with file and line, what they would reject.
//
// The package has no user interface and imports no other ssotray package.
// Tokens and client secrets never appear in its errors or in the printed form
// of its values.
package storage
