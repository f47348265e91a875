package storage

import "strings"

// This file exports the line-level view of the config file that
// RemoveSSOSession and AddSSOSession use, so that other packages (profiles)
// can edit the file as text with the same reading of lines and headers.

// ConfigLine is one line of a config file.
type ConfigLine struct {
	// Raw is the line exactly as in the file, its line ending included (the
	// last line may have none).
	Raw []byte
	// Text is the line without its ending, a final carriage return or, on
	// the first line, a byte order mark.
	Text string
}

// SplitConfigLines splits data after each '\n', keeping every byte: the Raw
// fields joined give data back.
func SplitConfigLines(data []byte) []ConfigLine {
	if len(data) == 0 {
		return nil
	}
	lines := splitConfigLines(data)
	out := make([]ConfigLine, len(lines))
	for i, l := range lines {
		out[i] = ConfigLine{Raw: l.raw, Text: l.text}
	}
	return out
}

// IsConfigHeader reports whether text (a ConfigLine's Text) starts a section:
// an unindented line starting with '['. An indented header belongs to the
// section above it, as the AWS SDKs read it.
func IsConfigHeader(text string) bool { return strings.HasPrefix(text, "[") }

// ProfileHeader reads text (a ConfigLine's Text) as the config parser reads a
// section header and, when it is a usable [default] or [profile NAME]
// header, returns the profile's name ("default" for [default]).
func ProfileHeader(text string) (name string, ok bool) {
	if !IsConfigHeader(text) {
		return "", false
	}
	t := strings.TrimSpace(text)
	end := strings.LastIndexByte(t, ']')
	if end < 0 {
		return "", false
	}
	kind, got, msg := classifyHeader(t[1:end])
	if msg != "" || kind != kindProfile {
		return "", false
	}
	return got, true
}

// ResolveConfigLink returns the file to write when replacing path: the
// target of a symbolic link (followed, not replaced, as AddSSOSession does),
// or path itself. A dangling link gives the file it names.
func ResolveConfigLink(path string) (string, error) { return resolveLink(path) }
