package monitor

import (
	"errors"
	"maps"
	"time"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/signin"
)

// Background refresh pacing.
const (
	// retryFirst is the wait after a first failed refresh; it doubles with
	// each further failure up to retryMax.
	retryFirst = time.Minute
	retryMax   = 10 * time.Minute
	// minRefreshGap is the least time between two refreshes of one
	// sign-in, so a service that hands out short tokens cannot make the
	// monitor refresh in a tight loop.
	minRefreshGap = time.Minute
)

// tracker is what the monitor remembers about each sign-in between reads,
// by name. Only Run's goroutine uses it.
type tracker struct {
	seen      map[string]signin.Status // the last status read
	retries   map[string]*retryState   // failed refreshes of the current token
	warned    map[string]time.Time     // the ExpiresAt an ExpiringSoon was sent for
	refreshed map[string]time.Time     // the last successful background refresh
}

// retryState is a run of failed refreshes of one token.
type retryState struct {
	expiresAt time.Time // the token's expiry: a new token starts afresh
	failures  int
	next      time.Time // no retry before this
	stopped   bool      // the token cannot be refreshed any more
}

func newTracker() tracker {
	return tracker{
		seen:      map[string]signin.Status{},
		retries:   map[string]*retryState{},
		warned:    map[string]time.Time{},
		refreshed: map[string]time.Time{},
	}
}

// observe takes in a new read. It returns an Ended event for each session
// that was signed in at the last read and is not any more, and forgets
// sign-ins that left the config and failures of tokens that were replaced.
func (t *tracker) observe(now time.Time, statuses []signin.Status) []Event {
	var ended []Event
	present := make(map[string]bool, len(statuses))
	for _, s := range statuses {
		present[s.Name] = true
		if prev, ok := t.seen[s.Name]; ok && prev.State == signin.SignedIn && s.State != signin.SignedIn {
			e := Event{Kind: Ended, Name: s.Name, ExpiresAt: prev.ExpiresAt, At: now}
			if s.State == signin.Unreadable {
				e.Err = s.Problem
			}
			ended = append(ended, e)
		}
		if r := t.retries[s.Name]; r != nil && !r.expiresAt.Equal(s.ExpiresAt) {
			delete(t.retries, s.Name) // signed in again: try afresh
		}
		t.seen[s.Name] = s
	}
	maps.DeleteFunc(t.seen, func(name string, _ signin.Status) bool { return !present[name] })
	maps.DeleteFunc(t.retries, func(name string, _ *retryState) bool { return !present[name] })
	maps.DeleteFunc(t.warned, func(name string, _ time.Time) bool { return !present[name] })
	maps.DeleteFunc(t.refreshed, func(name string, _ time.Time) bool { return !present[name] })
	return ended
}

// refreshAt returns when s's token is due for a background refresh, and
// false when it will not be refreshed.
func (t *tracker) refreshAt(s signin.Status, ahead time.Duration) (time.Time, bool) {
	if !s.Refreshable || (s.State != signin.SignedIn && s.State != signin.Expired) {
		return time.Time{}, false
	}
	r := t.retries[s.Name]
	if r != nil && r.stopped {
		return time.Time{}, false
	}
	at := s.ExpiresAt.Add(-ahead)
	if last, ok := t.refreshed[s.Name]; ok {
		// A token that lives less than twice ahead is refreshed at half
		// its remaining life instead of at once.
		at = later(at, last.Add(max(s.ExpiresAt.Sub(last)/2, minRefreshGap)))
	}
	if r != nil {
		at = later(at, r.next)
	}
	return at, true
}

// warnAt returns when an ExpiringSoon is due for s, and false when none is:
// s is not signed in, was warned about already, or will be refreshed.
func (t *tracker) warnAt(s signin.Status, ahead time.Duration, canRefresh bool) (time.Time, bool) {
	if s.State != signin.SignedIn {
		return time.Time{}, false
	}
	if w, ok := t.warned[s.Name]; ok && w.Equal(s.ExpiresAt) {
		return time.Time{}, false
	}
	if canRefresh && s.Refreshable {
		// Warn only once refreshing has failed: for good, or for now
		// with the end in sight.
		if r := t.retries[s.Name]; r == nil || r.failures == 0 {
			return time.Time{}, false
		}
	}
	return s.ExpiresAt.Add(-ahead), true
}

// failed records a failed refresh of s's token at now and reports whether
// the monitor stops trying for this token.
func (t *tracker) failed(s signin.Status, now time.Time, err error) (stopped bool) {
	r := t.retries[s.Name]
	if r == nil {
		r = &retryState{expiresAt: s.ExpiresAt}
		t.retries[s.Name] = r
	}
	r.failures++
	if permanent(err) {
		r.stopped = true
		return true
	}
	r.next = now.Add(backoff(r.failures))
	return false
}

// succeeded records a successful refresh of name at now.
func (t *tracker) succeeded(name string, now time.Time) {
	t.refreshed[name] = now
	delete(t.retries, name)
}

func (t *tracker) refreshedCopy() map[string]time.Time {
	return maps.Clone(t.refreshed)
}

// permanent reports whether err means the token cannot be refreshed however
// often the monitor tries; only a new sign-in helps. Every other error
// (network trouble, throttling, a server error, a file that could not be
// written) is retried with backoff.
func permanent(err error) bool {
	return errors.Is(err, flow.ErrSessionEnded) || errors.Is(err, flow.ErrNotRefreshable) ||
		errors.Is(err, flow.ErrRegistrationExpired)
}

// backoff returns the wait after the nth failure in a row: 1, 2, 4, 8, then
// 10 minutes.
func backoff(n int) time.Duration {
	d := retryFirst
	for i := 1; i < n && d < retryMax; i++ {
		d *= 2
	}
	return min(d, retryMax)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
