package signin

import (
	"context"
	"errors"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/storage"
)

// refreshCall is one refresh of a sign-in's token, which others in this
// process wait for instead of refreshing themselves: with single-use
// refresh tokens, a second request with the same refresh token would only
// be refused.
type refreshCall struct {
	done chan struct{} // closed when tok and err are set
	tok  flow.Token
	err  error
}

// refreshOnce refreshes in's token, or waits for the refresh of it already
// running and returns its result. A waiter whose own ctx ends stops
// waiting; when the refresh it waited for was cancelled by that refresh's
// own caller, it runs a new one.
func (m *Manager) refreshOnce(ctx context.Context, in storage.SignIn) (flow.Token, error) {
	for {
		m.refreshMu.Lock()
		c, running := m.refreshing[in.CacheKey]
		if !running {
			c = &refreshCall{done: make(chan struct{})}
			if m.refreshing == nil {
				m.refreshing = map[string]*refreshCall{}
			}
			m.refreshing[in.CacheKey] = c
			m.refreshMu.Unlock()
			c.tok, c.err = m.refresh(ctx, in)
			m.refreshMu.Lock()
			delete(m.refreshing, in.CacheKey)
			m.refreshMu.Unlock()
			close(c.done)
			return c.tok, c.err
		}
		m.refreshMu.Unlock()
		select {
		case <-c.done:
			if errors.Is(c.err, context.Canceled) && ctx.Err() == nil {
				continue
			}
			return c.tok, c.err
		case <-ctx.Done():
			return flow.Token{}, context.Canceled
		}
	}
}

// refresh refreshes in's token through flow.
func (m *Manager) refresh(ctx context.Context, in storage.SignIn) (flow.Token, error) {
	f, err := m.Flow(ctx, in)
	if err != nil {
		return flow.Token{}, err
	}
	return f.Refresh(ctx, Target(in))
}
