package monitor

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/signin"
)

// eventBuffer is how many events wait for a reader before the oldest go.
const eventBuffer = 64

// Monitor keeps watch over every sign-in. Its methods are safe for
// concurrent use; Run may be called once.
type Monitor struct {
	lister    Lister
	refresher Refresher
	opts      Options
	events    chan Event

	mu        sync.Mutex
	started   bool
	done      bool
	subs      []chan Snapshot
	latest    *Snapshot
	poked     bool
	interrupt context.CancelFunc // ends the current wait; nil when not waiting
	dropped   int

	// Owned by Run's goroutine.
	track tracker
}

// New returns a Monitor that reads statuses through l and refreshes through
// r; a nil r refreshes nothing. *signin.Manager is both.
func New(l Lister, r Refresher, optFns ...func(*Options)) *Monitor {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	if o.Clock == nil {
		o.Clock = flow.RealClock{}
	}
	if o.Poll <= 0 {
		o.Poll = DefaultPoll
	}
	if o.RefreshAhead <= 0 {
		o.RefreshAhead = DefaultRefreshAhead
	}
	if o.WarnAhead <= 0 {
		o.WarnAhead = DefaultWarnAhead
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return &Monitor{
		lister: l, refresher: r, opts: o,
		events: make(chan Event, eventBuffer),
		track:  newTracker(),
	}
}

// Run watches until ctx ends and returns ctx.Err(). When it returns, every
// channel from Subscribe and Events is closed and the directory watcher is
// gone.
func (m *Monitor) Run(ctx context.Context) error {
	m.mu.Lock()
	if m.started {
		m.mu.Unlock()
		return errors.New("monitor: Run called twice")
	}
	m.started = true
	m.mu.Unlock()
	defer m.finish()
	if m.lister == nil {
		return errors.New("monitor: no Lister")
	}
	if m.opts.WatchDir != "" {
		// The watch is set up before the first read, so no change after
		// the first snapshot can slip by.
		w, err := newDirWatch(m.opts.WatchDir, m.Poke, m.opts.Logf)
		if err != nil {
			m.opts.Logf("monitor: cannot watch %s, re-reading every %v instead: %v", m.opts.WatchDir, m.opts.Poll, err)
		} else {
			wctx, cancel := context.WithCancel(ctx)
			stopped := make(chan struct{})
			go func() {
				defer close(stopped)
				w.run(wctx)
			}()
			defer func() {
				cancel()
				<-stopped
			}()
		}
	}
	return m.loop(ctx)
}

// Subscribe returns a channel of snapshots. It holds the current snapshot
// at once if there is one; after that a new snapshot comes whenever
// something a person would see changes. A subscriber that falls behind
// misses the snapshots in between, never the latest. The channel is closed
// when Run ends.
func (m *Monitor) Subscribe() <-chan Snapshot {
	ch := make(chan Snapshot, 1)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.latest != nil {
		ch <- *m.latest
	}
	if m.done {
		close(ch)
		return ch
	}
	m.subs = append(m.subs, ch)
	return ch
}

// Events returns the channel of events. It holds up to 64 unread events;
// when it is full the oldest is dropped, so the monitor never waits for a
// reader. Every call returns the same channel, which is closed when Run
// ends.
func (m *Monitor) Events() <-chan Event { return m.events }

// Poke makes the monitor re-read now, for example after the app signed in
// or out. Pokes that arrive before the re-read are coalesced into it.
func (m *Monitor) Poke() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.poked = true
	if m.interrupt != nil {
		m.interrupt()
	}
}

// loop reads, publishes, acts and waits until ctx ends.
func (m *Monitor) loop(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		m.mu.Lock()
		m.poked = false // a Poke from now on asks for another read
		m.mu.Unlock()

		statuses, cfg, err := m.lister.Statuses()
		now := m.opts.Clock.Now()
		snap := &Snapshot{At: now, Err: err}
		var ended []Event
		if err == nil {
			snap.Statuses = statuses
			if cfg != nil {
				snap.Problems = cfg.Problems
			}
			ended = m.track.observe(now, statuses)
		} else {
			// An unreadable config (mid-edit, perhaps) ends no session.
			statuses = nil
		}
		snap.Refreshed = m.track.refreshedCopy()
		m.publish(snap)

		refreshed, stop := m.refreshDue(ctx, statuses)
		if stop != nil {
			return stop
		}
		// A session that expired while the computer slept and is refreshed
		// now did not end for the person: no Ended, no "sign in" prompt.
		for _, e := range ended {
			if !refreshed[e.Name] {
				m.emit(e)
			}
		}
		if len(refreshed) > 0 {
			continue // read the new tokens at once
		}
		m.warn(now, statuses)
		if err := m.wait(ctx, m.next(now, statuses)); err != nil {
			return err
		}
	}
}

