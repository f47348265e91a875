package signin

import (
	"errors"
	"time"

	"github.com/ssotray/ssotray/storage"
)

// State is what a sign-in's token cache says.
type State string

// The states a sign-in can be in.
const (
	SignedIn   State = "signed-in"  // a token that has not expired
	Expired    State = "expired"    // a token whose time is up
	SignedOut  State = "signed-out" // no token file
	Unreadable State = "unreadable" // a token file that cannot be used
)

// expiryMargin treats a token as expired a little early, as x/oauth2 does, so
// nothing is handed a token that dies in flight.
const (
	expiryMargin       = 10 * time.Second
	defaultCallTimeout = 30 * time.Second
)

// Status is one sign-in and what its token cache holds.
type Status struct {
	storage.SignIn
	State       State
	ExpiresAt   time.Time // zero when there is no readable token
	Refreshable bool
	CacheFile   string
	// Problem says why the cache file is unreadable; it never quotes the file.
	Problem error
}

// Remaining returns the time left at now, or 0 once expired.
func (s Status) Remaining(now time.Time) time.Duration {
	if s.ExpiresAt.IsZero() || !now.Before(s.ExpiresAt) {
		return 0
	}
	return s.ExpiresAt.Sub(now)
}

// statusOf reads the cache for one sign-in.
func statusOf(cache *storage.TokenCache, in storage.SignIn, now time.Time) Status {
	s := Status{SignIn: in, CacheFile: cache.Path(in.CacheKey)}
	tok, err := cache.Load(in.CacheKey)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		s.State = SignedOut
	case err != nil:
		s.State, s.Problem = Unreadable, err
	default:
		s.ExpiresAt = tok.ExpiresAt
		s.Refreshable = tok.Refreshable(now)
		s.State = SignedIn
		if !now.Add(expiryMargin).Before(tok.ExpiresAt) {
			s.State = Expired
		}
	}
	return s
}
