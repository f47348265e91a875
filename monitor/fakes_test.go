package monitor_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/monitor"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// token is what a fake token file holds.
type token struct {
	expiresAt   time.Duration // from t0
	refreshable bool
	unreadable  bool
}

// world is a fake config and token cache on a virtual clock: a Lister and
// a Refresher that records when it was called.
type world struct {
	clock *flowtest.Clock

	mu        sync.Mutex
	names     []string
	tokens    map[string]token
	cfgErr    error
	problems  []storage.Problem
	fail      func(name string, call int) error // nil: every refresh succeeds
	lifetime  time.Duration                     // of a refreshed token
	calls     map[string]int
	reads     []time.Duration
	refreshes []string
}

func newWorld(names ...string) *world {
	return &world{
		clock: flowtest.NewClock(t0), names: names,
		tokens: map[string]token{}, calls: map[string]int{}, lifetime: time.Hour,
	}
}

// Statuses reads the fake cache as signin.Manager reads the real one.
func (w *world) Statuses() ([]signin.Status, *storage.Config, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.clock.Now()
	w.reads = append(w.reads, now.Sub(t0))
	if w.cfgErr != nil {
		return nil, nil, w.cfgErr
	}
	cfg := &storage.Config{Problems: w.problems}
	var out []signin.Status
	for _, name := range w.names {
		in := storage.SignIn{
			Name: name, Kind: storage.KindSSOSession, StartURL: "https://d-1234567890.awsapps.com/start",
			Region: "eu-west-1", Profiles: []string{name + "-dev"}, CacheKey: name,
		}
		cfg.SignIns = append(cfg.SignIns, in)
		s := signin.Status{SignIn: in, CacheFile: "/cache/" + name + ".json"}
		tok, ok := w.tokens[name]
		switch {
		case !ok:
			s.State = signin.SignedOut
		case tok.unreadable:
			s.State, s.Problem = signin.Unreadable, errors.New("not JSON")
		default:
			s.ExpiresAt, s.Refreshable = t0.Add(tok.expiresAt), tok.refreshable
			s.State = signin.SignedIn
			if !now.Before(s.ExpiresAt) {
				s.State = signin.Expired
			}
		}
		out = append(out, s)
	}
	return out, cfg, nil
}

// Refresh gives name a token for w.lifetime, unless w.fail says no.
func (w *world) Refresh(_ context.Context, name string) (flow.Token, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	now := w.clock.Now().Sub(t0)
	w.calls[name]++
	w.refreshes = append(w.refreshes, fmt.Sprintf("%s @%v", name, now))
	if w.fail != nil {
		if err := w.fail(name, w.calls[name]); err != nil {
			return flow.Token{}, err
		}
	}
	tok := token{expiresAt: now + w.lifetime, refreshable: true}
	w.tokens[name] = tok
	return flow.Token{AccessToken: "secret", ExpiresAt: t0.Add(tok.expiresAt)}, nil
}

func (w *world) set(name string, tok token) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.tokens[name] = tok
}

func (w *world) remove(name string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.tokens, name)
}

func (w *world) readsAt(d time.Duration) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, r := range w.reads {
		if r == d {
			n++
		}
	}
	return n
}

func (w *world) refreshLog() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string{}, w.refreshes...)
}

// step changes the world once the virtual clock reaches at.
type step struct {
	at time.Duration
	do func(w *world)
}

// play runs a monitor over w on the virtual clock until it reaches until,
// applying steps on the way, and returns every event (described) and the
// last snapshot published.
func play(t *testing.T, w *world, r monitor.Refresher, until time.Duration, steps []step, optFns ...func(*monitor.Options)) ([]string, monitor.Snapshot) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	next := 0
	w.clock.OnWait = func(n int) {
		now := w.clock.Now().Sub(t0)
		for next < len(steps) && now >= steps[next].at {
			steps[next].do(w)
			next++
		}
		if now >= until || n > 100_000 {
			cancel()
		}
	}
	m := monitor.New(w, r, append([]func(*monitor.Options){func(o *monitor.Options) { o.Clock = w.clock }}, optFns...)...)
	snaps := m.Subscribe()
	if err := m.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	if n := len(w.clock.Waits()); n > 100_000 {
		t.Fatalf("the monitor spun: %d waits", n)
	}
	var last monitor.Snapshot
	for s := range snaps {
		last = s
	}
	var events []string
	for e := range m.Events() {
		events = append(events, describe(e))
	}
	return events, last
}

// describe renders an event for comparison: "ended corp @1h0m0s".
func describe(e monitor.Event) string {
	s := fmt.Sprintf("%v %s @%v", e.Kind, e.Name, e.At.Sub(t0))
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func poll(d time.Duration) func(*monitor.Options) {
	return func(o *monitor.Options) { o.Poll = d }
}

// transientErr is a refresh that failed on the network.
var transientErr = &flow.APIError{Op: "refresh token", Err: errors.New("connection reset by peer")}
