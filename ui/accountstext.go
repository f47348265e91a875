package ui

import (
	"strconv"
	"time"

	"github.com/ssotray/ssotray/accounts"
)

// progressText says how far a listing has got.
func progressText(p accounts.Progress) string {
	s := textListing
	switch {
	case p.AllFound:
		s += " " + thousands(p.AccountsDone) + " of " + thousands(p.AccountsFound)
	case p.AccountsFound > 0:
		s += " " + thousands(p.AccountsDone) + " done, " + thousands(p.AccountsFound) + " found so far"
	}
	if p.Throttled > 0 {
		s += textThrottled
	}
	return s
}

// roleText names a role for people: "Production — AdministratorAccess".
func roleText(r accounts.Role) string { return r.AccountName + " — " + r.RoleName }

// formatAge says how long ago something happened, roughly: "just now",
// "5 min ago", "3 h ago", "2 days ago".
func formatAge(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + " min ago"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + " h ago"
	default:
		return strconv.Itoa(int(d/(24*time.Hour))) + " days ago"
	}
}

// count is "1 account" or "1,000 accounts".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// thousands writes n with a comma between each group of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
