package ui

import (
	"testing"
	"time"
)

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
