package ui

import (
	"testing"
	"time"
)

func TestFormatRemaining(t *testing.T) {
	tests := []struct {
		name string
		d    time.Duration
		want string
	}{
		{"zero", 0, "expired"},
		{"negative", -5 * time.Minute, "expired"},
		{"under a second", 400 * time.Millisecond, "0 s"},
		{"59 s", 59 * time.Second, "59 s"},
		{"59.9 s truncates", 59*time.Second + 900*time.Millisecond, "59 s"},
		{"one minute", time.Minute, "1 m 0 s"},
		{"4 m 5 s", 4*time.Minute + 5*time.Second, "4 m 5 s"},
		{"one hour", time.Hour, "1 h 0 m"},
		{"7 h 12 m", 7*time.Hour + 12*time.Minute + 30*time.Second, "7 h 12 m"},
		{"23 h 59 m", 24*time.Hour - time.Second, "23 h 59 m"},
		{"one day", 24 * time.Hour, "1 d 0 h"},
		{"2 d 3 h", 51*time.Hour + 20*time.Minute, "2 d 3 h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatRemaining(tt.d); got != tt.want {
				t.Errorf("formatRemaining(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}

func TestFormatClock(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.Local)
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"same day", time.Date(2026, 11, 27, 17, 42, 0, 0, time.Local), "17:42"},
		{"tomorrow", time.Date(2026, 11, 28, 1, 5, 0, 0, time.Local), "Sat 01:05"},
		{"far ahead", time.Date(2026, 12, 24, 8, 0, 0, 0, time.Local), "24 Dec 08:00"},
		{"in the past", time.Date(2026, 11, 26, 8, 0, 0, 0, time.Local), "26 Nov 08:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatClock(tt.t, now); got != tt.want {
				t.Errorf("formatClock(%v) = %q, want %q", tt.t, got, tt.want)
			}
		})
	}
}
