package desktop

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// execReserved are the characters that oblige an argument to be quoted in an
// Exec key, from the Desktop Entry Specification, "The Exec key":
// https://specifications.freedesktop.org/desktop-entry-spec/latest/exec-variables.html
const execReserved = " \t\n\"'\\><~|&;$*?#`()"

// xdgLocation is $XDG_CONFIG_HOME/autostart/<ID>.desktop, with
// XDG_CONFIG_HOME defaulting to ~/.config; the Base Directory Specification
// says a relative XDG_CONFIG_HOME is invalid and must be ignored.
func (a Autostart) xdgLocation() (string, error) {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "autostart", a.ID+".desktop"), nil
}

func (a Autostart) xdgEnabled() (bool, error) {
	path, err := a.xdgLocation()
	if err != nil {
		return false, fmt.Errorf("autostart: %w", err)
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("autostart: %w", err)
	}
	entry := parseDesktopEntry(data)
	if entry["Hidden"] == "true" || entry["X-GNOME-Autostart-enabled"] == "false" {
		return false, nil
	}
	argv := parseExec(entry["Exec"])
	return len(argv) > 0 && a.startsUs(argv[0]), nil
}

func (a Autostart) xdgEnable() error {
	return writeEntry(a.xdgLocation, desktopEntry(a))
}

func (a Autostart) xdgDisable() error {
	return removeEntry(a.xdgLocation)
}

// desktopEntry renders the XDG autostart file for a, whose fields are
// already resolved.
func desktopEntry(a Autostart) []byte {
	var b bytes.Buffer
	b.WriteString("[Desktop Entry]\nType=Application\n")
	b.WriteString("Name=" + escapeString(a.Name) + "\n")
	if a.Comment != "" {
		b.WriteString("Comment=" + escapeString(a.Comment) + "\n")
	}
	b.WriteString("Exec=" + execLine(append([]string{a.Exec}, a.Args...)) + "\n")
	b.WriteString("Icon=" + a.ID + "\n")
	b.WriteString("Terminal=false\nX-GNOME-Autostart-enabled=true\nCategories=Utility;\n")
	return b.Bytes()
}

// execLine is the value of an Exec key that runs argv. Each argument that
// is empty or holds a reserved character is put in double quotes, inside
// which '"', '`', '$' and '\' take a backslash; a literal '%' is written
// "%%" everywhere, since a single one starts a field code. The result is then
// escaped as a string value, which doubles every backslash again: the spec's
// "four successive backslash characters" for one literal backslash.
//
// GLib, which GNOME's session uses to read autostart files, matches this
// (checked with gio launch) except for a '%' in the program path itself: it
// looks for the program before expanding "%%", finds no such file and skips
// the entry. The spec allows no other spelling, so such a path cannot work
// there.
func execLine(argv []string) string {
	quoted := make([]string, len(argv))
	for i, arg := range argv {
		arg = strings.ReplaceAll(arg, "%", "%%")
		if arg != "" && !strings.ContainsAny(arg, execReserved) {
			quoted[i] = arg
			continue
		}
		var b strings.Builder
		b.WriteByte('"')
		for _, r := range arg {
			if r == '"' || r == '`' || r == '$' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
		quoted[i] = b.String()
	}
	return escapeString(strings.Join(quoted, " "))
}

// escapeString applies the escape sequences of string values (\s, \n, \t,
// \r, \\), so that the value stays on one line.
func escapeString(s string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`).Replace(s)
}

// unescapeString undoes escapeString; \s is a space too. An unknown escape
// is kept as it is.
func unescapeString(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 's':
			b.WriteByte(' ')
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\\':
			b.WriteByte('\\')
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// parseExec splits an Exec value, as written in the file, into arguments; it
// accepts what execLine writes and is lenient with the rest. Field codes
// other than %% are kept as they are.
func parseExec(value string) []string {
	s := unescapeString(value)
	var (
		argv    []string
		cur     strings.Builder
		inArg   bool
		inQuote bool
	)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inQuote && c == '"':
			inQuote = false
		case inQuote && c == '\\' && i+1 < len(s) && strings.IndexByte("\"`$\\", s[i+1]) >= 0:
			i++
			cur.WriteByte(s[i])
		case !inQuote && c == '"':
			inQuote, inArg = true, true
		case !inQuote && (c == ' ' || c == '\t' || c == '\n'):
			if inArg {
				argv = append(argv, cur.String())
				cur.Reset()
				inArg = false
			}
		case c == '%' && i+1 < len(s) && s[i+1] == '%':
			i++
			cur.WriteByte('%')
			inArg = true
		default:
			cur.WriteByte(c)
			inArg = true
		}
	}
	if inArg {
		argv = append(argv, cur.String())
	}
	return argv
}

// parseDesktopEntry returns the unlocalised keys of the [Desktop Entry]
// group, values as written (not unescaped). Malformed lines are skipped.
func parseDesktopEntry(data []byte) map[string]string {
	keys := make(map[string]string)
	inEntry := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#':
		case line[0] == '[':
			inEntry = line == "[Desktop Entry]"
		case inEntry:
			k, v, ok := strings.Cut(line, "=")
			k = strings.TrimSpace(k)
			if _, dup := keys[k]; ok && !dup && !strings.Contains(k, "[") {
				keys[k] = strings.TrimSpace(v)
			}
		}
	}
	return keys
}
