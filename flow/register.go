package flow

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// saved is a cache write that has already finished.
var saved = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// registration returns a client registration for t that can sign in with m,
// reusing the cached one unless it is about to expire, was made for the
// other method (the AWS CLI's rule: the two share one cache file), or force
// is set. issuer is the start URL the registration is for, resolved when it
// is a company's own address. A new
// registration is cached in the background, so that the code is on screen
// without waiting for the cache file's fsync; cached is closed once the
// write is done, and the caller waits for it before it returns.
func (f *Flow) registration(ctx context.Context, t Target, m Method, issuer string, force bool) (r Registration, cached <-chan struct{}, err error) {
	now := f.opts.Clock.Now()
	if !force {
		if r, err := f.store.LoadRegistration(t); err == nil && r.usableFor(m, now) {
			f.opts.Logf("reusing client registration %s for %s", r.ClientID, t.Name)
			return r, saved, nil
		}
	}
	var out *ssooidc.RegisterClientOutput
	err = f.call(ctx, func(ctx context.Context) error {
		var err error
		in := &ssooidc.RegisterClientInput{
			ClientName: aws.String(f.opts.ClientName),
			ClientType: aws.String("public"),
			Scopes:     t.scopes(),
		}
		if m == AuthCode {
			// As the AWS CLI registers: the loopback redirect without a
			// port (RFC 8252 §7.3 lets the port vary) and the start URL
			// as the issuer.
			in.GrantTypes = m.grantTypes()
			in.RedirectUris = []string{callbackBase}
			in.IssuerUrl = aws.String(issuer)
		}
		out, err = f.api.RegisterClient(ctx, in, limitResponses)
		return err
	})
	if err != nil {
		return Registration{}, saved, apiError("register client", err)
	}
	if aws.ToString(out.ClientId) == "" || aws.ToString(out.ClientSecret) == "" {
		return Registration{}, saved, apiError("register client", &incompleteError{missing: "clientId or clientSecret"})
	}
	r = Registration{
		ClientID:     aws.ToString(out.ClientId),
		ClientSecret: aws.ToString(out.ClientSecret),
		Scopes:       t.scopes(),
		GrantTypes:   m.grantTypes(),
	}
	if out.ClientSecretExpiresAt > 0 {
		r.ExpiresAt = time.Unix(out.ClientSecretExpiresAt, 0).UTC()
	}
	f.opts.Logf("registered client %s for %s until %s", r.ClientID, t.Name, r.ExpiresAt.Format(time.RFC3339))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := f.store.SaveRegistration(t, r); err != nil {
			// The registration still works for this sign-in; the next
			// one registers again.
			f.opts.Logf("could not cache the client registration: %v", err)
		}
	}()
	return r, done, nil
}
