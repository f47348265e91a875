package monitor_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/monitor"
	"github.com/ssotray/ssotray/signin"
)

// A subscriber that never reads finds the latest snapshot only, and the
// channel closed once Run ends; so does one that subscribes afterwards.
func TestSubscribeLatestWins(t *testing.T) {
	w := newWorld("corp")
	steps := []step{
		{at: 10 * m, do: func(w *world) { w.set("corp", token{expiresAt: 8 * time.Hour}) }},
		{at: 20 * m, do: func(w *world) { w.remove("corp") }},
		{at: 30 * m, do: func(w *world) { w.set("corp", token{expiresAt: 9 * time.Hour}) }},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	next := 0
	w.clock.OnWait = func(int) {
		now := w.clock.Now().Sub(t0)
		for next < len(steps) && now >= steps[next].at {
			steps[next].do(w)
			next++
		}
		if now >= 40*m {
			cancel()
		}
	}
	mon := monitor.New(w, w, func(o *monitor.Options) { o.Clock = w.clock })
	before := mon.Subscribe()
	if err := mon.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v", err)
	}
	after := mon.Subscribe()
	for name, ch := range map[string]<-chan monitor.Snapshot{"before Run": before, "after Run": after} {
		var got []string
		for s := range ch {
			got = append(got, summary(s))
		}
		if diff := cmp.Diff([]string{"@30m0s corp=signed-in"}, got); diff != "" {
			t.Errorf("subscribed %s (-want +got):\n%s", name, diff)
		}
	}
}

// With nobody reading, the event buffer keeps the newest 64 events.
func TestEventsDropOldest(t *testing.T) {
	// 100 sessions that cannot refresh end a minute apart: 200 events.
	var names []string
	for i := range 100 {
		names = append(names, fmt.Sprintf("s%02d", i))
	}
	w := newWorld(names...)
	for i, name := range names {
		w.set(name, token{expiresAt: time.Duration(20+i) * m})
	}
	got, _ := play(t, w, w, 125*m, nil)

	var all []string
	for minute := 5; minute <= 119; minute++ {
		at := time.Duration(minute) * m
		if i := minute - 20; i >= 0 && i < 100 {
			all = append(all, fmt.Sprintf("ended %s @%v", names[i], at))
		}
		if i := minute - 5; i < 100 {
			all = append(all, fmt.Sprintf("expiring-soon %s @%v", names[i], at))
		}
	}
	if len(all) != 200 {
		t.Fatalf("the test expects %d events, want 200", len(all))
	}
	if diff := cmp.Diff(all[len(all)-64:], got); diff != "" {
		t.Errorf("events kept (-want +got):\n%s", diff)
	}
}

// heldClock waits until the wait is interrupted, as a real clock would for
// an hour-long poll.
type heldClock struct{ *flowtest.Clock }

func (heldClock) Wait(ctx context.Context, _ time.Duration) error {
	<-ctx.Done()
	return ctx.Err()
}

// Poke re-reads at once, without waiting for the poll.
func TestPoke(t *testing.T) {
	w := newWorld("corp")
	mon := monitor.New(w, w, func(o *monitor.Options) { o.Clock = heldClock{w.clock} })
	snaps := mon.Subscribe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- mon.Run(ctx) }()

	if s := receive(t, snaps); s.Statuses[0].State != signin.SignedOut {
		t.Fatalf("first snapshot: %s", summary(s))
	}
	w.set("corp", token{expiresAt: 8 * time.Hour}) // signed in by the app
	mon.Poke()
	mon.Poke() // coalesced, or a harmless second read
	if s := receive(t, snaps); s.Statuses[0].State != signin.SignedIn || !s.At.Equal(t0) {
		t.Errorf("after Poke: %s, want corp signed in with no time passed", summary(s))
	}
	w.remove("corp")
	mon.Poke()
	if s := receive(t, snaps); s.Statuses[0].State != signin.SignedOut {
		t.Errorf("after the second Poke: %s", summary(s))
	}
	if e := <-mon.Events(); describe(e) != "ended corp @0s" {
		t.Errorf("event %s", describe(e))
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v", err)
	}
	if n := len(w.reads); n < 3 || n > 5 {
		t.Errorf("%d reads for 3 Pokes", n)
	}
}

// receive waits for a snapshot; the monitor runs on a virtual clock, so it
// comes at once unless the monitor is broken.
func receive(t *testing.T, ch <-chan monitor.Snapshot) monitor.Snapshot {
	t.Helper()
	select {
	case s, ok := <-ch:
		if !ok {
			t.Fatal("subscription closed")
		}
		return s
	case <-time.After(10 * time.Second):
		t.Fatal("no snapshot")
	}
	return monitor.Snapshot{}
}

func TestRunEnds(t *testing.T) {
	t.Run("returns ctx.Err() and closes every channel", func(t *testing.T) {
		w := newWorld("corp")
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		defer cancel()
		mon := monitor.New(w, w, func(o *monitor.Options) { o.Clock = heldClock{w.clock} })
		snaps := mon.Subscribe()
		done := make(chan error)
		go func() { done <- mon.Run(ctx) }()
		receive(t, snaps)
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
		if _, ok := <-snaps; ok {
			t.Error("subscription still open")
		}
		if _, ok := <-mon.Events(); ok {
			t.Error("events still open")
		}
		if err := mon.Run(context.Background()); err == nil {
			t.Error("a second Run did not fail")
		}
	})
	t.Run("a deadline", func(t *testing.T) {
		w := newWorld("corp")
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		defer cancel()
		mon := monitor.New(w, w, func(o *monitor.Options) { o.Clock = w.clock })
		if err := mon.Run(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Run = %v, want context.DeadlineExceeded", err)
		}
	})
	t.Run("no Lister", func(t *testing.T) {
		mon := monitor.New(nil, nil)
		snaps := mon.Subscribe()
		if err := mon.Run(context.Background()); err == nil {
			t.Error("Run without a Lister did not fail")
		}
		if _, ok := <-snaps; ok {
			t.Error("subscription still open")
		}
	})
}

func TestKindString(t *testing.T) {
	tests := []struct {
		kind monitor.Kind
		want string
	}{
		{monitor.Refreshed, "refreshed"},
		{monitor.RefreshFailed, "refresh-failed"},
		{monitor.ExpiringSoon, "expiring-soon"},
		{monitor.Ended, "ended"},
		{monitor.Kind(-1), "unknown"},
		{monitor.Kind(99), "unknown"},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(tt.kind), got, tt.want)
		}
	}
}
