package accounts

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/flow/flowtest"
)

var t0 = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

func half() float64 { return 0.5 }

func acquire(t *testing.T, l *limiter) ticket {
	t.Helper()
	tk, err := l.acquire(context.Background())
	if err != nil {
		t.Fatalf("acquire: %v", err)
	}
	return tk
}

// TestLimiterPacing: requests start one pacing interval apart, at the
// starting 10 a second.
func TestLimiterPacing(t *testing.T) {
	clock := flowtest.NewClock(t0)
	l := newLimiter(clock, 8, half)
	for range 3 {
		acquire(t, l)
	}
	if diff := cmp.Diff([]time.Duration{100 * time.Millisecond, 100 * time.Millisecond}, clock.Waits()); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	if got := l.state().Reserved; got != 3 {
		t.Errorf("reserved = %d, want 3", got)
	}
}

// TestLimiterTransitions steps the AIMD state machine one answer at a
// time.
func TestLimiterTransitions(t *testing.T) {
	clock := flowtest.NewClock(t0)
	l := newLimiter(clock, 8, half)
	steps := []struct {
		name string
		o    outcome
		want limiterState
	}{
		{"start", -1, limiterState{Rate: 10, Window: 4, SlowStart: true}},
		{"slow start: success", outcomeOK, limiterState{Rate: 14, Window: 5, SlowStart: true}},
		{"slow start: success", outcomeOK, limiterState{Rate: 18, Window: 6, SlowStart: true}},
		{"429 ends slow start, ×0.7", outcomeThrottled, limiterState{Rate: 12.6, Window: 4}},
		{"additive: 2/rate below 20/s", outcomeOK, limiterState{Rate: 12.759, Window: 4}},
		{"a 403 is an answer: success", outcomeOK, limiterState{Rate: 12.915, Window: 4}},
		{"401 or garbage: no change", outcomeNeutral, limiterState{Rate: 12.915, Window: 4}},
		{"5xx: ×0.7", outcomeFailed, limiterState{Rate: 9.041, Window: 3}},
	}
	for _, s := range steps {
		if s.o >= 0 {
			l.done(acquire(t, l), s.o, 0)
		}
		if diff := cmp.Diff(s.want, l.state()); diff != "" {
			t.Fatalf("%s (-want +got):\n%s", s.name, diff)
		}
	}
	// Above 20/s the step is 0.1 a success.
	l.rate = 50
	l.done(acquire(t, l), outcomeOK, 0)
	if got := l.state().Rate; got != 50.1 {
		t.Errorf("rate after a success at 50/s = %v, want 50.1", got)
	}
}

// TestLimiterDecreasesOncePerRound: 429s for requests sent before the last
// decrease do not decrease again.
func TestLimiterDecreasesOncePerRound(t *testing.T) {
	l := newLimiter(flowtest.NewClock(t0), 8, half)
	a, b, c := acquire(t, l), acquire(t, l), acquire(t, l)
	l.done(a, outcomeThrottled, 0)
	l.done(b, outcomeThrottled, 0)
	if got := l.state().Rate; got != 7 {
		t.Fatalf("rate after two 429s of one round = %v, want 7 (one decrease)", got)
	}
	d := acquire(t, l)
	l.done(c, outcomeThrottled, 0) // old round: no decrease
	l.done(d, outcomeThrottled, 0) // new round: decrease
	if got := l.state().Rate; got != 4.9 {
		t.Errorf("rate = %v, want 4.9 (a second decrease, for the second round only)", got)
	}
}

// TestLimiterBounds: the rate and window stay between their floors and
// ceilings.
func TestLimiterBounds(t *testing.T) {
	l := newLimiter(flowtest.NewClock(t0), 6, half)
	for range 40 {
		l.done(acquire(t, l), outcomeThrottled, 0)
	}
	if st := l.state(); st.Rate != minRate || st.Window != 1 {
		t.Errorf("after 40 rounds of 429s: %+v, want rate %v, window 1", st, minRate)
	}
	for range 5000 {
		l.done(acquire(t, l), outcomeOK, 0)
	}
	if st := l.state(); st.Window != 6 || st.Rate > maxRate {
		t.Errorf("after 5000 successes: %+v, want window 6 (MaxConcurrency), rate at most %v", st, maxRate)
	}
	if l := newLimiter(flowtest.NewClock(t0), 2, half); l.state().Window != 2 {
		t.Errorf("MaxConcurrency 2: window %d, want 2", l.state().Window)
	}
}

