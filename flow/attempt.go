package flow

import (
	"context"
	"sync"
)

// Attempt is one sign-in running in the background. Its states go to every
// subscriber; a subscriber that falls behind gets the latest state, never a
// stale one, and never blocks the attempt.
type Attempt struct {
	cancel context.CancelFunc
	done   chan struct{}

	mu    sync.Mutex
	state State
	subs  []chan State
	tok   Token
	err   error
	ended bool
}

// Start begins signing in to t with m (Auto: DefaultMethod) in the
// background.
func (f *Flow) Start(ctx context.Context, t Target, m Method) *Attempt {
	ctx, cancel := context.WithCancel(ctx)
	a := &Attempt{cancel: cancel, done: make(chan struct{}), state: State{Phase: Idle, Target: t, Method: m.resolve(t)}}
	go func() {
		defer close(a.done)
		defer cancel()
		tok, err := f.SignIn(ctx, t, m, a.publish)
		a.mu.Lock()
		a.tok, a.err = tok, err
		for _, ch := range a.subs {
			close(ch)
		}
		a.subs, a.ended = nil, true
		a.mu.Unlock()
	}()
	return a
}

// Subscribe returns a channel that receives the current state at once, then
// every later one, and is closed after the final state.
func (a *Attempt) Subscribe() <-chan State {
	ch := make(chan State, 1)
	a.mu.Lock()
	defer a.mu.Unlock()
	ch <- a.state
	if a.ended {
		close(ch)
		return ch
	}
	a.subs = append(a.subs, ch)
	return ch
}

// State returns the latest state.
func (a *Attempt) State() State {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.state
}

// Cancel stops the attempt; it ends Cancelled unless it had already ended.
func (a *Attempt) Cancel() { a.cancel() }

// Done is closed when the attempt has ended.
func (a *Attempt) Done() <-chan struct{} { return a.done }

// Wait blocks until the attempt ends and returns its token or error.
func (a *Attempt) Wait() (Token, error) {
	<-a.done
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.tok, a.err
}

func (a *Attempt) publish(s State) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.state = s
	for _, ch := range a.subs {
		select {
		case <-ch: // drop the stale state nobody read yet
		default:
		}
		ch <- s
	}
}
