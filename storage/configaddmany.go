package storage

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ssotray/ssotray/internal/atomicfile"
)

// NewSSOSession is one [sso-session] for AddSSOSessions to append.
type NewSSOSession struct {
	Name, StartURL, Region string
	// Scopes is sso_registration_scopes; empty means sso:account:access,
	// as the wizard and `ssotray add` write.
	Scopes []string
}

// AddSSOSessions appends several [sso-session] sections to the config file
// in one atomic write, under the rules of AddSSOSession: every existing
// byte is kept, each name, start URL and Region is checked first, and a
// name the file already has (or one given twice) is refused with a
// *DuplicateError before anything is written. A scope must be plain text
// with no comma, blank or comment character.
func AddSSOSessions(configFile string, sessions []NewSSOSession) error {
	if len(sessions) == 0 {
		return nil
	}
	for _, s := range sessions {
		if err := checkNewSession(s); err != nil {
			return fmt.Errorf("sign-in %s: %w", s.Name, err)
		}
	}
	target, old, perm, err := readForEdit(configFile, "add sign-ins")
	if err != nil {
		return err
	}
	cfg := ParseConfig(configFile, old)
	seen := map[string]bool{}
	for _, s := range sessions {
		if cfg.NameInUse(s.Name) || seen[s.Name] {
			return &DuplicateError{Name: s.Name, File: configFile}
		}
		seen[s.Name] = true
	}
	data := old
	for _, s := range sessions {
		data = appendSSOSession(data, s.Name, strings.TrimSpace(s.StartURL), s.Region)
		if len(s.Scopes) > 0 {
			data = replaceLastScopes(data, strings.Join(s.Scopes, ", "))
		}
	}
	if err := atomicfile.Write(target, data, perm); err != nil {
		return fmt.Errorf("write config %s: %w", target, err)
	}
	return nil
}

// checkNewSession checks a session as AddSSOSession checks its arguments.
func checkNewSession(s NewSSOSession) error {
	if err := ValidateSessionName(s.Name); err != nil {
		return err
	}
	if _, err := ValidateStartURL(s.StartURL); err != nil {
		return err
	}
	if err := ValidateRegion(s.Region); err != nil {
		return err
	}
	for _, sc := range s.Scopes {
		if sc == "" || strings.ContainsAny(sc, ", \t\r\n;#[]\"'\\") {
			return fmt.Errorf("the scope %q is not a plain scope such as sso:account:access", sc)
		}
	}
	return nil
}

// defaultScopesLine is the last line appendSSOSession writes.
const defaultScopesLine = "sso_registration_scopes = sso:account:access"

// replaceLastScopes puts scopes in the scopes line appendSSOSession just
// wrote at the end of data.
func replaceLastScopes(data []byte, scopes string) []byte {
	i := bytes.LastIndex(data, []byte(defaultScopesLine))
	if i < 0 {
		return data
	}
	out := bytes.Clone(data[:i])
	out = append(out, "sso_registration_scopes = "+scopes...)
	return append(out, data[i+len(defaultScopesLine):]...)
}

// SameStartURL reports whether a and b name one portal, as ForStartURL
// compares them: scheme and host in any case, a trailing slash or none.
func SameStartURL(a, b string) bool { return comparableStartURL(a) == comparableStartURL(b) }
