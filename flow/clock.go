package flow

import (
	"context"
	"time"
)

// Clock tells the time and waits. The flow never reads the wall clock or
// sleeps except through it, so tests can run virtual time.
type Clock interface {
	Now() time.Time
	// Wait returns after d, or early with ctx.Err() when ctx ends.
	Wait(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns time.Now().
func (RealClock) Now() time.Time { return time.Now() }

// Wait sleeps for d unless ctx ends first.
func (RealClock) Wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
