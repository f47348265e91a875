package storage

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the INI dialect of ~/.aws/config into sections, the way
// botocore (configparser.RawConfigParser plus configloader) and
// aws-sdk-go-v2 (internal/ini) read it. Where the two disagree, or where
// botocore would refuse the whole file, a Problem is recorded and parsing
// goes on, so that one bad line does not hide every sign-in.

// sectionKind is what a section header declares.
type sectionKind int

const (
	kindOther      sectionKind = iota // [preview], [plugins], …: ignored
	kindProfile                       // [default] and [profile NAME]
	kindSSOSession                    // [sso-session NAME]
	kindServices                      // [services NAME]
	kindDiscard                       // a header too broken to use
)

// iniValue is one key's value and where it was set.
type iniValue struct {
	s    string
	line int
	// bad marks a value the clients read differently (an inline comment, a
	// value continued on the next line); a Problem was recorded for it.
	bad bool
}

// iniSection is every header with the same kind and name, merged: later keys
// override earlier ones, as aws-sdk-go-v2 does.
type iniSection struct {
	kind   sectionKind
	name   string
	line   int // of the first header
	values iniValues
}

// watchedKeys are the keys this package reads, with their index in
// iniValues. Other keys are checked but not kept, which keeps big files
// cheap to parse.
var watchedKeys = map[string]int{
	"sso_session":             0,
	"sso_start_url":           1,
	"sso_region":              2,
	"sso_registration_scopes": 3,
}

// iniValues holds the values of the watched keys of a section.
type iniValues struct {
	v   [4]iniValue
	set [4]bool
}

// get returns the value of key, if it is watched and set.
func (v *iniValues) get(key string) (iniValue, bool) {
	i, ok := watchedKeys[key]
	if !ok || !v.set[i] {
		return iniValue{}, false
	}
	return v.v[i], true
}

// put stores the value of key if it is watched.
func (v *iniValues) put(key string, val iniValue) {
	if i, ok := watchedKeys[key]; ok {
		v.v[i], v.set[i] = val, true
	}
}

// iniFile is the parse result.
type iniFile struct {
	sections []*iniSection // in order of first header
	problems []Problem
}

// sectionID identifies merged sections.
type sectionID struct {
	kind sectionKind
	name string
}

// iniParser holds the parse state.
type iniParser struct {
	file    string
	out     iniFile
	index   map[sectionID]*iniSection
	headers map[string]int // exact header text -> line, for repeats
	cur     *iniSection    // nil before the first header
	seen    map[string]int // keys since the current header -> line
	key     string         // last key in cur, for indented lines
	keyLine int
	indent  int  // indentation of the key's line
	nested  bool // the key had an empty value: indented lines are sub-keys
}

// parseINI parses data. It never fails; every issue becomes a Problem.
func parseINI(file string, data []byte) iniFile {
	// Sizing the maps up front saves their growth on big files.
	headers := bytes.Count(data, []byte("\n[")) + 1
	p := &iniParser{
		file:    file,
		index:   make(map[sectionID]*iniSection, headers),
		headers: make(map[string]int, headers),
		seen:    map[string]int{},
	}
	p.out.sections = make([]*iniSection, 0, headers)
	text := string(data)
	if rest, ok := strings.CutPrefix(text, "\uFEFF"); ok {
		text = rest
		p.problem(1, "the file starts with a byte order mark, which the AWS CLI and the AWS SDKs cannot read; save it as UTF-8 without BOM")
	}
	checkText := !utf8.ValidString(text) || strings.Count(text, "\r") > strings.Count(text, "\r\n")
	for n := 1; len(text) > 0; n++ {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimSuffix(line, "\r")
		if checkText {
			p.checkText(n, line)
		}
		p.line(n, line)
	}
	return p.out
}

