package monitor_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/monitor"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

const m = time.Minute

// scenario is one timeline of a single sign-in, corp, on the virtual clock.
type scenario struct {
	name        string
	start       *token // corp's token at t0; nil: signed out
	steps       []step
	fail        func(name string, call int) error
	lifetime    time.Duration // of refreshed tokens; default an hour
	noRefresher bool
	opts        []func(*monitor.Options)
	until       time.Duration
	// wantEvents are the events in order, as describe renders them.
	wantEvents []string
	// wantRefreshes are the Refresh calls, as "corp @45m0s".
	wantRefreshes []string
}

func (sc scenario) run(t *testing.T) (*world, monitor.Snapshot) {
	t.Helper()
	w := newWorld("corp")
	if sc.start != nil {
		w.set("corp", *sc.start)
	}
	w.fail = sc.fail
	if sc.lifetime > 0 {
		w.lifetime = sc.lifetime
	}
	var r monitor.Refresher = w
	if sc.noRefresher {
		r = nil
	}
	events, last := play(t, w, r, sc.until, sc.steps, sc.opts...)
	if diff := cmp.Diff(sc.wantEvents, events, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(sc.wantRefreshes, w.refreshLog(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Refresh calls (-want +got):\n%s", diff)
	}
	return w, last
}

func TestBackgroundRefresh(t *testing.T) {
	tests := []scenario{{
		name:  "refreshed when 15 minutes are left, polling every minute",
		start: &token{expiresAt: 60 * m, refreshable: true}, opts: []func(*monitor.Options){poll(m)}, until: 85 * m,
		wantEvents:    []string{"refreshed corp @45m0s"},
		wantRefreshes: []string{"corp @45m0s"},
	}, {
		// 45 is no multiple of 7: the monitor wakes for the refresh itself.
		name:  "refreshed on time between polls",
		start: &token{expiresAt: 60 * m, refreshable: true}, opts: []func(*monitor.Options){poll(7 * m)}, until: 85 * m,
		wantEvents:    []string{"refreshed corp @45m0s"},
		wantRefreshes: []string{"corp @45m0s"},
	}, {
		name:  "each new token is refreshed in its turn",
		start: &token{expiresAt: 60 * m, refreshable: true}, opts: []func(*monitor.Options){poll(time.Hour)}, until: 160 * m,
		wantEvents:    []string{"refreshed corp @45m0s", "refreshed corp @1h30m0s", "refreshed corp @2h15m0s"},
		wantRefreshes: []string{"corp @45m0s", "corp @1h30m0s", "corp @2h15m0s"},
	}, {
		name:  "a custom RefreshAhead",
		start: &token{expiresAt: 60 * m, refreshable: true}, until: 59 * m,
		opts:          []func(*monitor.Options){poll(time.Hour), func(o *monitor.Options) { o.RefreshAhead = 5 * m }},
		wantEvents:    []string{"refreshed corp @55m0s"},
		wantRefreshes: []string{"corp @55m0s"},
	}, {
		name:  "a token already inside the window is refreshed at once",
		start: &token{expiresAt: 10 * m, refreshable: true}, until: 5 * m,
		wantEvents:    []string{"refreshed corp @0s"},
		wantRefreshes: []string{"corp @0s"},
	}, {
		name:  "an expired token that can still refresh is refreshed",
		start: &token{expiresAt: -time.Hour, refreshable: true}, until: 5 * m,
		wantEvents:    []string{"refreshed corp @0s"},
		wantRefreshes: []string{"corp @0s"},
	}, {
		// Tokens living less than twice RefreshAhead are refreshed at half
		// their remaining life, never in a tight loop.
		name:  "short-lived tokens",
		start: &token{expiresAt: 10 * m, refreshable: true}, lifetime: 10 * m, until: 16 * m,
		wantEvents:    []string{"refreshed corp @0s", "refreshed corp @5m0s", "refreshed corp @10m0s", "refreshed corp @15m0s"},
		wantRefreshes: []string{"corp @0s", "corp @5m0s", "corp @10m0s", "corp @15m0s"},
	}, {
		name:  "a token that cannot refresh is left alone",
		start: &token{expiresAt: 60 * m}, opts: []func(*monitor.Options){func(o *monitor.Options) { o.WarnAhead = time.Minute }}, until: 58 * m,
	}, {
		name: "a signed-out sign-in is left alone", until: 60 * m,
	}, {
		// The computer slept through the expiry; the refresh on waking
		// means the session never ended for the person.
		name:  "expired while asleep, refreshed on waking: no Ended",
		start: &token{expiresAt: 60 * m, refreshable: true}, until: 150 * m,
		steps:         []step{{at: 0, do: func(w *world) { w.clock.Advance(2 * time.Hour) }}},
		wantEvents:    []string{"refreshed corp @2h1m0s"},
		wantRefreshes: []string{"corp @2h1m0s"},
	}}
	for _, sc := range tests {
		t.Run(sc.name, func(t *testing.T) { sc.run(t) })
	}
}

// A refresh re-reads at once and publishes the new expiry and when it was
// refreshed.
func TestRefreshPublishes(t *testing.T) {
	w, last := scenario{
		start: &token{expiresAt: 60 * m, refreshable: true}, opts: []func(*monitor.Options){poll(7 * m)}, until: 50 * m,
		wantEvents: []string{"refreshed corp @45m0s"}, wantRefreshes: []string{"corp @45m0s"},
	}.run(t)
	if n := w.readsAt(45 * m); n != 2 {
		t.Errorf("%d reads at 45m, want 2: before the refresh and right after", n)
	}
	corp := last.Statuses[0]
	if corp.State != signin.SignedIn || !corp.ExpiresAt.Equal(t0.Add(105*m)) {
		t.Errorf("last snapshot: corp %v until %v, want signed in until +1h45m", corp.State, corp.ExpiresAt.Sub(t0))
	}
	if got := last.Refreshed["corp"]; !got.Equal(t0.Add(45 * m)) {
		t.Errorf("Refreshed[corp] = %v, want +45m", got.Sub(t0))
	}
}

func TestRefreshFailures(t *testing.T) {
	failFirst := func(n int, err error) func(string, int) error {
		return func(_ string, call int) error {
			if call <= n {
				return err
			}
			return nil
		}
	}
	const netErr = "refresh token: connection reset by peer"
	tests := []scenario{{
		// Then 10 minutes on, also after the expiry: the refresh token may
		// well outlive the access token.
		name:  "network trouble: retried after 1, 2, 4, 8, then every 10 minutes",
		start: &token{expiresAt: 60 * m, refreshable: true}, fail: failFirst(100, transientErr), until: 85 * m,
		wantRefreshes: []string{"corp @45m0s", "corp @46m0s", "corp @48m0s", "corp @52m0s", "corp @1h0m0s", "corp @1h10m0s", "corp @1h20m0s"},
		wantEvents: []string{
			"refresh-failed corp @45m0s: " + netErr,
			"expiring-soon corp @45m0s", // the refresh may not come in time
			"refresh-failed corp @46m0s: " + netErr,
			"refresh-failed corp @48m0s: " + netErr,
			"refresh-failed corp @52m0s: " + netErr,
			"refresh-failed corp @1h0m0s: " + netErr,
			"ended corp @1h0m0s",
			"refresh-failed corp @1h10m0s: " + netErr,
			"refresh-failed corp @1h20m0s: " + netErr,
		},
	}, {
		name:  "a success after failures starts afresh",
		start: &token{expiresAt: 60 * m, refreshable: true}, fail: failFirst(2, transientErr), until: 95 * m,
		wantRefreshes: []string{"corp @45m0s", "corp @46m0s", "corp @48m0s", "corp @1h33m0s"},
		wantEvents: []string{
			"refresh-failed corp @45m0s: " + netErr,
			"expiring-soon corp @45m0s",
			"refresh-failed corp @46m0s: " + netErr,
			"refreshed corp @48m0s",
			"refreshed corp @1h33m0s",
		},
	}, {
		name:  "a failure after waking from sleep past the expiry ends the session",
		start: &token{expiresAt: 60 * m, refreshable: true}, fail: failFirst(1, transientErr), until: 2*time.Hour + 5*m,
		steps:         []step{{at: 0, do: func(w *world) { w.clock.Advance(2 * time.Hour) }}},
		wantRefreshes: []string{"corp @2h1m0s", "corp @2h2m0s"},
		wantEvents:    []string{"refresh-failed corp @2h1m0s: " + netErr, "ended corp @2h1m0s", "refreshed corp @2h2m0s"},
	}}
	// Errors that only a new sign-in cures stop the refreshing until corp
	// is signed in again (at 70m, until 2h10m), and warn in time. Polling
	// every 7 minutes shows the monitor wakes for each due time.
	for _, err := range []error{
		fmt.Errorf("refresh token: %w", flow.ErrSessionEnded), flow.ErrNotRefreshable, flow.ErrRegistrationExpired,
	} {
		tests = append(tests, scenario{
			name:  "permanent: " + err.Error(),
			start: &token{expiresAt: 60 * m, refreshable: true}, fail: failFirst(1, err), until: 115 * m,
			opts: []func(*monitor.Options){poll(7 * m), func(o *monitor.Options) {
				o.RefreshAhead, o.WarnAhead = 20*m, 10*m
			}},
			steps:         []step{{at: 70 * m, do: func(w *world) { w.set("corp", token{expiresAt: 130 * m, refreshable: true}) }}},
			wantRefreshes: []string{"corp @40m0s", "corp @1h50m0s"},
			wantEvents: []string{
				"refresh-failed corp @40m0s: " + err.Error(),
				"expiring-soon corp @50m0s",
				"ended corp @1h0m0s",
				"refreshed corp @1h50m0s",
			},
		})
	}
	for _, sc := range tests {
		t.Run(sc.name, func(t *testing.T) { sc.run(t) })
	}
}

func TestExpiringSoon(t *testing.T) {
	tests := []scenario{{
		name:  "once, WarnAhead before a session that cannot refresh ends",
		start: &token{expiresAt: 60 * m}, opts: []func(*monitor.Options){poll(7 * m)}, until: 70 * m,
		wantEvents: []string{"expiring-soon corp @45m0s", "ended corp @1h0m0s"},
	}, {
		name:  "a custom WarnAhead",
		start: &token{expiresAt: 60 * m}, until: 70 * m,
		opts:       []func(*monitor.Options){poll(time.Hour), func(o *monitor.Options) { o.WarnAhead = 5 * m }},
		wantEvents: []string{"expiring-soon corp @55m0s", "ended corp @1h0m0s"},
	}, {
		name:  "at once for a session already inside the window",
		start: &token{expiresAt: 10 * m}, until: 20 * m,
		wantEvents: []string{"expiring-soon corp @0s", "ended corp @10m0s"},
	}, {
		name:  "without a Refresher, refreshable sessions are warned about too",
		start: &token{expiresAt: 60 * m, refreshable: true}, noRefresher: true, until: 70 * m,
		wantEvents: []string{"expiring-soon corp @45m0s", "ended corp @1h0m0s"},
	}, {
		name:  "a new sign-in gets its own warning",
		start: &token{expiresAt: 60 * m}, until: 110 * m,
		steps:      []step{{at: 50 * m, do: func(w *world) { w.set("corp", token{expiresAt: 100 * m}) }}},
		wantEvents: []string{"expiring-soon corp @45m0s", "expiring-soon corp @1h25m0s", "ended corp @1h40m0s"},
	}}
	for _, sc := range tests {
		t.Run(sc.name, func(t *testing.T) { sc.run(t) })
	}
}

func TestEnded(t *testing.T) {
	eightHours := &token{expiresAt: 8 * time.Hour}
	tests := []scenario{{
		name:  "token file deleted, as aws sso logout does",
		start: eightHours, until: 20 * m,
		steps:      []step{{at: 10 * m, do: func(w *world) { w.remove("corp") }}},
		wantEvents: []string{"ended corp @10m0s"},
	}, {
		// With an hourly poll, the monitor wakes for the expiry itself.
		name:  "token expires",
		start: &token{expiresAt: 30 * m}, opts: []func(*monitor.Options){poll(time.Hour)}, until: 40 * m,
		wantEvents: []string{"expiring-soon corp @15m0s", "ended corp @30m0s"},
	}, {
		name:  "token file becomes unreadable",
		start: eightHours, until: 20 * m,
		steps:      []step{{at: 10 * m, do: func(w *world) { w.set("corp", token{unreadable: true}) }}},
		wantEvents: []string{"ended corp @10m0s: not JSON"},
	}, {
		name: "never signed in", until: 60 * m,
	}, {
		name: "expired before the monitor started", start: &token{expiresAt: -time.Hour}, until: 60 * m,
	}, {
		name: "unreadable before the monitor started", start: &token{unreadable: true}, until: 60 * m,
	}, {
		name: "signed in later, then signed out", until: 30 * m,
		steps: []step{
			{at: 5 * m, do: func(w *world) { w.set("corp", *eightHours) }},
			{at: 20 * m, do: func(w *world) { w.remove("corp") }},
		},
		wantEvents: []string{"ended corp @20m0s"},
	}, {
		name:  "removed from the config",
		start: eightHours, until: 20 * m,
		steps: []step{{at: 10 * m, do: func(w *world) { w.names = nil }}},
	}, {
		name:  "config unreadable for a while",
		start: eightHours, until: 30 * m,
		steps: []step{
			{at: 10 * m, do: func(w *world) { w.cfgErr = errors.New("config: line 3: broken") }},
			{at: 20 * m, do: func(w *world) { w.cfgErr = nil }},
		},
	}}
	for _, sc := range tests {
		t.Run(sc.name, func(t *testing.T) { sc.run(t) })
	}
}

// Snapshots go out when something a person sees changes, not at every
// read; a subscriber that reads often sees each of them.
func TestSnapshotsOnChange(t *testing.T) {
	w := newWorld("corp", "sandbox")
	w.set("corp", token{expiresAt: 8 * time.Hour, refreshable: true})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	mon := monitor.New(w, w, func(o *monitor.Options) { o.Clock = w.clock })
	var sub <-chan monitor.Snapshot
	var got []string
	w.clock.OnWait = func(n int) {
		if n == 1 {
			// Subscribing while running hands over the current snapshot.
			sub = mon.Subscribe()
			select {
			case s := <-sub:
				got = append(got, summary(s))
			default:
				t.Error("Subscribe while running: no snapshot at once")
			}
		}
		select {
		case s := <-sub:
			got = append(got, summary(s))
		default:
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		switch w.clock.Now().Sub(t0) {
		case 10 * m:
			delete(w.tokens, "corp")
		case 20 * m:
			w.tokens["sandbox"] = token{expiresAt: 8 * time.Hour}
		case 30 * m:
			w.problems = []storage.Problem{{File: "config", Line: 7, Msg: "sso_region is missing"}}
		case 40 * m:
			w.cfgErr = errors.New("config: permission denied")
		case 50 * m:
			cancel()
		}
	}
	_ = mon.Run(ctx)
	want := []string{
		"@0s corp=signed-in sandbox=signed-out",
		"@10m0s corp=signed-out sandbox=signed-out",
		"@20m0s corp=signed-out sandbox=signed-in",
		"@30m0s corp=signed-out sandbox=signed-in problems=1",
		"@40m0s err=config: permission denied",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("snapshots (-want +got):\n%s", diff)
	}
	if n := len(w.reads); n < 50 {
		t.Errorf("%d reads in 50 minutes, want one a minute at least", n)
	}
}

func summary(s monitor.Snapshot) string {
	out := fmt.Sprintf("@%v", s.At.Sub(t0))
	if s.Err != nil {
		return out + " err=" + s.Err.Error()
	}
	for _, st := range s.Statuses {
		out += fmt.Sprintf(" %s=%s", st.Name, st.State)
	}
	if len(s.Problems) > 0 {
		out += fmt.Sprintf(" problems=%d", len(s.Problems))
	}
	return out
}