// refreshDue refreshes every token whose refresh is due, one at a time. It
// returns the names refreshed, and ctx's error once ctx has ended.
func (m *Monitor) refreshDue(ctx context.Context, statuses []signin.Status) (map[string]bool, error) {
	if m.refresher == nil {
		return nil, nil
	}
	var refreshed map[string]bool
	for _, s := range statuses {
		at, ok := m.track.refreshAt(s, m.opts.RefreshAhead)
		if !ok || m.opts.Clock.Now().Before(at) {
			continue
		}
		tok, err := m.refresher.Refresh(ctx, s.Name)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		now := m.opts.Clock.Now()
		if err != nil {
			stopped := m.track.failed(s, now, err)
			m.opts.Logf("monitor: refresh of %s failed (will retry: %v): %v", s.Name, !stopped, err)
			m.emit(Event{Kind: RefreshFailed, Name: s.Name, ExpiresAt: s.ExpiresAt, Err: err, At: now})
			continue
		}
		m.track.succeeded(s.Name, now)
		m.opts.Logf("monitor: refreshed %s", s.Name)
		m.emit(Event{Kind: Refreshed, Name: s.Name, ExpiresAt: tok.ExpiresAt, At: now})
		if refreshed == nil {
			refreshed = map[string]bool{}
		}
		refreshed[s.Name] = true
	}
	return refreshed, nil
}

// warn sends ExpiringSoon for each session that will end within WarnAhead
// and will not be refreshed.
func (m *Monitor) warn(now time.Time, statuses []signin.Status) {
	for _, s := range statuses {
		at, ok := m.track.warnAt(s, m.opts.WarnAhead, m.refresher != nil)
		if !ok || now.Before(at) || !now.Before(s.ExpiresAt) {
			continue
		}
		m.track.warned[s.Name] = s.ExpiresAt
		m.emit(Event{Kind: ExpiringSoon, Name: s.Name, ExpiresAt: s.ExpiresAt, At: now})
	}
}

// next returns how long to wait: until the next refresh, warning or expiry
// due, and at most Poll.
func (m *Monitor) next(now time.Time, statuses []signin.Status) time.Duration {
	next := now.Add(m.opts.Poll)
	consider := func(t time.Time) {
		// Only times still ahead: a time already passed that nothing acted
		// on must not make the loop spin.
		if t.After(now) && t.Before(next) {
			next = t
		}
	}
	for _, s := range statuses {
		if m.refresher != nil {
			if at, ok := m.track.refreshAt(s, m.opts.RefreshAhead); ok {
				consider(at)
			}
		}
		if s.State != signin.SignedIn {
			continue
		}
		consider(s.ExpiresAt)
		if at, ok := m.track.warnAt(s, m.opts.WarnAhead, m.refresher != nil); ok {
			consider(at)
		}
	}
	return next.Sub(now)
}

// wait waits d on the clock, ending early on Poke. It returns ctx's error
// once ctx has ended.
func (m *Monitor) wait(ctx context.Context, d time.Duration) error {
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	m.mu.Lock()
	if m.poked {
		m.mu.Unlock()
		return ctx.Err()
	}
	m.interrupt = cancel
	m.mu.Unlock()
	_ = m.opts.Clock.Wait(wctx, d) // its error is wctx's: a Poke or ctx
	m.mu.Lock()
	m.interrupt = nil
	m.mu.Unlock()
	return ctx.Err()
}

// publish hands snap to every subscriber if a person would see a change.
func (m *Monitor) publish(snap *Snapshot) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.latest != nil && sameView(m.latest, snap) {
		return
	}
	m.latest = snap
	for _, ch := range m.subs {
		// Latest wins: replace an unread snapshot. Only the monitor sends,
		// under m.mu, so after the drain there is room.
		select {
		case <-ch:
		default:
		}
		select {
		case ch <- *snap:
		default:
		}
	}
}

// emit queues e, dropping the oldest event when the buffer is full.
func (m *Monitor) emit(e Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for {
		select {
		case m.events <- e:
			return
		default:
		}
		select {
		case <-m.events:
			m.dropped++
			if m.dropped == 1 || m.dropped%100 == 0 {
				m.opts.Logf("monitor: nobody reads events; %d dropped", m.dropped)
			}
		default:
		}
	}
}

// finish closes every channel; later subscribers get the last snapshot and
// a closed channel.
func (m *Monitor) finish() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.done = true
	for _, ch := range m.subs {
		close(ch)
	}
	m.subs = nil
	close(m.events)
}
