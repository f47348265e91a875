// Package storage reads and writes the files ssotray shares with the AWS CLI:
// the shared config file (~/.aws/config), the SSO token cache
// (~/.aws/sso/cache/<sha1>.json) and the CLI's client-registration cache.
//
// Everything it writes is in the exact format the AWS CLI writes, so that
// botocore, the AWS CLI and aws-sdk-go-v2 use it without any further step:
// token files are Python json.dumps output with keys in the CLI's order,
// written 0600 through a temporary file and a rename; a sign-in is added to
// or removed from the config file keeping every other byte. Reading is
// lenient where those clients are lenient and reports, with file and line,
// what they would reject.
//
// It also keeps what is ssotray's own: the Secrets interface over the OS
// keyring (zalando/go-keyring, with MemSecrets for tests), where a sign-in in
// keyring mode keeps its refresh token and client secret, and the settings
// file (os.UserConfigDir()/ssotray/settings.json) that records each
// sign-in's mode.
//
// The package has no user interface and imports no other ssotray package
// but internal/atomicfile.
// Tokens and client secrets never appear in its errors or in the printed form
// of its values.
package storage