// checkText reports a line that botocore cannot read the way aws-sdk-go-v2
// does: text that is not UTF-8 (Python refuses the whole file), or a carriage
// return on its own (Python ends the line there).
func (p *iniParser) checkText(n int, line string) {
	switch {
	case !utf8.ValidString(line):
		p.problem(n, "this line is not UTF-8 text, so the AWS CLI cannot read the file; save it as UTF-8")
	case strings.Contains(line, "\r"):
		p.problem(n, "this line contains a carriage return without a line feed; save the file with ordinary line endings")
	}
}

// problem records a Problem.
func (p *iniParser) problem(line int, format string, args ...any) {
	p.out.problems = append(p.out.problems, Problem{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// indentOf returns the length of the leading white space, which Python's
// configparser counts as indentation.
func indentOf(line string) int {
	return len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
}

// line handles line n.
func (p *iniParser) line(n int, line string) {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || trimmed[0] == '#' || trimmed[0] == ';' {
		return // blank lines and comments do not end an indented block
	}
	indent := indentOf(line)
	if indent > 0 && p.key != "" && indent > p.indent {
		p.indented(n, trimmed)
		return
	}
	if indent > 0 {
		// botocore reads it as if it were not indented; aws-sdk-go-v2
		// ignores it.
		p.problem(n, "this line starts with spaces, so some AWS tools ignore it; remove the spaces at the start of the line")
	}
	if trimmed[0] == '[' {
		p.header(n, trimmed)
		return
	}
	p.setting(n, trimmed, indent)
}

// indented handles a line indented under the current key: a sub-key when the
// key's value was empty, otherwise a continuation of the value.
func (p *iniParser) indented(n int, trimmed string) {
	if p.nested {
		// botocore splits sub-keys on "=" only and refuses the file otherwise.
		if !strings.Contains(trimmed, "=") {
			p.problem(n, "an indented line under %s must look like name = value", p.key)
		}
		// botocore turns the key into a group of sub-keys; aws-sdk-go-v2
		// keeps the empty value.
		if p.cur != nil && p.cur.kind != kindDiscard {
			if v, ok := p.cur.values.get(p.key); ok && !v.bad {
				v.bad = true
				p.cur.values.put(p.key, v)
				p.problem(n, "%s has indented lines under it; put its value on line %d", p.key, p.keyLine)
			}
		}
		return
	}
	if p.cur == nil || p.cur.kind == kindDiscard {
		return
	}
	// Both clients append the line to the value; a watched value with a line
	// break in it is never what the person meant.
	if v, ok := p.cur.values.get(p.key); ok && !v.bad {
		v.s += "\n" + trimmed
		v.bad = true
		p.cur.values.put(p.key, v)
		p.problem(n, "the value of %s continues on this indented line; put the whole value on line %d", p.key, p.keyLine)
	}
}

// header handles a section header line.
func (p *iniParser) header(n int, trimmed string) {
	p.key = ""
	end := strings.LastIndexByte(trimmed, ']')
	if end < 0 {
		p.problem(n, "this section header has no closing ]")
		p.cur = &iniSection{kind: kindDiscard}
		return
	}
	if after := strings.TrimSpace(trimmed[end+1:]); after != "" && after[0] != '#' && after[0] != ';' {
		p.problem(n, "unexpected text after the section header's closing ]")
	}
	inner := trimmed[1:end]
	kind, name, msg := classifyHeader(inner)
	if msg != "" {
		p.problem(n, "%s", msg)
		p.cur = &iniSection{kind: kindDiscard}
		return
	}
	id := sectionID{kind, name}
	if kind == kindOther {
		id.name = inner
	}
	s := p.index[id]
	switch first, repeated := p.headers[inner]; {
	case repeated:
		// configparser refuses a file that repeats a header exactly.
		p.problem(n, "the section [%s] appears again (first on line %d); the AWS CLI cannot read a file with a repeated section, so merge the two", inner, first)
	case s != nil:
		// botocore keeps only the later of the two; aws-sdk-go-v2 merges them.
		p.problem(n, "[%s] is the same section as the one on line %d, and AWS tools combine the two differently; merge them", inner, s.line)
		p.headers[inner] = n
	default:
		p.headers[inner] = n
	}
	if s == nil {
		s = &iniSection{kind: kind, name: name, line: n}
		p.index[id] = s
		p.out.sections = append(p.out.sections, s)
	}
	p.cur = s
	if len(p.seen) > 64 {
		p.seen = map[string]int{} // cheaper than clearing a big map every time
	} else {
		clear(p.seen)
	}
}

// classifyHeader reads the text between [ and ]. msg explains a header that
// cannot be used.
func classifyHeader(inner string) (kind sectionKind, name, msg string) {
	if strings.TrimSpace(inner) == "" {
		return kindDiscard, "", "this section header has no name"
	}
	if inner[0] == ' ' || inner[0] == '\t' || (inner != "default" && strings.TrimRight(inner, " \t") == "default") {
		return kindDiscard, "", fmt.Sprintf("remove the spaces inside [%s]; the AWS CLI does not recognise the section otherwise", inner)
	}
	first, second, more := splitHeader(inner)
	var what string
	switch first {
	case "default":
		if second == "" {
			return kindProfile, "default", ""
		}
		return kindOther, "", ""
	case "profile":
		kind, what = kindProfile, "profile"
	case "sso-session":
		kind, what = kindSSOSession, "sso-session"
	case "services":
		kind, what = kindServices, "services"
	default:
		return kindOther, "", ""
	}
	switch {
	case second == "":
		return kindDiscard, "", fmt.Sprintf("[%s] needs a name, like [%s NAME]", inner, what)
	case more:
		return kindDiscard, "", fmt.Sprintf("a %s name cannot contain spaces: [%s]", what, inner)
	case strings.ContainsAny(second, "\"'\\#;[]"):
		// botocore and aws-sdk-go-v2 read quotes, backslashes and comment
		// characters in a name differently.
		return kindDiscard, "", fmt.Sprintf("the %s name %q contains a character that AWS tools read differently; use letters, digits, -, _ and .", what, second)
	}
	return kind, second, ""
}

// splitHeader returns the first two whitespace-separated words of s and
// whether there are more.
func splitHeader(s string) (first, second string, more bool) {
	first, rest := nextWord(s)
	second, rest = nextWord(rest)
	third, _ := nextWord(rest)
	return first, second, third != ""
}

// nextWord returns the first word of s and what follows it.
func nextWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, " \t\v\f\r")
	i := strings.IndexAny(s, " \t\v\f\r")
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// setting handles a name = value line.
func (p *iniParser) setting(n int, trimmed string, indent int) {
	i := strings.IndexAny(trimmed, "=:")
	if i < 0 {
		p.key = ""
		p.problem(n, "this line is not a section header, a setting (name = value) or a comment")
		return
	}
	// RawConfigParser lower-cases option names; so does aws-sdk-go-v2.
	key := strings.ToLower(strings.TrimSpace(trimmed[:i]))
	value := strings.TrimSpace(trimmed[i+1:])
	if key == "" {
		p.key = ""
		p.problem(n, "this setting has no name before the %q", trimmed[i:i+1])
		return
	}
	p.key, p.keyLine, p.indent, p.nested = key, n, indent, value == ""
	if p.cur == nil {
		p.cur = &iniSection{kind: kindDiscard}
		p.problem(n, "this setting comes before the first section header, so it belongs to no profile; move it under a section such as [default]")
		return
	}
	if p.cur.kind == kindDiscard {
		return
	}
	if first, ok := p.seen[key]; ok {
		p.problem(n, "%s is set again (first on line %d); the AWS CLI cannot read a file that sets a name twice in one section", key, first)
	} else {
		p.seen[key] = n
	}
	if _, watched := watchedKeys[key]; !watched {
		return
	}
	v := iniValue{s: value, line: n}
	if strings.ContainsAny(value, "#;") {
		v.bad = true
		p.problem(n, "the value of %s contains # or ;, which the AWS SDKs read as the start of a comment but the AWS CLI does not; remove the comment", key)
	}
	p.cur.values.put(key, v)
}
