package flow

// Method is how a person approves a sign-in.
type Method int

const (
	// Auto is the method the AWS CLI would use: DefaultMethod.
	Auto Method = iota
	// DeviceCode is the device authorization grant (RFC 8628): a code to
	// confirm on a page, on this machine or any other (a phone scanning the
	// QR code, a helpdesk call, SSH, WSL).
	DeviceCode
	// AuthCode is the authorization code grant with PKCE (RFC 7636) on a
	// loopback redirect (RFC 8252): one click in a browser on this
	// machine, and no code that a phishing mail could hand to someone
	// else. The AWS CLI's default for [sso-session] sign-ins since 2.22.
	AuthCode
)

// String names the method as the command line's messages do.
func (m Method) String() string {
	switch m {
	case AuthCode:
		return "browser"
	case DeviceCode:
		return "device code"
	}
	return "auto"
}

// resolve returns m, or for Auto the method DefaultMethod picks for t.
func (m Method) resolve(t Target) Method {
	if m == Auto {
		return DefaultMethod(t)
	}
	return m
}

// DefaultMethod is the method the AWS CLI uses for t: the authorization code
// grant for [sso-session] sign-ins, the device code for legacy profiles,
// which the CLI never signs in with PKCE.
func DefaultMethod(t Target) Method {
	if t.Legacy {
		return DeviceCode
	}
	return AuthCode
}

// grantTypes are the grant types a registration for m asks for: none for
// the device code (as the CLI registers, which then allows the device code
// and refresh grants), both of the authorization code flow's otherwise.
func (m Method) grantTypes() []string {
	if m == AuthCode {
		return []string{grantAuthCode, grantRefreshToken}
	}
	return nil
}
