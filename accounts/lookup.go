package accounts

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Lookup errors, matched with errors.Is; the errors carry the detail a
// person needs (the names to choose from).
var (
	// ErrUnknownAccount: no account has that ID or name.
	ErrUnknownAccount = errors.New("unknown account")
	// ErrAmbiguousAccount: the name belongs to more than one account.
	ErrAmbiguousAccount = errors.New("more than one account has that name")
	// ErrUnknownRole: the account has no role of that name.
	ErrUnknownRole = errors.New("unknown role")
)

// Resolve finds account, an account ID or an exact account name (exact
// case first, then any case if only one account matches), and in it role.
// The Account returned has just the matched role in Roles, spelled as the
// list spells it; with role "" it has all of them.
func (l List) Resolve(account, role string) (Account, error) {
	a, err := l.findAccount(account)
	if err != nil {
		return Account{}, err
	}
	if role == "" {
		return a, nil
	}
	r, ok := findRole(a.Roles, role)
	if !ok {
		if len(a.Roles) == 0 {
			return Account{}, fmt.Errorf("account %s (%s) has no role %q; it has no roles: %w", a.Name, a.ID, role, ErrUnknownRole)
		}
		return Account{}, fmt.Errorf("account %s (%s) has no role %q; its roles: %s: %w", a.Name, a.ID, role, strings.Join(a.Roles, ", "), ErrUnknownRole)
	}
	a.Roles = []string{r}
	return a, nil
}

func (l List) findAccount(account string) (Account, error) {
	for _, a := range l.Accounts {
		if a.ID == account {
			return a, nil
		}
	}
	for _, equal := range []func(a, b string) bool{
		func(a, b string) bool { return a == b },
		strings.EqualFold,
	} {
		var found []Account
		for _, a := range l.Accounts {
			if equal(a.Name, account) {
				found = append(found, a)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], nil
		}
		ids := make([]string, len(found))
		for i, a := range found {
			ids[i] = a.ID
		}
		return Account{}, fmt.Errorf("%d accounts are named %q (%s); use the account ID: %w", len(found), account, strings.Join(ids, ", "), ErrAmbiguousAccount)
	}
	return Account{}, fmt.Errorf("%s has no account %q (see ssotray accounts %s): %w", l.Name, account, l.Name, ErrUnknownAccount)
}

// findRole returns role as spelled in roles: an exact match, or the only
// one equal in any case.
func findRole(roles []string, role string) (string, bool) {
	match, n := "", 0
	for _, r := range roles {
		if r == role {
			return r, true
		}
		if strings.EqualFold(r, role) {
			match, n = r, n+1
		}
	}
	return match, n == 1
}

// Filter returns the accounts that match query, in the list's order. The
// query's words are matched in any case, each on its own: a word found in
// the account's name, ID or e-mail matches the account, and every other
// word must be in a role's name. So "prod" gives the accounts named so with
// all their roles, "admin" the roles named so in any account, and
// "prod admin" the admin roles of the prod accounts. An empty query returns
// every account. The result shares no slice with l.
func (l List) Filter(query string) []Account {
	words := strings.Fields(query)
	out := make([]Account, 0, len(l.Accounts))
	matchers := make([]foldMatcher, len(words))
	for i, w := range words {
		matchers[i] = newFoldMatcher(w)
	}
	rest := make([]foldMatcher, 0, len(matchers))
	for _, a := range l.Accounts {
		rest = rest[:0]
		for _, q := range matchers {
			if !q.in(a.Name) && !q.in(a.ID) && !q.in(a.Email) {
				rest = append(rest, q)
			}
		}
		var roles []string
		for _, r := range a.Roles {
			if allIn(rest, r) {
				roles = append(roles, r)
			}
		}
		if roles != nil || (len(rest) == 0 && len(a.Roles) == 0) {
			a.Roles = roles
			out = append(out, a)
		}
	}
	return out
}

// allIn reports whether every matcher finds its word in s.
func allIn(matchers []foldMatcher, s string) bool {
	for _, q := range matchers {
		if !q.in(s) {
			return false
		}
	}
	return true
}

// foldMatcher finds a query in strings in any case. ASCII text, most of
// what it sees, is matched without allocating; anything else is lowered
// first.
type foldMatcher struct {
	lower string
	ascii bool
}

func newFoldMatcher(q string) foldMatcher {
	return foldMatcher{lower: strings.ToLower(q), ascii: isASCII(q)}
}

func (m foldMatcher) in(s string) bool {
	if !m.ascii || !isASCII(s) {
		return strings.Contains(strings.ToLower(s), m.lower)
	}
	n := len(m.lower)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n && lowerASCII(s[i+j]) == m.lower[j] {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
