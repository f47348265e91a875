package addlink

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/ssotray/ssotray/storage"
)

// Scheme is the URL scheme ssotray registers with the operating system.
const Scheme = "ssotray"

// verb is the only thing a link can ask for: to open the wizard.
const verb = "add"

// MaxLen bounds a link in bytes. A real one is under 200; the cap keeps a
// hostile link's text out of messages and windows.
const MaxLen = 2048

// maxShown bounds how much of a value a problem quotes.
const maxShown = 60

// The query parameters a link carries; any other is ignored.
const (
	paramStartURL = "start_url"
	paramRegion   = "region"
	paramName     = "name"
)

// ErrNotLink is wrapped by Parse's error when the text is not an
// ssotray://add link at all.
var ErrNotLink = errors.New("not an ssotray://add link")

// Request is what a checked link asks the wizard to show. StartURL is always
// set; Region is empty when the link leaves it to the start URL or to the
// person; Name is empty when the link leaves it to the wizard's suggestion.
type Request struct {
	Name     string
	StartURL string
	Region   string
}

// IsLink reports whether arg looks like an ssotray link (its scheme is
// ssotray, in any case), so a command line can tell a link from a command.
// It does not check the link: Parse does.
func IsLink(arg string) bool {
	scheme, _, ok := strings.Cut(arg, ":")
	return ok && strings.EqualFold(scheme, Scheme)
}

// Parse checks an ssotray://add link. The error is a sentence for people
// that quotes at most a short part of any value; on error the Request is
// empty, since a link with one bad part is not to be trusted in any part.
// Unknown parameters are ignored; a known one given twice is refused.
func Parse(raw string) (Request, error) {
	if len(raw) > MaxLen {
		return Request{}, fmt.Errorf("the link is %d characters long, far more than a sign-in link needs (at most %d)", len(raw), MaxLen)
	}
	if !utf8.ValidString(raw) {
		return Request{}, errors.New("the link contains characters that are not valid text")
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || !strings.EqualFold(u.Scheme, Scheme) {
		return Request{}, fmt.Errorf("%w: it should look like %s://%s?start_url=https://…", ErrNotLink, Scheme, verb)
	}
	// ssotray://add?… has the verb as its host; ssotray:add?… as opaque
	// text. Browsers may add a slash: ssotray://add/?….
	v := u.Host
	if u.Opaque != "" {
		v = u.Opaque
	}
	if !strings.EqualFold(v, verb) || (u.Path != "" && u.Path != "/") || u.User != nil {
		return Request{}, fmt.Errorf("%w: an ssotray link can only open the add-a-sign-in window (%s://%s?…)", ErrNotLink, Scheme, verb)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return Request{}, errors.New("the link's parameters are not correctly encoded")
	}
	for _, p := range []string{paramStartURL, paramRegion, paramName} {
		if len(q[p]) > 1 {
			return Request{}, fmt.Errorf("the link gives %s more than once", p)
		}
	}
	r := Request{StartURL: q.Get(paramStartURL), Region: q.Get(paramRegion), Name: q.Get(paramName)}
	if err := r.check(); err != nil {
		return Request{}, err
	}
	return r, nil
}

// Build makes the link for r after checking it as Parse will: a helpdesk
// learns of a mistake when making the link, not from the person it sent it
// to. StartURL is kept as given (trimmed), as the wizard keeps it.
func Build(r Request) (string, error) {
	r = Request{Name: strings.TrimSpace(r.Name), StartURL: strings.TrimSpace(r.StartURL), Region: strings.TrimSpace(r.Region)}
	if err := r.check(); err != nil {
		return "", err
	}
	q := url.Values{}
	q.Set(paramStartURL, r.StartURL)
	if r.Region != "" {
		q.Set(paramRegion, r.Region)
	}
	if r.Name != "" {
		q.Set(paramName, r.Name)
	}
	link := (&url.URL{Scheme: Scheme, Host: verb, RawQuery: q.Encode()}).String()
	if len(link) > MaxLen {
		return "", fmt.Errorf("the link would be %d characters long, more than the %d a link may have", len(link), MaxLen)
	}
	return link, nil
}

// check validates each part as the wizard validates what is typed.
func (r Request) check() error {
	if r.StartURL == "" {
		return errors.New("the link has no start_url, the address of the AWS access portal")
	}
	su, err := storage.ValidateStartURL(r.StartURL)
	if err != nil {
		return fmt.Errorf("the link's start URL cannot be used: %s", shorten(err.Error()))
	}
	if su.Cleaned != "" {
		return errors.New("the link's start URL carries a page of the portal (#…); it should end at /start")
	}
	if r.Region != "" {
		if err := storage.ValidateRegion(r.Region); err != nil {
			return fmt.Errorf("the link's Region cannot be used: %s", shorten(err.Error()))
		}
		if su.Region != "" && su.Region != r.Region {
			return fmt.Errorf("the link's Region %s differs from %s, which its start URL names", r.Region, su.Region)
		}
	}
	if r.Name != "" {
		if err := storage.ValidateSessionName(r.Name); err != nil {
			return fmt.Errorf("the link's name cannot be used: %s", shorten(err.Error()))
		}
	}
	return nil
}

// shorten cuts the quoted values in a message down to maxShown characters
// each, so a hostile value is named but not reproduced.
func shorten(msg string) string {
	var b strings.Builder
	in, esc := false, false
	n := 0
	for _, c := range msg {
		escaped := esc
		esc = in && !escaped && c == '\\'
		switch {
		case c == '"' && !escaped:
			in, n = !in, 0
		case in:
			n++
			if n > maxShown {
				if n == maxShown+1 {
					b.WriteRune('…')
				}
				continue
			}
		}
		b.WriteRune(c)
	}
	return b.String()
}
