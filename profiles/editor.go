package profiles

import (
	"bytes"
	"fmt"

	"github.com/ssotray/ssotray/storage"
)

// editor collects line edits to the file and applies them in one pass, so
// every line it was not asked to change is copied byte for byte.
type editor struct {
	lines    []storage.ConfigLine
	nl       string         // the file's line ending, for new lines
	replace  map[int]string // line index -> new text; the line's ending stays
	after    map[int][]string
	drop     map[int]bool
	appended [][]string
}

// newEditor returns an editor for the scanned file. New lines end in CRLF
// when the file's first line does.
func newEditor(sc *scanned) *editor {
	e := &editor{lines: sc.lines, nl: "\n", replace: map[int]string{}, after: map[int][]string{}, drop: map[int]bool{}}
	if len(sc.lines) > 0 && bytes.HasSuffix(sc.lines[0].Raw, []byte("\r\n")) {
		e.nl = "\r\n"
	}
	return e
}

// update sets the keys in kv to their values in s: a line with another
// value is rewritten in place, a missing key is added after the section's
// last setting. It returns a note per change, none when s is as it should
// be. A key whose value goes on over indented lines is refused.
func (e *editor) update(file string, s *profileSection, kv []keyValue) ([]string, error) {
	var notes []string
	for _, want := range kv {
		got, ok := s.keys[want.key]
		switch {
		case !ok:
			e.after[s.content] = append(e.after[s.content], want.key+" = "+want.value)
			notes = append(notes, fmt.Sprintf("add %s = %s", want.key, want.value))
		case got.value == want.value:
		case got.last != got.line:
			return nil, &ProblemError{Problems: []storage.Problem{{File: file, Line: got.line + 1,
				Msg: fmt.Sprintf("the value of %s goes on over the indented lines below it; put it on one line", want.key)}}}
		default:
			e.replace[got.line] = want.key + " = " + want.value
			notes = append(notes, fmt.Sprintf("set %s back to %s (was %s)", want.key, want.value, got.value))
		}
	}
	return notes, nil
}

// remove drops s: its header, settings and comments among them, and the
// blank lines after its last setting, but not a comment block at its end,
// which most likely describes the next section (as storage.RemoveSSOSession
// does). Comments above the header stay.
func (e *editor) remove(s *profileSection) {
	keepFrom := s.end
	for j := s.end - 1; j > s.header; j-- {
		if isComment(e.lines[j].Text) {
			keepFrom = j
			continue
		}
		if !isBlank(e.lines[j].Text) {
			break
		}
	}
	for j := s.header; j < keepFrom; j++ {
		e.drop[j] = true
	}
}

// appendSection adds a section at the end of the file.
func (e *editor) appendSection(lines []string) { e.appended = append(e.appended, lines) }

// bytes returns the edited file.
func (e *editor) bytes() []byte {
	var out []byte
	for i, l := range e.lines {
		if e.drop[i] {
			if i == 0 && bytes.HasPrefix(l.Raw, []byte("\uFEFF")) {
				out = append(out, "\uFEFF"...) // the mark belongs to the file
			}
			continue
		}
		raw := l.Raw
		if text, ok := e.replace[i]; ok {
			raw = append([]byte(text), lineEnding(l.Raw)...)
		}
		out = append(out, raw...)
		ins := e.after[i]
		if len(ins) == 0 {
			continue
		}
		// After a last line with no newline, the file keeps having none.
		unterminated := !bytes.HasSuffix(raw, []byte("\n"))
		for k, text := range ins {
			if k > 0 || unterminated {
				out = append(out, e.nl...)
			}
			out = append(out, text...)
		}
		if !unterminated {
			out = append(out, e.nl...)
		}
	}
	if len(e.appended) == 0 {
		return out
	}
	if len(out) > 0 {
		if out[len(out)-1] != '\n' {
			out = append(out, e.nl...)
		}
		if !endsWithBlankLine(out) {
			out = append(out, e.nl...)
		}
	}
	for k, sec := range e.appended {
		if k > 0 {
			out = append(out, e.nl...)
		}
		for _, text := range sec {
			out = append(out, text...)
			out = append(out, e.nl...)
		}
	}
	return out
}

// lineEnding returns the "\r\n", "\n" or nothing that raw ends with.
func lineEnding(raw []byte) []byte {
	switch {
	case bytes.HasSuffix(raw, []byte("\r\n")):
		return []byte("\r\n")
	case bytes.HasSuffix(raw, []byte("\n")):
		return []byte("\n")
	}
	return nil
}

// endsWithBlankLine reports whether b, which ends with a newline, ends with
// an empty line or is only newlines.
func endsWithBlankLine(b []byte) bool {
	b = bytes.TrimSuffix(b[:len(b)-1], []byte("\r"))
	return len(b) == 0 || b[len(b)-1] == '\n'
}

// isBlank reports whether text holds only white space.
func isBlank(text string) bool { return len(bytes.TrimSpace([]byte(text))) == 0 }

// isComment reports whether text is a comment (# or ;), indented or not.
func isComment(text string) bool {
	t := bytes.TrimSpace([]byte(text))
	return len(t) > 0 && (t[0] == '#' || t[0] == ';')
}
