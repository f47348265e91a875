package accounts

import (
	"context"
	"math"
	"math/rand/v2"
	"sync"
	"time"
)

// The limiter's tuning. The portal's throttle is undocumented: the quota
// page speaks of 20 requests a second for Identity Center's APIs, and people
// see 429s from ~50 accounts up when calls run in parallel (see
// ../shared/accounts-roles.md §2.1). So the limiter starts below that, finds
// the real rate by probing, and keeps probing slightly above it: a rejected
// request costs one round trip, while a rate below the throttle's wastes
// capacity that a token bucket cannot bank beyond its burst.
const (
	initialRate   = 10.0 // requests a second
	initialWindow = 4.0  // requests in flight
	minRate       = 0.5
	maxRate       = 1000.0
	// decreaseFactor scales rate and window down on a 429 (AIMD's
	// multiplicative decrease).
	decreaseFactor = 0.7
	// slowStartStep is how much each success adds to the rate until the
	// first 429: the rate doubles in a few requests, so a fast portal is
	// not listed at the starting pace.
	slowStartStep = 4.0
	// rateStep and minRateGrowth are the additive increase after the first
	// 429: each success adds rateStep requests a second, and at least enough
	// that the rate grows by minRateGrowth requests a second for each second
	// of successful calls. At 20/s both give 2/s per second: the shortfall
	// after a decrease (at most (1-decreaseFactor)·rate for
	// (1-decreaseFactor)·rate/2 seconds, ~10 requests) fits in a modest
	// server burst, so none of the throttle's capacity is lost.
	rateStep      = 0.1
	minRateGrowth = 2.0
	// maxRetryAfter caps how long a Retry-After header can pause the listing.
	maxRetryAfter = time.Minute
	// failureBackoff and maxFailureBackoff bound the exponential backoff,
	// with full jitter, after a 5xx or a network error.
	failureBackoff    = 250 * time.Millisecond
	maxFailureBackoff = 5 * time.Second
)

// outcome is what a portal call's answer says about the portal's load.
type outcome int

const (
	outcomeOK        outcome = iota // answered (including a 403): room to speed up
	outcomeThrottled                // 429: slow down
	outcomeFailed                   // 5xx or a network error: slow down
	outcomeNeutral                  // says nothing about load (401, bad reply)
)

// limiter paces and bounds the calls to the access portal, adapting to its
// throttle with AIMD as TCP does: a slow start that grows the rate quickly
// until the first 429, then additive increase
// and multiplicative decrease, at most once per round of requests (a 429 for
// a request sent before the last decrease does not decrease again). Retry-After
// pauses every new request. It is safe for concurrent use.
type limiter struct {
	clock Clock
	rand  func() float64 // in [0, 1), for jitter

	mu         sync.Mutex
	rate       float64   // requests a second
	window     float64   // requests in flight; int(window) of them
	maxWindow  float64   // the caller's MaxConcurrency
	slowStart  bool      // true until the first 429 or failure
	reserved   int       // requests waiting for their start time or running
	next       time.Time // earliest start for the next request
	pauseUntil time.Time // from a Retry-After header
	epoch      uint64    // counts decreases
	freed      chan struct{}
}

// ticket is a granted request; done takes it back.
type ticket struct{ epoch uint64 }

func newLimiter(clock Clock, maxConcurrency int, random func() float64) *limiter {
	if random == nil {
		random = rand.Float64
	}
	maxW := float64(max(1, maxConcurrency))
	return &limiter{
		clock:     clock,
		rand:      random,
		rate:      initialRate,
		window:    min(initialWindow, maxW),
		maxWindow: maxW,
		slowStart: true,
		freed:     make(chan struct{}),
	}
}

// acquire waits until a request may start: a slot in the window is free and
// the pacing interval since the previous start (and any Retry-After pause)
// has passed. Every granted ticket must be handed back to done.
func (l *limiter) acquire(ctx context.Context) (ticket, error) {
	for {
		if err := ctx.Err(); err != nil {
			return ticket{}, err
		}
		l.mu.Lock()
		if l.reserved < int(l.window) {
			now := l.clock.Now()
			start := latest(now, l.next, l.pauseUntil)
			l.next = start.Add(l.interval())
			l.reserved++
			t := ticket{epoch: l.epoch}
			l.mu.Unlock()
			if err := l.waitStart(ctx, start); err != nil {
				l.done(t, outcomeNeutral, 0)
				return ticket{}, err
			}
			return t, nil
		}
		freed := l.freed
		l.mu.Unlock()
		select {
		case <-freed:
		case <-ctx.Done():
		}
	}
}

// waitStart waits until start, or until a Retry-After pause that began
// meanwhile is over.
func (l *limiter) waitStart(ctx context.Context, start time.Time) error {
	for {
		l.mu.Lock()
		until := latest(start, l.pauseUntil)
		l.mu.Unlock()
		d := until.Sub(l.clock.Now())
		if d <= 0 {
			return ctx.Err()
		}
		if err := l.clock.Wait(ctx, d); err != nil {
			return err
		}
	}
}

// done hands back t with what the portal answered; retryAfter is the
// Retry-After header's delay, or 0.
func (l *limiter) done(t ticket, o outcome, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reserved--
	close(l.freed)
	l.freed = make(chan struct{})
	switch o {
	case outcomeOK:
		if l.slowStart {
			l.rate += slowStartStep
			l.window++
		} else {
			l.rate += max(rateStep, minRateGrowth/l.rate)
			l.window += 1 / l.window
		}
		l.rate = min(l.rate, maxRate)
		l.window = min(l.window, l.maxWindow)
	case outcomeThrottled, outcomeFailed:
		if retryAfter > 0 {
			d := min(retryAfter, maxRetryAfter)
			// Jitter: up to a tenth more, so that clients told the same
			// moment do not all return at once.
			d += time.Duration(l.rand() * float64(d) / 10)
			l.pauseUntil = latest(l.pauseUntil, l.clock.Now().Add(d))
		}
		if t.epoch != l.epoch {
			return // sent before the last decrease, which already answered this
		}
		l.epoch++
		l.slowStart = false
		l.rate = max(minRate, l.rate*decreaseFactor)
		l.window = max(1, l.window*decreaseFactor)
	}
}

// retryDelay is how long a request waits before it asks acquire again after
// outcome o, the failures-th failure in a row for 5xx and network errors. A
// throttled request waits a jittered pacing interval (the pacing does the
// rest); a failed one backs off exponentially with full jitter.
func (l *limiter) retryDelay(o outcome, failures int) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if o == outcomeThrottled {
		return time.Duration(l.rand() * float64(l.interval()))
	}
	ceiling := min(maxFailureBackoff, failureBackoff<<min(failures, 10))
	return time.Duration(l.rand() * float64(ceiling))
}

// interval is the pacing gap between request starts. l.mu must be held.
func (l *limiter) interval() time.Duration {
	return time.Duration(float64(time.Second) / l.rate)
}

// limiterState is a snapshot for tests and log lines.
type limiterState struct {
	Rate       float64
	Window     int
	SlowStart  bool
	Reserved   int
	PauseUntil time.Time
}

func (l *limiter) state() limiterState {
	l.mu.Lock()
	defer l.mu.Unlock()
	return limiterState{
		Rate:       math.Round(l.rate*1000) / 1000,
		Window:     int(l.window),
		SlowStart:  l.slowStart,
		Reserved:   l.reserved,
		PauseUntil: l.pauseUntil,
	}
}

func latest(t time.Time, ts ...time.Time) time.Time {
	for _, u := range ts {
		if u.After(t) {
			t = u
		}
	}
	return t
}
