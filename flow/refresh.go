package flow

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// Refresh exchanges t's refresh token for a new access token and stores it.
//
// The AWS CLI and SDKs refresh the same cache file and rotate the refresh
// token when they do, so Refresh re-reads the stored token first, never
// replaces a newer token with an older one, and when Identity Center refuses
// the refresh token because another program already used it, takes that
// program's token instead of failing.
//
// When the new token cannot be stored, Refresh returns it together with a
// *StoreError: Identity Center has already rotated the refresh token, so
// the returned one is the only one that still works.
func (f *Flow) Refresh(ctx context.Context, t Target) (Token, error) {
	cur, err := f.store.LoadToken(t)
	if err != nil {
		return Token{}, fmt.Errorf("read token: %w", err)
	}
	now := f.opts.Clock.Now()
	if cur.RefreshToken == "" || cur.ClientID == "" || cur.ClientSecret == "" {
		return Token{}, ErrNotRefreshable
	}
	if !cur.RegistrationExpiresAt.IsZero() && !now.Before(cur.RegistrationExpiresAt) {
		return Token{}, ErrRegistrationExpired
	}
	start := now
	out, err := f.createToken(ctx, &ssooidc.CreateTokenInput{
		ClientId:     aws.String(cur.ClientID),
		ClientSecret: aws.String(cur.ClientSecret),
		GrantType:    aws.String(grantRefreshToken),
		RefreshToken: aws.String(cur.RefreshToken),
	})
	if err != nil {
		if cancelled(ctx, err) {
			return Token{}, context.Canceled
		}
		if oauthCode(err) == errInvalidGrant {
			if latest, ok := f.awaitNewer(ctx, t, cur); ok {
				f.opts.Logf("refresh of %s: another program refreshed first; using its token", t.Name)
				return latest, nil
			}
			return Token{}, fmt.Errorf("refresh token: %w", ErrSessionEnded)
		}
		return Token{}, apiError("refresh token", err)
	}
	if err := checkToken(out); err != nil {
		return Token{}, apiError("refresh token", err)
	}
	next := cur
	next.AccessToken = aws.ToString(out.AccessToken)
	next.ExpiresAt = tokenFrom(out, start, Registration{}).ExpiresAt
	if rt := aws.ToString(out.RefreshToken); rt != "" {
		next.RefreshToken = rt
	}
	if latest, ok := f.newerThan(t, next); ok {
		f.opts.Logf("refresh of %s: a newer token is already stored; keeping it", t.Name)
		return latest, nil
	}
	if err := f.store.SaveToken(t, next); err != nil {
		// The token is valid and the old refresh token is not any more:
		// the caller gets it along with the error, to use or keep.
		return next, &StoreError{Err: err}
	}
	f.opts.Logf("refreshed %s until %s", t.Name, next.ExpiresAt.Format("2006-01-02T15:04:05Z"))
	return next, nil
}

// awaitNewer waits a moment for another program's token to land after
// Identity Center refused our refresh token. A refused refresh token usually
// means another program (the AWS CLI, an SDK, another ssotray) used it a
// moment ago and is about to write the token it got; only when none arrives
// has the session really ended.
func (f *Flow) awaitNewer(ctx context.Context, t Target, used Token) (Token, bool) {
	for i := 0; ; i++ {
		if latest, ok := f.replaced(t, used); ok {
			return latest, true
		}
		if i == rotationChecks || f.opts.Clock.Wait(ctx, rotationWait) != nil {
			return Token{}, false
		}
	}
}

// replaced returns the stored token for t if it is another token than used
// (its access or refresh token differs) and has not expired. Whether it
// expires later does not matter: the cache keeps whole seconds, so two
// refreshes in the same second store the same expiry, and the one stored
// after ours was refused is the one that works.
func (f *Flow) replaced(t Target, used Token) (Token, bool) {
	latest, err := f.store.LoadToken(t)
	if err != nil || latest.AccessToken == "" {
		return Token{}, false
	}
	if latest.AccessToken == used.AccessToken && latest.RefreshToken == used.RefreshToken {
		return Token{}, false
	}
	if !f.opts.Clock.Now().Before(latest.ExpiresAt) {
		return Token{}, false
	}
	return latest, true
}

// newerThan returns the stored token for t if it is a different token that
// lasts longer than than.
func (f *Flow) newerThan(t Target, than Token) (Token, bool) {
	latest, err := f.store.LoadToken(t)
	if err != nil || latest.AccessToken == than.AccessToken {
		return Token{}, false
	}
	if !latest.ExpiresAt.After(than.ExpiresAt) || !f.opts.Clock.Now().Before(latest.ExpiresAt) {
		return Token{}, false
	}
	return latest, true
}
