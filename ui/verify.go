package ui

import (
	"net"
	"net/url"
	"strings"
)

// awsHostSuffixes are the domains AWS serves IAM Identity Center's
// verification pages from, in every partition (commercial, China, the
// European Sovereign Cloud) and for the newer aws/app.aws names.
var awsHostSuffixes = []string{
	".amazonaws.com",
	".amazonaws.com.cn",
	".amazonaws.eu",
	".aws",
	".app.aws",
	".awsapps.com",
	".awsapps.cn",
}

// verificationURLAllowed reports whether ssotray may show raw as a QR code
// and open it in the browser: it must be https on an AWS-owned host, with no
// user info and no port other than 443. In demo mode a loopback address
// (localhost, 127.0.0.0/8, ::1) over http or https is allowed too, for the
// built-in local Identity Center; nothing else is.
//
// The verification page is device.sso.REGION.amazonaws.com, not the access
// portal, so storage's portal host check does not apply here.
func verificationURLAllowed(raw string, demo bool) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Opaque != "" || u.User != nil || u.Host == "" {
		return false
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if demo && isLoopback(host) && (u.Scheme == "http" || u.Scheme == "https") {
		return true
	}
	if u.Scheme != "https" || (port != "" && port != "443") {
		return false
	}
	if !validDNSName(host) {
		return false
	}
	for _, suffix := range awsHostSuffixes {
		if strings.HasSuffix(host, suffix) {
			return true
		}
	}
	return false
}

// isLoopback reports whether host is localhost or a loopback IP address.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// validDNSName reports whether host is a plain ASCII DNS name: letters,
// digits and hyphens in non-empty labels. It refuses IP literals' brackets,
// a trailing dot and Unicode look-alikes.
func validDNSName(host string) bool {
	if host == "" || len(host) > 253 {
		return false
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}
