package desktop

import "strings"

// runCommand is the Run value that starts a: the program path always in
// double quotes (a Windows path cannot hold one), then each argument quoted
// the way CommandLineToArgvW splits them.
func runCommand(a Autostart) string {
	var b strings.Builder
	b.WriteString(`"` + a.Exec + `"`)
	for _, arg := range a.Args {
		b.WriteByte(' ')
		b.WriteString(escapeWindowsArg(arg))
	}
	return b.String()
}

// runCommandProgram is the program part of a Run value: the first quoted or
// blank-delimited word.
func runCommandProgram(cmd string) string {
	cmd = strings.TrimLeft(cmd, " \t")
	if rest, ok := strings.CutPrefix(cmd, `"`); ok {
		prog, _, _ := strings.Cut(rest, `"`)
		return prog
	}
	prog, _, _ := strings.Cut(cmd, " ")
	prog, _, _ = strings.Cut(prog, "\t")
	return prog
}

// startupApprovedDisabled reports whether a StartupApproved value marks its
// entry as switched off: Explorer writes 02 (or 06) followed by zeroes for
// on, and 03 (or 07) followed by the time of the change for off.
func startupApprovedDisabled(data []byte) bool {
	return len(data) > 0 && data[0]&1 == 1
}

// escapeWindowsArg quotes s for CommandLineToArgvW; it is syscall.EscapeArg,
// which exists only on Windows.
func escapeWindowsArg(s string) string {
	if s == "" {
		return `""`
	}
	needsBackslash := strings.ContainsAny(s, `"\`)
	hasSpace := strings.ContainsAny(s, " \t")
	if !needsBackslash && !hasSpace {
		return s
	}
	if !needsBackslash {
		return `"` + s + `"`
	}
	var b strings.Builder
	if hasSpace {
		b.WriteByte('"')
	}
	slashes := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		default:
			slashes = 0
		case '\\':
			slashes++
		case '"':
			for ; slashes > 0; slashes-- {
				b.WriteByte('\\')
			}
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	if hasSpace {
		for ; slashes > 0; slashes-- {
			b.WriteByte('\\')
		}
		b.WriteByte('"')
	}
	return b.String()
}
