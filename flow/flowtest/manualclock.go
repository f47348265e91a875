package flowtest

import (
	"context"
	"sync"
	"time"
)

// ManualClock is a virtual clock whose Wait blocks until Advance moves the
// time past its end (or its context ends): for waits that must not pass on
// their own, such as a browser sign-in's timeout while a test plays the
// browser.
type ManualClock struct {
	mu      sync.Mutex
	cond    *sync.Cond
	now     time.Time
	waiters map[*manualWaiter]struct{}
}

type manualWaiter struct {
	until time.Time
	done  chan struct{}
}

// NewManualClock returns a clock that starts at now.
func NewManualClock(now time.Time) *ManualClock {
	c := &ManualClock{now: now, waiters: map[*manualWaiter]struct{}{}}
	c.cond = sync.NewCond(&c.mu)
	return c
}

// Now returns the virtual time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Wait blocks until the clock has been advanced by d, or ctx ends.
func (c *ManualClock) Wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil || d <= 0 {
		return err
	}
	c.mu.Lock()
	w := &manualWaiter{until: c.now.Add(d), done: make(chan struct{})}
	c.waiters[w] = struct{}{}
	c.cond.Broadcast()
	c.mu.Unlock()
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		c.mu.Lock()
		delete(c.waiters, w)
		c.cond.Broadcast()
		c.mu.Unlock()
		return ctx.Err()
	}
}

// Advance moves the clock forward by d and ends the waits that are over.
func (c *ManualClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for w := range c.waiters {
		if !w.until.After(c.now) {
			close(w.done)
			delete(c.waiters, w)
		}
	}
	c.cond.Broadcast()
}

// AwaitWaiters blocks until n waits are in progress.
func (c *ManualClock) AwaitWaiters(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.waiters) < n {
		c.cond.Wait()
	}
}
