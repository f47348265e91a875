package flowtest

import (
	"errors"
	"sync"

	"github.com/ssotray/ssotray/flow"
)

// ErrNotFound is what Store returns for a target it holds nothing for.
var ErrNotFound = errors.New("flowtest: not found")

// Store is an in-memory flow.Store keyed by target name.
type Store struct {
	mu            sync.Mutex
	Registrations map[string]flow.Registration
	TokensByName  map[string]flow.Token
	// SaveTokenErr, if set, is returned by SaveToken.
	SaveTokenErr error
	// Saves counts SaveToken calls.
	Saves int
	// OnLoadToken, if set, runs before each LoadToken with the call's number;
	// tests use it to play another program writing the cache meanwhile.
	OnLoadToken func(n int)
	// OnSaveRegistration, if set, runs before each SaveRegistration; tests
	// use it to hold a slow disk.
	OnSaveRegistration func()
	loads              int
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{Registrations: map[string]flow.Registration{}, TokensByName: map[string]flow.Token{}}
}

// LoadRegistration returns the registration saved for t.
func (s *Store) LoadRegistration(t flow.Target) (flow.Registration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.Registrations[t.Name]
	if !ok {
		return flow.Registration{}, ErrNotFound
	}
	return r, nil
}

// SaveRegistration keeps r for t.
func (s *Store) SaveRegistration(t flow.Target, r flow.Registration) error {
	s.mu.Lock()
	hook := s.OnSaveRegistration
	s.mu.Unlock()
	if hook != nil {
		hook()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Registrations[t.Name] = r
	return nil
}

// LoadToken returns the token saved for t.
func (s *Store) LoadToken(t flow.Target) (flow.Token, error) {
	s.mu.Lock()
	s.loads++
	n, hook := s.loads, s.OnLoadToken
	s.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tok, ok := s.TokensByName[t.Name]
	if !ok {
		return flow.Token{}, ErrNotFound
	}
	return tok, nil
}

// SaveToken keeps tok for t, or fails with SaveTokenErr.
func (s *Store) SaveToken(t flow.Target, tok flow.Token) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Saves++
	if s.SaveTokenErr != nil {
		return s.SaveTokenErr
	}
	s.TokensByName[t.Name] = tok
	return nil
}

// Token returns what is stored for name.
func (s *Store) Token(name string) (flow.Token, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tok, ok := s.TokensByName[name]
	return tok, ok
}

// SetToken stores tok for name, as another program writing the cache would.
func (s *Store) SetToken(name string, tok flow.Token) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.TokensByName[name] = tok
}
