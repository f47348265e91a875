package signin_test

import (
	"testing"
	"time"

	"github.com/ssotray/ssotray/signin"
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
			if got := signin.FormatRemaining(tt.d); got != tt.want {
				t.Errorf("signin.FormatRemaining(%v) = %q, want %q", tt.d, got, tt.want)
			}
		})
	}
}
