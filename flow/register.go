package flow

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// saved is a cache write that has already finished.
var saved = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// registration returns a usable client registration for t, reusing the
// cached one unless it is about to expire (or force is set). A new
// registration is cached in the background, so that the code is on screen
// without waiting for the cache file's fsync; cached is closed once the
// write is done, and the caller waits for it before it returns.
func (f *Flow) registration(ctx context.Context, t Target, force bool) (r Registration, cached <-chan struct{}, err error) {
	now := f.opts.Clock.Now()
	if !force {
		if r, err := f.store.LoadRegistration(t); err == nil && r.usable(now) {
			f.opts.Logf("reusing client registration %s for %s", r.ClientID, t.Name)
			return r, saved, nil
		}
	}
	var out *ssooidc.RegisterClientOutput
	err = f.call(ctx, func(ctx context.Context) error {
		var err error
		out, err = f.api.RegisterClient(ctx, &ssooidc.RegisterClientInput{
			ClientName: aws.String(f.opts.ClientName),
			ClientType: aws.String("public"),
			Scopes:     t.scopes(),
		}, limitResponses)
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
