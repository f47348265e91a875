package monitor

import (
	"errors"
	"testing"
	"time"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{1, time.Minute}, {2, 2 * time.Minute}, {3, 4 * time.Minute}, {4, 8 * time.Minute},
		{5, 10 * time.Minute}, {6, 10 * time.Minute}, {1000, 10 * time.Minute},
	}
	for _, tt := range tests {
		if got := backoff(tt.failures); got != tt.want {
			t.Errorf("backoff(%d) = %v, want %v", tt.failures, got, tt.want)
		}
	}
}

func TestSameStatus(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	base := signin.Status{
		SignIn:    storage.SignIn{Name: "corp", Profiles: []string{"corp-dev"}},
		State:     signin.SignedIn,
		ExpiresAt: t0,
		Problem:   errors.New("not JSON"),
	}
	tests := []struct {
		name   string
		change func(s *signin.Status)
		same   bool
	}{
		{"a fresh read of the same", func(s *signin.Status) { s.Problem = errors.New("not JSON") }, true},
		{"the same instant in another zone", func(s *signin.Status) { s.ExpiresAt = t0.In(time.FixedZone("CET", 3600)) }, true},
		{"another state", func(s *signin.Status) { s.State = signin.Expired }, false},
		{"another expiry", func(s *signin.Status) { s.ExpiresAt = t0.Add(time.Second) }, false},
		{"refreshable now", func(s *signin.Status) { s.Refreshable = true }, false},
		{"another problem", func(s *signin.Status) { s.Problem = errors.New("permission denied") }, false},
		{"no problem", func(s *signin.Status) { s.Problem = nil }, false},
		{"another profile", func(s *signin.Status) { s.Profiles = []string{"corp-dev", "corp-prod"} }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := base
			b.Profiles = append([]string(nil), base.Profiles...)
			tt.change(&b)
			if got := sameStatus(base, b); got != tt.same {
				t.Errorf("sameStatus = %v, want %v", got, tt.same)
			}
		})
	}
}
