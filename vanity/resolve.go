package vanity

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ssotray/ssotray/storage"
)

// Defaults of a Resolver.
const (
	// DefaultMaxRedirects bounds the redirects followed. The AWS CLI
	// follows one; a company's sign-in page may add a hop of its own.
	DefaultMaxRedirects = 3
	// DefaultTimeout bounds the whole resolution.
	DefaultTimeout = 10 * time.Second
)

// Portal is where a start URL leads.
type Portal struct {
	// URL is the AWS access portal URL: the start URL itself when its host
	// is an AWS access portal host, else the end of its redirects.
	URL string
	// Region is the Region the portal's host names (ssoins-… hosts), or "".
	Region string
	// Redirects counts the redirects followed.
	Redirects int
}

// Resolver follows start URLs. The zero value is ready to use.
type Resolver struct {
	// Client sends the requests; its own redirect policy is bypassed.
	// Default: a client with http.DefaultTransport.
	Client *http.Client
	// MaxRedirects bounds the redirects followed. Default:
	// DefaultMaxRedirects.
	MaxRedirects int
	// Timeout bounds the whole resolution. Default: DefaultTimeout.
	Timeout time.Duration
}

// Resolve returns the AWS access portal that startURL leads to. A start URL
// on an AWS access portal host is returned as it is, with no request made.
// Otherwise it must be https, and so must every redirect; each hop is a HEAD
// request (a GET where HEAD is not allowed), and the first redirect to an
// AWS access portal host ends the search.
func (r Resolver) Resolve(ctx context.Context, startURL string) (Portal, error) {
	su, err := storage.ValidateStartURL(startURL)
	if err == nil {
		return Portal{URL: su.URL, Region: su.Region}, nil
	}
	if !errors.Is(err, storage.ErrNotAWSHost) {
		return Portal{}, err
	}
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	maxRedirects := r.MaxRedirects
	if maxRedirects <= 0 {
		maxRedirects = DefaultMaxRedirects
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	current := su.URL
	for hop := 0; ; hop++ {
		next, err := r.redirect(ctx, current)
		if err != nil {
			return Portal{}, fmt.Errorf("the address %s does not lead to an AWS access portal: %w", su.URL, err)
		}
		if hop >= maxRedirects {
			return Portal{}, fmt.Errorf("the address %s redirects more than %d times without reaching an AWS access portal", su.URL, maxRedirects)
		}
		u, err := url.Parse(next)
		if err != nil {
			return Portal{}, fmt.Errorf("the address %s redirects to an address that cannot be read", su.URL)
		}
		if !strings.EqualFold(u.Scheme, "https") {
			return Portal{}, fmt.Errorf("the address %s redirects to %s, which is not https", su.URL, clip(next))
		}
		if !storage.IsAWSOwnedHost(u.Hostname()) {
			current = next
			continue
		}
		// The portal's own address, without the query a sign-in page may
		// add; ValidateStartURL takes off the page route (#/…).
		u.RawQuery, u.ForceQuery = "", false
		portal, err := storage.ValidateStartURL(u.String())
		if err != nil {
			return Portal{}, fmt.Errorf("the address %s redirects to %s: %w", su.URL, clip(next), err)
		}
		return Portal{URL: portal.URL, Region: portal.Region, Redirects: hop + 1}, nil
	}
}

// redirect asks for page and returns where it redirects to.
func (r Resolver) redirect(ctx context.Context, page string) (string, error) {
	resp, err := r.do(ctx, http.MethodHead, page)
	if err == nil && (resp.StatusCode == http.StatusMethodNotAllowed || resp.StatusCode == http.StatusNotImplemented) {
		resp, err = r.do(ctx, http.MethodGet, page)
	}
	if err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("no answer from %s in time", hostOf(page))
		}
		return "", fmt.Errorf("cannot reach %s: %w", hostOf(page), rootCause(err))
	}
	loc := resp.Header.Get("Location")
	if resp.StatusCode < 300 || resp.StatusCode > 399 || loc == "" {
		return "", fmt.Errorf("%s answered HTTP %d and no redirect", hostOf(page), resp.StatusCode)
	}
	base, _ := url.Parse(page)
	to, err := base.Parse(loc)
	if err != nil {
		return "", fmt.Errorf("%s redirects to an address that cannot be read", hostOf(page))
	}
	return to.String(), nil
}

// do sends one request without following redirects, and drops the body.
func (r Resolver) do(ctx context.Context, method, page string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, page, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", "ssotray (start URL check)")
	client := http.Client{Transport: http.DefaultTransport}
	if r.Client != nil {
		client = *r.Client
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	client.Jar = nil
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return resp, nil
}

func hostOf(page string) string {
	if u, err := url.Parse(page); err == nil && u.Host != "" {
		return u.Host
	}
	return "the server"
}

// rootCause is the innermost error, which says what went wrong on the
// network ("connection refused", "certificate signed by unknown authority").
func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// clip shortens an address for a message.
func clip(s string) string {
	const max = 120
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}
