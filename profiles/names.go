package profiles

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns an account name into text a profile name can hold, as
// accounts-roles.md §3.5 recommends: the name is normalised by compatibility
// (NFKD, so full-width letters and ligatures become ASCII) and its combining
// marks are dropped, so "Überprüfung" gives "Uberprufung" rather than §3.5's
// NFKC "berpr-fung"; then each run of characters outside [A-Za-z0-9_-]
// becomes one '-' (together with any '-' next to it), and leading and
// trailing '-' are trimmed. An empty result (a name written only in, say,
// Chinese characters) gives accountID instead.
//
// Slug is a pure function of its arguments; Plan makes slugs unique.
func Slug(accountName, accountID string) string {
	var b strings.Builder
	pending := false // a run of replaced characters is waiting for its '-'
	for _, r := range norm.NFKD.String(accountName) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// A combining mark: the letter before it stays.
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'):
			if pending && b.Len() > 0 {
				b.WriteByte('-')
			}
			pending = false
			b.WriteRune(r)
		case r == '-' && !pending:
			b.WriteByte('-')
		default:
			// Fold the '-' already written into the run.
			s := strings.TrimRight(b.String(), "-")
			b.Reset()
			b.WriteString(s)
			pending = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		return accountID
	}
	return s
}

// nameTemplate renders profile names and checks them.
type nameTemplate struct {
	text string
	t    *template.Template
}

// parseNameTemplate parses text (DefaultTemplate when empty).
func parseNameTemplate(text string) (*nameTemplate, error) {
	if text == "" {
		text = DefaultTemplate
	}
	t, err := template.New("profile name").Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, fmt.Errorf("profile name template %q: %w", text, err)
	}
	return &nameTemplate{text: text, t: t}, nil
}

// name renders the template for f and checks the result.
func (n *nameTemplate) name(f NameFields) (string, error) {
	var b strings.Builder
	if err := n.t.Execute(&b, f); err != nil {
		return "", fmt.Errorf("profile name template %q: %w", n.text, err)
	}
	name := b.String()
	if name == "" {
		return "", fmt.Errorf("profile name template %q gives an empty name for account %s role %s", n.text, f.AccountID, f.RoleName)
	}
	if bad, ok := badNameRune(name); ok {
		return "", fmt.Errorf("profile name template %q gives %q for account %s role %s, which cannot be a profile name because of %q; "+
			"use {{.AccountSlug}} instead of {{.AccountName}}, and no spaces, brackets, quotes, ';', '#' or '\\'",
			n.text, name, f.AccountID, f.RoleName, bad)
	}
	return name, nil
}

// badNameRune returns the first rune of name that a profile name cannot
// hold: white space and control characters, and the characters botocore and
// aws-sdk-go-v2 read differently in a section header (Granted's illegal set
// plus '#' and '\\', which storage reports in a header).
func badNameRune(name string) (rune, bool) {
	for _, r := range name {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("[];'\"#\\", r) || r == unicode.ReplacementChar {
			return r, true
		}
	}
	return 0, false
}

// nameSet holds names in use, compared without regard to case: names that
// differ only in case are distinct to the AWS tools but not to people.
type nameSet map[string]string

// has reports whether name is in use.
func (s nameSet) has(name string) bool { _, ok := s[strings.ToLower(name)]; return ok }

// add marks name as in use.
func (s nameSet) add(name string) { s[strings.ToLower(name)] = name }

// unique returns name if it is free, otherwise name-<accountID>, then
// name-<accountID>-2, -3, …; ok is false when name itself was taken.
func (s nameSet) unique(name, accountID string) (string, bool) {
	if !s.has(name) {
		return name, true
	}
	base := name + "-" + accountID
	cand := base
	for i := 2; s.has(cand); i++ {
		cand = base + "-" + strconv.Itoa(i)
	}
	return cand, false
}