// TestLimiterRetryAfter: Retry-After pauses every new request that long,
// plus up to a tenth of jitter (here half of it), capped at a minute.
func TestLimiterRetryAfter(t *testing.T) {
	clock := flowtest.NewClock(t0)
	l := newLimiter(clock, 8, half)
	l.done(acquire(t, l), outcomeThrottled, 3*time.Second)
	if got, want := l.state().PauseUntil, t0.Add(3150*time.Millisecond); !got.Equal(want) {
		t.Fatalf("pause until %v, want %v", got, want)
	}
	acquire(t, l)
	if got := clock.Now(); !got.Equal(t0.Add(3150 * time.Millisecond)) {
		t.Errorf("next request started at %v, want after the pause", got)
	}
	l.done(acquire(t, l), outcomeThrottled, time.Hour)
	if got, want := l.state().PauseUntil, clock.Now().Add(time.Minute+3*time.Second); !got.Equal(want) {
		t.Errorf("an hour's Retry-After pauses until %v, want %v (capped)", got, want)
	}
}

// TestLimiterRetryDelay: a throttled request waits a jittered pacing
// interval; a failed one backs off exponentially with full jitter, capped.
func TestLimiterRetryDelay(t *testing.T) {
	l := newLimiter(flowtest.NewClock(t0), 8, half)
	for _, tt := range []struct {
		o        outcome
		failures int
		want     time.Duration
	}{
		{outcomeThrottled, 0, 50 * time.Millisecond},
		{outcomeFailed, 1, 250 * time.Millisecond},
		{outcomeFailed, 2, 500 * time.Millisecond},
		{outcomeFailed, 3, time.Second},
		{outcomeFailed, 9, 2500 * time.Millisecond},
	} {
		if got := l.retryDelay(tt.o, tt.failures); got != tt.want {
			t.Errorf("retryDelay(%d, %d) = %v, want %v", tt.o, tt.failures, got, tt.want)
		}
	}
}

// TestLimiterWindowBlocks: with the window full, acquire waits until a
// request is done, and gives up when its context ends.
func TestLimiterWindowBlocks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := newLimiter(flowtest.NewClock(t0), 1, half)
		first := acquire(t, l)
		got := make(chan error, 1)
		go func() {
			_, err := l.acquire(context.Background())
			got <- err
		}()
		synctest.Wait()
		select {
		case <-got:
			t.Fatal("a second request started with a window of 1")
		default:
		}
		l.done(first, outcomeOK, 0)
		if err := <-got; err != nil {
			t.Fatalf("acquire after done: %v", err)
		}

		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			_, err := l.acquire(ctx)
			got <- err
		}()
		synctest.Wait()
		cancel()
		if err := <-got; !errors.Is(err, context.Canceled) {
			t.Errorf("acquire after cancel = %v, want context.Canceled", err)
		}
		if r := l.state().Reserved; r != 1 {
			t.Errorf("reserved = %d, want 1 (the canceled wait holds no slot)", r)
		}
	})
}

func TestRetryAfterHeader(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want time.Duration
	}{
		{"", 0}, {"2", 2 * time.Second}, {"0", 0}, {"-3", 0}, {"soon", 0},
		{time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat), 0},
	} {
		h := http.Header{}
		if tt.v != "" {
			h.Set("Retry-After", tt.v)
		}
		if got := retryAfter(h); got != tt.want {
			t.Errorf("Retry-After %q = %v, want %v", tt.v, got, tt.want)
		}
	}
	future := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	if got := retryAfter(http.Header{"Retry-After": {future}}); got < 80*time.Second || got > 90*time.Second {
		t.Errorf("Retry-After as a date 90 s ahead = %v", got)
	}
}
