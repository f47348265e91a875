package flow

import "time"

// Phase is where a sign-in attempt stands.
type Phase int

// The phases of a sign-in attempt, in the order they happen.
const (
	Idle Phase = iota
	Registering
	AwaitingUser
	SignedIn
	Failed
	Cancelled
)

var phaseNames = [...]string{"idle", "registering", "awaiting-user", "signed-in", "failed", "cancelled"}

// String names the phase.
func (p Phase) String() string {
	if p < 0 || int(p) >= len(phaseNames) {
		return "unknown"
	}
	return phaseNames[p]
}

// Done reports whether the phase is final.
func (p Phase) Done() bool { return p == SignedIn || p == Failed || p == Cancelled }

// State is an immutable snapshot of a sign-in attempt. It holds nothing
// secret: the user code is meant to be shown, the device code is not here.
type State struct {
	Phase  Phase
	Target Target
	// Method is how this attempt is approved.
	Method Method
	// AuthorizeURL is set while a browser sign-in (AuthCode) is
	// AwaitingUser: the page to open on this machine. It holds the
	// request's state and code challenge, neither of them a secret.
	AuthorizeURL string
	// UserCode, VerificationURI and VerificationURIComplete are set while
	// AwaitingUser: the code the person confirms and where.
	UserCode                string
	VerificationURI         string
	VerificationURIComplete string
	// CodeExpiresAt is when the device code stops working, or when a
	// browser sign-in stops waiting for the browser.
	CodeExpiresAt time.Time
	// Interval is the current polling interval.
	Interval time.Duration
	// Polls counts CreateToken calls made so far.
	Polls int
	// Trouble is a transient error seen while waiting; polling goes on.
	Trouble error
	// TokenExpiresAt is set once SignedIn.
	TokenExpiresAt time.Time
	// Err says why the attempt Failed: errors.Is it ErrDenied, ErrExpired,
	// or an *APIError.
	Err error
}
