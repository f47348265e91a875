// Package vanitytest is a company's web server for tests of start URLs on
// a company's own domain: one TLS server that answers for every host name,
// and a vanity.Resolver that reaches it under any name and trusts it.
package vanitytest

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/ssotray/ssotray/vanity"
)

// Company is the server. Its handler plays aws.example.com,
// sso.example.com and any other host.
type Company struct {
	srv *httptest.Server
	mu  sync.Mutex
	log []string
}

// NewCompany starts a server with handler until the test ends.
func NewCompany(t testing.TB, handler http.HandlerFunc) *Company {
	c := &Company{}
	c.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.mu.Lock()
		c.log = append(c.log, r.Method+" "+r.Host+r.URL.Path)
		c.mu.Unlock()
		handler(w, r)
	}))
	c.srv.Config.ErrorLog = nil
	c.srv.StartTLS()
	t.Cleanup(c.srv.Close)
	return c
}

// RedirectTo is a handler that redirects every request to to.
func RedirectTo(to string, status int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, status) }
}

// Requests are the requests served so far, as "METHOD host/path".
func (c *Company) Requests() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.log...)
}

// Resolver sends every request to the server, whatever the host, trusting
// its certificate for the name example.com.
func (c *Company) Resolver() vanity.Resolver {
	tr := c.srv.Client().Transport.(*http.Transport).Clone()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, c.srv.Listener.Addr().String())
	}
	tr.TLSClientConfig = &tls.Config{RootCAs: tr.TLSClientConfig.RootCAs, ServerName: "example.com"}
	return vanity.Resolver{Client: &http.Client{Transport: tr}}
}
