package ui

import (
	"time"

	"github.com/ssotray/ssotray/signin"
)

// formatClock gives the local wall-clock time of t as seen at now, as
// the command line says it too (signin.FormatClock).
func formatClock(t, now time.Time) string { return signin.FormatClock(t, now) }
