package flow

import (
	"net"
	"net/url"
	"regexp"
	"strings"
)

// VerifyOptions tune TrustedVerificationURL.
type VerifyOptions struct {
	// AllowLoopback also trusts an http or https page on a loopback address
	// (localhost, 127.0.0.0/8, ::1), on any port, for a local Identity
	// Center such as the demo's. The default, false, trusts only the AWS
	// hosts below. Set it only when the sign-in itself runs against a local
	// server: in the app's demo mode, or when EndpointIsLoopback says the
	// OIDC endpoint is on this machine.
	AllowLoopback bool
}

// The regions of each partition, from the partition patterns botocore and
// the Go SDK use for regions added later (aws-sso-spec.md §6).
const (
	regionAWS  = `(?:(?:us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-[0-9]+|us-gov-[a-z]+-[0-9]+)` // aws and aws-us-gov
	regionCN   = `cn-[a-z]+-[0-9]+`                                                      // aws-cn
	regionEUSC = `eusc-de-[a-z]+-[0-9]+`                                                 // aws-eusc
	// alias is one DNS label: an access portal's d-xxxxxxxxxx or its
	// customised subdomain.
	alias = `[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?`
	// ssoins is an Identity Center instance's host label. The API's
	// instance ARN pattern is `(sso)?ins-[a-zA-Z0-9-.]{16}`; AWS's own
	// example (ssoins-111111h2222j33pp) is not hexadecimal, so any 16 letters
	// or digits are accepted.
	ssoins = `ssoins-[a-z0-9]{16}`
)

// trustedHosts are the only hosts whose pages ssotray shows as a QR code and
// opens in the browser: the hosts IAM Identity Center serves its device
// verification page from, in every partition, and the access portal's hosts,
// which serve the portal's own device page (/start/#/device). Every one is
// named by AWS and serves only AWS's pages.
//
// A suffix such as .amazonaws.com or .aws is not enough: customers serve
// their own pages from names under it (*.s3.amazonaws.com,
// *.s3-website-*.amazonaws.com, *.execute-api.*.amazonaws.com, EC2 public DNS
// names, *.lambda-url.*.on.aws), and a phishing page there would look like
// AWS's.
var trustedHosts = []*regexp.Regexp{
	// The device verification page. The spec's only real reply [D] is
	// https://device.sso.us-west-2.amazonaws.com/; GovCloud's regions share
	// .amazonaws.com. The China and EUSC forms follow the OIDC hosts of
	// those partitions (oidc.REGION.amazonaws.com.cn, .amazonaws.eu); no real
	// reply from them has been seen [U].
	regexp.MustCompile(`^device\.sso\.` + regionAWS + `\.amazonaws\.com$`),
	regexp.MustCompile(`^device\.sso\.` + regionCN + `\.amazonaws\.com\.cn$`),
	regexp.MustCompile(`^device\.sso\.` + regionEUSC + `\.amazonaws\.eu$`),

	// AWS's regional sign-in pages, where Identity Center's own directory
	// signs people in. Not in the spec: a third-party report of `aws sso
	// login` in September 2026 (ByteNess/aws-vault#440) shows the device
	// flow sending people to https://ap-southeast-2.signin.aws/platform/...;
	// it is AWS's sign-in domain, and refusing it would teach people to
	// ignore the warning.
	regexp.MustCompile(`^` + regionAWS + `\.signin\.aws$`),

	// The access portal: https://d-xxxxxxxxxx.awsapps.com/start or a
	// customised subdomain, and the China equivalent. Only one label below
	// awsapps: nothing else is the portal.
	regexp.MustCompile(`^` + alias + `\.awsapps\.com$`),
	regexp.MustCompile(`^` + alias + `\.awsapps\.cn$`),
	// The directory-path forms https://start.us-gov-home.awsapps.com/directory/d-…
	// (GovCloud) and https://start.home.awsapps.cn/directory/d-… (China).
	// The spec marks the GovCloud form unverified [U].
	regexp.MustCompile(`^start\.us-gov-home\.awsapps\.com$`),
	regexp.MustCompile(`^start\.home\.awsapps\.cn$`),
	// Regional and additional-Region portals, and their dual-stack forms.
	regexp.MustCompile(`^` + ssoins + `\.` + regionAWS + `\.portal\.amazonaws\.com$`),
	regexp.MustCompile(`^` + ssoins + `\.` + regionCN + `\.portal\.amazonaws\.com\.cn$`),
	regexp.MustCompile(`^` + ssoins + `\.` + regionEUSC + `\.portal\.amazonaws\.eu$`),
	regexp.MustCompile(`^` + ssoins + `\.portal\.` + regionAWS + `\.app\.aws$`),
	regexp.MustCompile(`^` + ssoins + `\.portal\.` + regionCN + `\.app\.amazonwebservices\.com\.cn$`),
	regexp.MustCompile(`^` + ssoins + `\.portal\.` + regionEUSC + `\.api\.amazonwebservices\.eu$`),
}

