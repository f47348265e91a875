package storage

import (
	"fmt"
	"slices"
	"sync"
)

// MemSecrets is an in-memory Secrets for tests, safe for concurrent use. Its
// zero value is empty and ready. Fail makes every later call fail, to play a
// keyring that is locked or gone.
type MemSecrets struct {
	mu     sync.Mutex
	values map[string][]byte
	err    error
	calls  int
}

var _ Secrets = (*MemSecrets)(nil)

// Get returns a copy of the value under key.
func (s *MemSecrets) Get(key string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.err != nil {
		return nil, s.err
	}
	v, ok := s.values[key]
	if !ok {
		return nil, fmt.Errorf("secret %q: %w", key, ErrNotFound)
	}
	return slices.Clone(v), nil
}

// Set stores a copy of value under key.
func (s *MemSecrets) Set(key string, value []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.err != nil {
		return s.err
	}
	if s.values == nil {
		s.values = map[string][]byte{}
	}
	s.values[key] = slices.Clone(value)
	return nil
}

// Delete removes key.
func (s *MemSecrets) Delete(key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.err != nil {
		return s.err
	}
	if _, ok := s.values[key]; !ok {
		return fmt.Errorf("secret %q: %w", key, ErrNotFound)
	}
	delete(s.values, key)
	return nil
}

// Fail makes every later call return err, until Fail(nil). Pass a
// *KeyringUnavailableError to play a keyring that is locked or gone.
func (s *MemSecrets) Fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.err = err
}

// Keys returns the stored keys, sorted.
func (s *MemSecrets) Keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]string, 0, len(s.values))
	for k := range s.values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Contents returns a copy of everything stored, for tests that look for a
// secret left behind.
func (s *MemSecrets) Contents() map[string][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string][]byte, len(s.values))
	for k, v := range s.values {
		out[k] = slices.Clone(v)
	}
	return out
}

// Calls returns how many Get, Set and Delete calls were made, failed ones
// included.
func (s *MemSecrets) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// String lists the keys, never the values.
func (s *MemSecrets) String() string {
	return fmt.Sprintf("MemSecrets%q", s.Keys())
}
