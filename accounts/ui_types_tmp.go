package accounts

// This file stands in, on the ui branch only, for types another branch adds
// to package accounts; the lead drops it at merge.

import (
	"errors"
	"strings"
	"time"
)

// Progress is how far a listing has got.
type Progress struct {
	AccountsFound, AccountsDone, Throttled int
	Done                                   bool
}

// Stats sums up a listing.
type Stats struct {
	Requests, Throttled, Retries, MaxConcurrency int
	Elapsed                                      time.Duration
}

// QuickRole is a role a person pinned or used recently.
type QuickRole struct {
	Role
	Pinned bool
	UsedAt time.Time
}

// ErrNotCached: no list of accounts is kept on disk for the sign-in yet.
var ErrNotCached = errors.New("no list of accounts kept yet")

// Filter returns the accounts whose name, ID or e-mail contains query, or
// that have a role that does, case-insensitively; an account that matches
// by a role alone keeps just the matching roles.
func (l List) Filter(query string) []Account {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return l.Accounts
	}
	var out []Account
	for _, a := range l.Accounts {
		if strings.Contains(strings.ToLower(a.Name), q) || strings.Contains(a.ID, q) || strings.Contains(strings.ToLower(a.Email), q) {
			out = append(out, a)
			continue
		}
		var roles []string
		for _, r := range a.Roles {
			if strings.Contains(strings.ToLower(r), q) {
				roles = append(roles, r)
			}
		}
		if len(roles) > 0 {
			a.Roles = roles
			out = append(out, a)
		}
	}
	return out
}
