package cli

import (
	"context"
	"os"
	"strings"
	"syscall"
	"testing"
	"testing/synctest"
	"time"
)

// After SIGINT or SIGTERM a command ends with 128 plus the signal's number:
// at once when it honours its context, after signalGrace when it is stuck
// in a call that does not, and as it ends when it succeeds anyway.
func TestRunUntilSignal(t *testing.T) {
	// stuck ignores ctx until the test lets it go (synctest wants every
	// goroutine of its bubble ended).
	var release chan struct{}
	stuck := func(ctx context.Context) int { <-release; return ExitFailed }
	honours := func(ctx context.Context) int { <-ctx.Done(); return ExitCancelled }
	finishes := func(ctx context.Context) int { <-ctx.Done(); return ExitOK }
	tests := []struct {
		name     string
		sig      os.Signal
		run      func(context.Context) int
		want     int
		wantTook time.Duration
		wantSaid bool
	}{
		{name: "SIGINT, stuck", sig: os.Interrupt, run: stuck, want: 130, wantTook: signalGrace, wantSaid: true},
		{name: "SIGTERM, stuck", sig: syscall.SIGTERM, run: stuck, want: 143, wantTook: signalGrace, wantSaid: true},
		{name: "SIGINT, honours ctx", sig: os.Interrupt, run: honours, want: 130},
		{name: "SIGTERM, honours ctx", sig: syscall.SIGTERM, run: honours, want: 143},
		{name: "SIGTERM, done anyway", sig: syscall.SIGTERM, run: finishes, want: ExitOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				release = make(chan struct{})
				defer close(release)
				sigs := make(chan os.Signal, 1)
				var stderr strings.Builder
				done := make(chan int, 1)
				go func() { done <- runUntilSignal(context.Background(), &stderr, sigs, tc.run) }()
				synctest.Wait()
				start := time.Now()
				sigs <- tc.sig
				code := <-done
				if took := time.Since(start); code != tc.want || took != tc.wantTook {
					t.Errorf("exit %d after %s, want %d after %s", code, took, tc.want, tc.wantTook)
				}
				if said := strings.Contains(stderr.String(), "cancelled"); said != tc.wantSaid {
					t.Errorf("stderr %q", stderr.String())
				}
			})
		})
	}
}

// A second signal ends a stuck command without waiting for the grace.
func TestRunUntilSecondSignal(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		sigs := make(chan os.Signal, 2)
		done := make(chan int, 1)
		go func() {
			done <- runUntilSignal(context.Background(), &strings.Builder{}, sigs, func(context.Context) int { <-release; return ExitFailed })
		}()
		start := time.Now()
		sigs <- os.Interrupt
		sigs <- os.Interrupt
		if code := <-done; code != ExitCancelled || time.Since(start) != 0 {
			t.Errorf("exit %d after %s", code, time.Since(start))
		}
	})
}
