package flowtest

import (
	"context"
	"sync"
	"time"
)

// Clock is a virtual clock: Wait advances it at once instead of sleeping,
// and records every wait asked for.
type Clock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
	// OnWait, if set, runs after each Wait has advanced the clock, with the
	// number of waits so far; tests use it to approve, cancel or fail at a
	// chosen moment.
	OnWait func(n int)
}

// NewClock returns a clock that starts at now.
func NewClock(now time.Time) *Clock { return &Clock{now: now} }

// Now returns the virtual time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Wait advances the clock by d unless ctx has already ended.
func (c *Clock) Wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.waits = append(c.waits, d)
	n, hook := len(c.waits), c.OnWait
	c.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	return ctx.Err()
}

// Waits returns every wait asked for, in order.
func (c *Clock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}
