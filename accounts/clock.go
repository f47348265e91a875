package accounts

import (
	"context"
	"time"
)

// Clock tells the time and waits. Fetch and GetCredentials never read the
// wall clock or sleep except through it, so tests run in virtual time. It
// has the shape of flow.Clock, so flowtest.Clock fits.
type Clock interface {
	Now() time.Time
	// Wait returns after d, or early with ctx.Err() when ctx ends.
	Wait(ctx context.Context, d time.Duration) error
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Wait(ctx context.Context, d time.Duration) error {
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
