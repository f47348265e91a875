package storage

import "fmt"

// SecretMode is where a sign-in keeps its refresh token and client secret.
type SecretMode string

// The secret modes.
const (
	// SecretsCLI is "AWS CLI compatible", the default: the token file holds
	// the refresh token and client secret, and the client registration has
	// its own file, exactly as the AWS CLI writes them, so the CLI and SDKs
	// can refresh the token themselves.
	SecretsCLI SecretMode = "cli"
	// SecretsKeyring keeps the refresh token, client secret and client
	// registration only in the OS keyring. The token file keeps startUrl,
	// region, accessToken and expiresAt, so the CLI and SDKs use the access
	// token; only ssotray can refresh it.
	SecretsKeyring SecretMode = "keyring"
)

// ParseSecretMode reads "cli" or "keyring".
func ParseSecretMode(s string) (SecretMode, error) {
	m := SecretMode(s)
	if !m.Valid() {
		return "", fmt.Errorf("unknown secret mode %q (want %q or %q)", s, SecretsCLI, SecretsKeyring)
	}
	return m, nil
}

// Valid reports whether m is one of the modes.
func (m SecretMode) Valid() bool { return m == SecretsCLI || m == SecretsKeyring }

// Label names m for people: "AWS CLI compatible" or "Keyring".
func (m SecretMode) Label() string {
	switch m {
	case SecretsCLI:
		return "AWS CLI compatible"
	case SecretsKeyring:
		return "Keyring"
	}
	return string(m)
}
