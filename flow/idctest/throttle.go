package idctest

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// throttleMessage is the message the real portal sends with a 429
// (jonathanmorley/oktaws#512; Granted #458 shows the SDK's rendering,
// "TooManyRequestsException: HTTP 429 Unknown Code").
const throttleMessage = "HTTP 429 Unknown Code"

// tokenBucket is the portal's throttle: rate tokens a second, at most burst
// of them, starting full. A refused request takes no token.
type tokenBucket struct {
	mu        sync.Mutex
	started   bool
	tokens    float64
	last      time.Time
	throttled int
}

// take takes a token at now if there is one; otherwise it reports how long
// until there will be.
func (b *tokenBucket) take(now time.Time, rate float64, burst int) (bool, time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	size := float64(burst)
	if burst <= 0 {
		size = math.Ceil(rate)
	}
	if !b.started {
		b.started, b.tokens, b.last = true, size, now
	}
	if now.After(b.last) {
		b.tokens = min(size, b.tokens+rate*now.Sub(b.last).Seconds())
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	b.throttled++
	return false, time.Duration((1 - b.tokens) / rate * float64(time.Second))
}

// throttle answers a portal request with 429 when PortalRate's bucket is
// empty, and reports whether it did.
func (s *Server) throttle(w http.ResponseWriter, op string) bool {
	if s.opts.PortalRate <= 0 {
		return false
	}
	switch op {
	case OpListAccounts, OpListAccountRoles, OpGetRoleCredentials:
	default:
		return false
	}
	s.mu.Lock()
	now := s.opts.Now()
	s.mu.Unlock()
	ok, wait := s.bucket.take(now, s.opts.PortalRate, s.opts.PortalBurst)
	if ok {
		return false
	}
	if s.opts.RetryAfter {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
	}
	s.writeError(w, portal, http.StatusTooManyRequests, "TooManyRequestsException", "", throttleMessage)
	return true
}

// Throttled returns how many requests the PortalRate throttle has answered
// with 429 so far (injected faults not included).
func (s *Server) Throttled() int {
	s.bucket.mu.Lock()
	defer s.bucket.mu.Unlock()
	return s.bucket.throttled
}
