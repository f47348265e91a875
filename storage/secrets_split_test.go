package storage

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// limitedEntries is a keyring whose entries hold at most max bytes, as the
// Credential Manager holds 2,560, and which records the keys it holds.
type limitedEntries struct {
	MemSecrets
	max int
}

func (l *limitedEntries) Set(key string, value []byte) error {
	if len(value) > l.max {
		return fmt.Errorf("%d bytes: %w", len(value), ErrSecretTooBig)
	}
	return l.MemSecrets.Set(key, value)
}

func (l *limitedEntries) keys() []string {
	var keys []string
	for _, k := range []string{"refresh/corp", "refresh/corp#1", "refresh/corp#2", "refresh/corp#3", "refresh/corp#4", "refresh/corp#5"} {
		if _, err := l.MemSecrets.Get(k); err == nil {
			keys = append(keys, k)
		}
	}
	return keys
}

func TestSplitSecrets(t *testing.T) {
	l := &limitedEntries{max: 2560}
	s := splitSecrets{entries: l, max: 2560}
	tests := []struct {
		name string
		size int
		keys []string
	}{
		{"fits one entry", 2560, []string{"refresh/corp"}},
		{"one byte more: two parts", 2561, []string{"refresh/corp", "refresh/corp#1", "refresh/corp#2"}},
		{"8,000 bytes: four parts", 8000, []string{"refresh/corp", "refresh/corp#1", "refresh/corp#2", "refresh/corp#3", "refresh/corp#4"}},
		{"smaller again: the old parts go", 3000, []string{"refresh/corp", "refresh/corp#1", "refresh/corp#2"}},
		{"fits again", 100, []string{"refresh/corp"}},
	}
	for _, tt := range tests {
		value := []byte(`{"refreshToken":"` + strings.Repeat("r", tt.size-len(`{"refreshToken":""}`)) + `"}`)
		if err := s.Set("refresh/corp", value); err != nil {
			t.Fatalf("%s: Set: %v", tt.name, err)
		}
		got, err := s.Get("refresh/corp")
		if err != nil || string(got) != string(value) {
			t.Fatalf("%s: Get = %d bytes, %v; want the %d bytes set", tt.name, len(got), err, len(value))
		}
		if keys := l.keys(); !slices.Equal(keys, tt.keys) {
			t.Errorf("%s: entries %q, want %q", tt.name, keys, tt.keys)
		}
	}
	if err := s.Set("refresh/corp", make([]byte, 5000)); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("refresh/corp"); err != nil {
		t.Fatal(err)
	}
	if keys := l.keys(); len(keys) != 0 {
		t.Errorf("entries after Delete: %q", keys)
	}
	if _, err := s.Get("refresh/corp"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete = %v, want ErrNotFound", err)
	}
}

// Too big even when split: refused, with the sizes, and nothing changes.
func TestSplitSecretsRefusesTooBig(t *testing.T) {
	l := &limitedEntries{max: 2560}
	s := splitSecrets{entries: l, max: 2560}
	if err := s.Set("refresh/corp", []byte(`{"a":1}`)); err != nil {
		t.Fatal(err)
	}
	err := s.Set("refresh/corp", make([]byte, maxSplitEntries*2560+1))
	if !errors.Is(err, ErrSecretTooBig) || !strings.Contains(err.Error(), "20481 bytes") {
		t.Fatalf("Set of a too big value = %v", err)
	}
	if got, _ := s.Get("refresh/corp"); string(got) != `{"a":1}` {
		t.Errorf("the old value became %q", got)
	}
}

// A part that does not match the marker's checksum (a write cut short)
// reads as no secret, never as a wrong one.
func TestSplitSecretsTornWrite(t *testing.T) {
	l := &limitedEntries{max: 2560}
	s := splitSecrets{entries: l, max: 2560}
	if err := s.Set("refresh/corp", []byte(strings.Repeat("a", 3000))); err != nil {
		t.Fatal(err)
	}
	l.MemSecrets.Set("refresh/corp#2", []byte(strings.Repeat("b", 440)))
	if _, err := s.Get("refresh/corp"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a torn value = %v, want ErrNotFound", err)
	}
	l.MemSecrets.Delete("refresh/corp#2")
	if _, err := s.Get("refresh/corp"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get with a part missing = %v, want ErrNotFound", err)
	}
}

// With no limit (the Secret Service) nothing is split.
func TestSplitSecretsNoLimit(t *testing.T) {
	l := &limitedEntries{max: 1 << 20}
	s := splitSecrets{entries: l}
	if err := s.Set("refresh/corp", make([]byte, 8000)); err != nil {
		t.Fatal(err)
	}
	if keys := l.keys(); !slices.Equal(keys, []string{"refresh/corp"}) {
		t.Errorf("entries %q, want one", keys)
	}
}
