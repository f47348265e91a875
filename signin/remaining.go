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
