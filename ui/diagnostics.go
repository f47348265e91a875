package ui

import (
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// diagnostics is the text "Copy diagnostics" puts on the clipboard for a
// helpdesk: where the sign-in goes, what its token cache says, the app and
// the system, and the last error ssotray saw for it. It is built from the
// Status alone, which carries the cache file's path and expiry but never
// its tokens, client secret or any device code, so none can leak into it.
func diagnostics(s signin.Status, version string, lastErr error) string {
	var b strings.Builder
	line := func(key, value string) { fmt.Fprintf(&b, "%-14s %s\n", key+":", value) }
	orNone := func(s string) string {
		if s == "" {
			return "(none)"
		}
		return s
	}
	b.WriteString("ssotray diagnostics (no tokens or secrets are included)\n")
	line("Sign-in", s.Name)
	kind := string(s.Kind)
	if s.Kind == storage.KindLegacyProfile {
		kind += " (start URL set in the profile)"
	}
	line("Kind", kind)
	line("Start URL", s.StartURL)
	line("Region", s.Region)
	line("Profiles", orNone(strings.Join(s.Profiles, ", ")))
	if s.Scopes != nil {
		line("Scopes", orNone(strings.Join(s.Scopes, ", ")))
	}
	if s.File != "" {
		line("Config file", fmt.Sprintf("%s, line %d", s.File, s.Line))
	}
	line("State", string(s.State))
	expires := "(no token)"
	if !s.ExpiresAt.IsZero() {
		expires = s.ExpiresAt.UTC().Format(time.RFC3339)
	}
	line("Expires at", expires)
	line("Refreshable", yesNo(s.Refreshable))
	line("Cache file", orNone(s.CacheFile))
	if s.Problem != nil {
		line("Cache problem", s.Problem.Error())
	}
	if s.SecretMode != "" {
		line("Secrets in", s.SecretMode.Label())
	}
	if s.SecretsProblem != nil {
		line("Secrets issue", s.SecretsProblem.Error())
	}
	lastErrText := "(none seen)"
	if lastErr != nil {
		lastErrText = lastErr.Error()
	}
	line("Last error", lastErrText)
	line("App version", "ssotray "+orNone(version))
	line("System", runtime.GOOS+"/"+runtime.GOARCH+", "+runtime.Version())
	return b.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
