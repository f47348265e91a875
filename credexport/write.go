package credexport

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ssotray/ssotray/accounts"
)

// Formats are the names Write accepts, in the order shown to people; "env"
// is the default. They are the AWS CLI's `--format` values.
var Formats = []string{"env", "env-no-export", "powershell", "windows-cmd", "fish", "process"}

// lineTemplates are the CLI's _VAR_FORMAT strings per shell format, with
// %[1]s the variable's name and %[2]s its value. Values are not quoted or
// escaped beyond these templates, as in the CLI: key material is base64.
var lineTemplates = map[string]string{
	"env":           "export %[1]s=%[2]s\n",
	"env-no-export": "%[1]s=%[2]s\n",
	"powershell":    "$Env:%[1]s=\"%[2]s\"\n",
	"windows-cmd":   "set %[1]s=%[2]s\n",
	"fish":          "set -gx %[1]s \"%[2]s\"\n",
}

// Write writes c to w in format, one of [Formats]; "" means "env". Every
// format ends its lines with "\n" on every OS: the CLI forces LF for env,
// env-no-export and fish (Git Bash would keep a "\r" in each value), and it
// writes "\n" for the others too, which Windows' console translation turns
// into CRLF there; Go does no such translation, and PowerShell and cmd accept
// LF. SessionToken and the expiry are left out when empty or zero, as the CLI
// does. An unknown format is an error naming the formats; nothing is written
// then.
func Write(w io.Writer, c accounts.Credentials, format string) error {
	if format == "" {
		format = "env"
	}
	var out string
	switch tmpl, ok := lineTemplates[format]; {
	case ok:
		out = lines(tmpl, c)
	case format == "process":
		out = processJSON(c)
	default:
		return fmt.Errorf("unknown credentials format %q: use one of %s", format, strings.Join(Formats, ", "))
	}
	if _, err := io.WriteString(w, out); err != nil {
		return fmt.Errorf("write credentials: %w", err)
	}
	return nil
}

// lines writes the variables in the CLI's order: key ID, secret, session
// token, expiration.
func lines(tmpl string, c accounts.Credentials) string {
	var b strings.Builder
	fmt.Fprintf(&b, tmpl, "AWS_ACCESS_KEY_ID", c.AccessKeyID)
	fmt.Fprintf(&b, tmpl, "AWS_SECRET_ACCESS_KEY", c.SecretAccessKey)
	if c.SessionToken != "" {
		fmt.Fprintf(&b, tmpl, "AWS_SESSION_TOKEN", c.SessionToken)
	}
	if exp := expiration(c.Expiration); exp != "" {
		fmt.Fprintf(&b, tmpl, "AWS_CREDENTIAL_EXPIRATION", exp)
	}
	return b.String()
}

// processJSON is Python's json.dumps(output, indent=2, separators=(",",
// ": ")) of the CLI's dict, with its key order, and a final newline.
func processJSON(c accounts.Credentials) string {
	fields := [][2]string{
		{"AccessKeyId", pyString(c.AccessKeyID)},
		{"SecretAccessKey", pyString(c.SecretAccessKey)},
	}
	if c.SessionToken != "" {
		fields = append(fields, [2]string{"SessionToken", pyString(c.SessionToken)})
	}
	if exp := expiration(c.Expiration); exp != "" {
		fields = append(fields, [2]string{"Expiration", pyString(exp)})
	}
	var b strings.Builder
	b.WriteString("{\n  \"Version\": 1")
	for _, f := range fields {
		b.WriteString(",\n  \"" + f[0] + "\": " + f[1])
	}
	b.WriteString("\n}\n")
	return b.String()
}

// expirationLayout is what the CLI prints for role credentials: botocore's
// SSO fetcher keeps whole seconds ("%Y-%m-%dT%H:%M:%SZ"), and the CLI prints
// datetime.isoformat() of that UTC time, which ends in "+00:00" (observed
// with AWS CLI 2.9.19).
const expirationLayout = "2006-01-02T15:04:05+00:00"

// expiration formats t as the CLI does, or "" for the zero time.
func expiration(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Truncate(time.Second).Format(expirationLayout)
}

// pyString quotes s as Python's json.dumps does with ensure_ascii: the short
// escapes for quote, backslash and \b \f \n \r \t, \u00XX for other control
// characters and DEL, and \uXXXX (a surrogate pair above U+FFFF) for
// non-ASCII: everything outside " " to "~" is escaped.
func pyString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || (r >= 0x7f && r <= 0xffff):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r > 0xffff:
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
