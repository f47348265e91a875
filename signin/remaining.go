package signin

import (
	"fmt"
	"time"
)

// FormatRemaining says how long is left, the way people say it: "7 h 12 m",
// "4 m 5 s", "expired".
func FormatRemaining(d time.Duration) string {
	if d <= 0 {
		return "expired"
	}
	d = d.Truncate(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	switch {
	case h >= 24:
		return fmt.Sprintf("%d d %d h", h/24, h%24)
	case h > 0:
		return fmt.Sprintf("%d h %d m", h, m)
	case m > 0:
		return fmt.Sprintf("%d m %d s", m, s)
	default:
		return fmt.Sprintf("%d s", s)
	}
}

// FormatClock gives the local wall-clock time of t as seen at now, the one
// way ssotray tells a person a time, in the window and on the command line
// alike: "17:42" on the same day, "Tue 09:05" within a week ahead, else
// "2 Jan 09:05". Machines get RFC 3339 (`--json`).
func FormatClock(t, now time.Time) string {
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
