package storage

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// ErrNotAWSHost is wrapped by ValidateStartURL's error when the URL is
// well-formed but its host is not an AWS access portal host, which may be a
// company's own address that redirects to the portal (a vanity URL).
var ErrNotAWSHost = errors.New("not an AWS access portal address")

// StartURL is a checked start URL.
type StartURL struct {
	// URL is the start URL as entered, trimmed of surrounding spaces and of
	// what a browser's address bar adds (Cleaned says what). It is what goes
	// into the config file and, for legacy profiles, what the token cache
	// key is made of, so it is never rewritten otherwise.
	URL string
	// Cleaned is the URL as pasted when ValidateStartURL took off what the
	// portal's page adds in the address bar ("#/" and what follows, and the
	// slash before it), else "".
	Cleaned string
	// Host is the host name, lower-cased.
	Host string
	// Region is the Region written in the host name (ssoins-… hosts), or "".
	Region string
	// AWSOwned reports whether Host is an AWS access portal host.
	AWSOwned bool
}

// awsOwnedSuffixes are the host suffixes the AWS CLI treats as AWS-owned
// (resolve.py, spec §6). A host matches if it ends with one, or equals one
// without its leading dot.
var awsOwnedSuffixes = []string{
	".app.aws",
	".portal.amazonaws.com",
	".portal.amazonaws.com.cn",
	".app.amazonwebservices.com.cn",
	".portal.amazonaws.eu",
	".api.amazonwebservices.eu",
	".awsapps.com",
	".awsapps.cn",
}

// awsOwnedHosts are the issuer hosts the AWS CLI also treats as AWS-owned.
var awsOwnedHosts = []string{
	"identitycenter.amazonaws.com",
	"identitycenter.amazonaws.com.cn",
	"identitycenter.amazonaws.eu",
	"identitycenter.us-gov.amazonaws.com",
}

// IsAWSOwnedHost reports whether host is an AWS access portal or Identity
// Center issuer host, ignoring case and trailing dots as the AWS CLI does.
func IsAWSOwnedHost(host string) bool {
	host = normalizeHost(host)
	for _, h := range awsOwnedHosts {
		if host == h {
			return true
		}
	}
	for _, s := range awsOwnedSuffixes {
		if strings.HasSuffix(host, s) || host == s[1:] {
			return true
		}
	}
	return false
}

// startURLExample is how a start URL should look, for error messages.
const startURLExample = "https://d-xxxxxxxxxx.awsapps.com/start or https://ssoins-….portal.REGION.app.aws"

// notAWSHostError is ValidateStartURL's error for a host that is not
// AWS-owned.
type notAWSHostError struct{ host string }

func (e *notAWSHostError) Error() string {
	return fmt.Sprintf("%q is not an AWS access portal address; it should look like %s", e.host, startURLExample)
}

func (e *notAWSHostError) Unwrap() error { return ErrNotAWSHost }

// ValidateStartURL checks a start URL typed or pasted by a person. It must be
// valid text and an absolute https URL with a host name of letters, digits,
// dots and hyphens, and no user name or password or port; a fragment (#/…,
// which the portal's page shows in the address bar) is taken off with the
// slash before it, and Cleaned says so. It
// must not contain ; \ " ' or blanks, which the AWS SDKs and the AWS CLI
// would read differently from the config file. The host must be an AWS access
// portal host (IsAWSOwnedHost), and a d-xxxxxxxxxx host needs exactly 10
// letters or digits after "d-". Errors are plain sentences; one for a host
// that is not AWS-owned wraps ErrNotAWSHost and comes with the StartURL
// filled in (URL, Host, Cleaned), for the caller to follow to the portal
// (package vanity). The URL itself is kept exactly as entered, apart from
// surrounding spaces.
func ValidateStartURL(raw string) (StartURL, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return StartURL{}, errors.New("enter the start URL of your AWS access portal, for example https://d-xxxxxxxxxx.awsapps.com/start")
	}
	if !utf8.ValidString(s) {
		return StartURL{}, errors.New("the start URL contains characters that are not valid text; type it again or copy it from the AWS access portal")
	}
	// Copied from the browser's address bar, the portal's address carries
	// its page route: https://d-xxxxxxxxxx.awsapps.com/start/#/ (or
	// #/console?…). The portal is the part before the #.
	pasted := s
	if before, _, found := strings.Cut(s, "#"); found {
		s = strings.TrimSuffix(before, "/")
	}
	// These characters never occur in a portal address, and the AWS SDKs
	// would read them out of the config file differently from the AWS CLI
	// (a comment, an escape, a quote).
	if i := strings.IndexAny(s, ";\\\"' \t"); i >= 0 {
		return StartURL{}, fmt.Errorf("the start URL must not contain %q; it should look like %s", s[i:i+1], startURLExample)
	}
	u, err := url.Parse(s)
	if err != nil {
		// url.Parse's message repeats the input; keep it out.
		return StartURL{}, fmt.Errorf("the start URL is not a valid web address; it should look like %s", startURLExample)
	}
	if !strings.EqualFold(u.Scheme, "https") {
		return StartURL{}, errors.New("the start URL must begin with https://")
	}
	if u.User != nil {
		return StartURL{}, errors.New("the start URL must not contain a user name or password")
	}
	host := u.Hostname()
	if host == "" {
		return StartURL{}, fmt.Errorf("the start URL has no host name; it should look like %s", startURLExample)
	}
	if u.Port() != "" || strings.HasSuffix(u.Host, ":") {
		return StartURL{}, errors.New("the start URL must not include a port number")
	}
	host = normalizeHost(host)
	if !isHostName(host) {
		return StartURL{}, errors.New("the start URL's host name can contain only letters, digits, dots and hyphens")
	}
	if !IsAWSOwnedHost(host) {
		// Well-formed: the caller may follow it to the portal (vanity).
		su := StartURL{URL: s, Host: host}
		if s != pasted {
			su.Cleaned = pasted
		}
		return su, &notAWSHostError{host: host}
	}
	if label, _, _ := strings.Cut(host, "."); strings.HasPrefix(label, "d-") && isAWSAppsHost(host) && !isDirectoryID(label) {
		return StartURL{}, errors.New("an access portal address that starts with d- has exactly 10 letters or digits after d-, like https://d-1234567890.awsapps.com/start")
	}
	su := StartURL{URL: s, Host: host, AWSOwned: true}
	if s != pasted {
		su.Cleaned = pasted
	}
	if r := RegionFromHost(host); ValidateRegion(r) == nil {
		su.Region = r
	}
	return su, nil
}

// isHostName reports whether host, lower-cased, is made of the characters of
// DNS names.
func isHostName(host string) bool {
	for _, c := range []byte(host) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// isAWSAppsHost reports whether host is under awsapps.com or awsapps.cn.
func isAWSAppsHost(host string) bool {
	return strings.HasSuffix(host, ".awsapps.com") || strings.HasSuffix(host, ".awsapps.cn")
}

// isDirectoryID reports whether label is "d-" and 10 letters or digits.
func isDirectoryID(label string) bool {
	if len(label) != 12 {
		return false
	}
	for _, c := range []byte(label[2:]) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
