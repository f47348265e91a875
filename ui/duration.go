package ui

import (
	"time"
)

// formatClock gives the local wall-clock time of t as seen at now: "17:42"
// on the same day, "Tue 09:05" within a week, else "2 Jan 09:05".
func formatClock(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	ty, tm, td := t.Date()
	ny, nm, nd := now.Date()
	switch {
	case ty == ny && tm == nm && td == nd:
		return t.Format("15:04")
	case t.After(now) && t.Sub(now) < 6*24*time.Hour:
		return t.Format("Mon 15:04")
	default:
		return t.Format("2 Jan 15:04")
	}
}
