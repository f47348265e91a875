package flow

import (
	"net/url"
	"strings"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// incompleteError is an answer that decoded but lacks, or garbles, a member
// the flow needs. The member's value is never quoted: it may be a secret.
type incompleteError struct{ missing string }

func (e *incompleteError) Error() string {
	return "IAM Identity Center sent an incomplete answer (no usable " + e.missing + ")"
}

// maxUserCodeLen bounds a user code; real ones are 9 characters ("PMPJ-VZCJ").
const maxUserCodeLen = 64

// checkDevice checks a StartDeviceAuthorization answer before anything of it
// is shown or used, and fills in verificationUriComplete from
// verificationUri when the server sent only that (it is optional in RFC 8628
// §3.2; the person then types the code).
func checkDevice(out *ssooidc.StartDeviceAuthorizationOutput) error {
	if aws.ToString(out.DeviceCode) == "" {
		return &incompleteError{missing: "deviceCode"}
	}
	code := aws.ToString(out.UserCode)
	if code == "" || len(code) > maxUserCodeLen || strings.IndexFunc(code, func(r rune) bool {
		return !unicode.IsPrint(r) || unicode.IsSpace(r)
	}) >= 0 {
		return &incompleteError{missing: "userCode"}
	}
	if !webURL(aws.ToString(out.VerificationUri)) {
		out.VerificationUri = nil
	}
	if !webURL(aws.ToString(out.VerificationUriComplete)) {
		out.VerificationUriComplete = out.VerificationUri
	}
	if out.VerificationUriComplete == nil {
		return &incompleteError{missing: "verificationUri"}
	}
	if out.VerificationUri == nil {
		out.VerificationUri = out.VerificationUriComplete
	}
	return nil
}

// webURL reports whether s is an absolute http or https URL with a host and
// only printable characters. Whether the host may be trusted is for the UI
// to judge; this only keeps garbage off the screen.
func webURL(s string) bool {
	if s == "" || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) || unicode.IsSpace(r) }) >= 0 {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// checkToken checks a CreateToken answer before it is stored: a token file
// without an access token, or one that has already expired, would break
// every reader of the cache while claiming a sign-in.
func checkToken(out *ssooidc.CreateTokenOutput) error {
	if aws.ToString(out.AccessToken) == "" {
		return &incompleteError{missing: "accessToken"}
	}
	if out.ExpiresIn <= 0 {
		return &incompleteError{missing: "expiresIn"}
	}
	return nil
}