// TrustedVerificationURL reports whether raw, a verification URL from
// StartDeviceAuthorization, may be shown as a QR code and opened in the
// browser: https on one of the hosts IAM Identity Center uses for its device
// page (see trustedHosts; SECURITY.md lists them), with no user info, no
// port but 443, no trailing dot and only ASCII letters, digits, dots and
// hyphens in the host (no percent-escapes, no IDN or punycode look-alikes).
// Upper case is accepted: host names are case-insensitive.
//
// Anything else may be phishing: a proxy or a compromised endpoint can send
// any URL, and the page that asks the person to approve the code is the one
// place where an attacker could have the session approved for them.
func TrustedVerificationURL(raw string, optFns ...func(*VerifyOptions)) bool {
	var o VerifyOptions
	for _, fn := range optFns {
		fn(&o)
	}
	if !webURL(raw) {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.User != nil || u.Host == "" {
		return false
	}
	host := strings.ToLower(u.Hostname())
	if o.AllowLoopback && isLoopback(host) {
		return true // webURL has checked the scheme is http or https
	}
	if u.Scheme != "https" || (u.Port() != "" && u.Port() != "443") {
		return false
	}
	if strings.IndexFunc(u.Host, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == ':')
	}) >= 0 {
		return false
	}
	for _, label := range strings.Split(host, ".") {
		if strings.HasPrefix(label, "xn--") {
			return false
		}
	}
	for _, re := range trustedHosts {
		if re.MatchString(host) {
			return true
		}
	}
	return false
}

// EndpointIsLoopback reports whether the SSO OIDC endpoint that the AWS SDK
// will use, as set in the environment getenv reads, is an http or https URL
// on a loopback address: AWS_ENDPOINT_URL_SSO_OIDC, else AWS_ENDPOINT_URL,
// unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true (the SDK's order).
//
// Only then may a loopback verification page be trusted outside the app's
// demo: the whole sign-in already runs against a server on this machine,
// chosen by whoever set the environment (the demo, a test, LocalStack), and
// a proxy on the network can neither set it nor make a real AWS endpoint
// send such a page and have it trusted. An endpoint set in the config file's
// [services] section does not count; its loopback page gets the warning.
func EndpointIsLoopback(getenv func(string) string) bool {
	if strings.EqualFold(getenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true") {
		return false
	}
	endpoint := getenv("AWS_ENDPOINT_URL_SSO_OIDC")
	if endpoint == "" {
		endpoint = getenv("AWS_ENDPOINT_URL")
	}
	if !webURL(endpoint) {
		return false
	}
	u, err := url.Parse(endpoint)
	return err == nil && u.User == nil && isLoopback(strings.ToLower(u.Hostname()))
}

// isLoopback reports whether host is localhost or a loopback IP address.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
