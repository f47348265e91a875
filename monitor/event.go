package monitor

import "time"

// Kind is what an Event reports.
type Kind int

// The kinds of Event.
const (
	// Refreshed: the monitor refreshed the token in the background;
	// ExpiresAt is the new token's expiry.
	Refreshed Kind = iota
	// RefreshFailed: a background refresh failed; Err says why and
	// ExpiresAt is when the current token expires. The monitor tries again
	// later (after 1, 2, 4, 8, then every 10 minutes) unless Err is
	// flow.ErrSessionEnded, flow.ErrNotRefreshable or
	// flow.ErrRegistrationExpired, which only a new sign-in cures.
	RefreshFailed
	// ExpiringSoon: a session ends at ExpiresAt, Options.WarnAhead or less
	// from now, and will not be refreshed before: it cannot be, its refresh
	// failed for good, or its refresh is failing. It comes once per token.
	ExpiringSoon
	// Ended: a session the monitor saw signed in has expired, was signed
	// out (its token file was deleted, as aws sso logout does) or became
	// unreadable (Err says why). ExpiresAt is the ended token's expiry. A
	// session that expired while the computer slept and is refreshed as
	// soon as it wakes does not end.
	Ended
)

var kindNames = [...]string{"refreshed", "refresh-failed", "expiring-soon", "ended"}

// String names the kind.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// Event is something that happened to one sign-in. Err never holds a token
// or secret.
type Event struct {
	Kind      Kind
	Name      string // the sign-in's name
	ExpiresAt time.Time
	Err       error
	At        time.Time // when the monitor noticed
}
