package profiles

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ssotray/ssotray/storage"
)

// setting is one name = value line of a section.
type setting struct {
	line  int    // index in the file's lines
	last  int    // index of its last indented continuation or sub-key line
	value string // trimmed, as the AWS CLI reads it
}

// profileSection is a [profile NAME] or [default] section as text.
type profileSection struct {
	name    string
	header  int // index of the header line
	end     int // index of the next header line, or the number of lines
	content int // index of the last line that is neither blank nor a comment
	keys    map[string]setting
	// marker is the parsed ssotray_managed value; ok is false when the key
	// is missing or its value is not session/account/role.
	marker   marker
	markerOK bool
	removed  bool // by prune
}

// marker is the value of MarkerKey.
type marker struct{ session, accountID, role string }

// String returns the value as written.
func (m marker) String() string { return m.session + "/" + m.accountID + "/" + m.role }

// key is the account and role a marker names.
func (m marker) key() roleKey { return roleKey{m.accountID, m.role} }

// parseMarker splits session/account/role from the right: account IDs and
// role names have no '/', session names might.
func parseMarker(v string) (marker, bool) {
	i := strings.LastIndexByte(v, '/')
	if i < 0 {
		return marker{}, false
	}
	j := strings.LastIndexByte(v[:i], '/')
	if j <= 0 || i-j < 2 || i == len(v)-1 {
		return marker{}, false
	}
	return marker{session: v[:j], accountID: v[j+1 : i], role: v[i+1:]}, true
}

// scanned is the file read as lines and profile sections.
type scanned struct {
	lines    []storage.ConfigLine
	sections []*profileSection
	names    nameSet // every profile name in the file
	// fatal are the 1-based lines that make botocore (Python's
	// configparser) refuse the whole file.
	fatal []int
}

// scan reads data the way storage's parser does, keeping line positions.
func scan(data []byte) *scanned {
	s := &scanned{lines: storage.SplitConfigLines(data), names: nameSet{}}
	var cur *profileSection
	inSection := false           // after any header, usable or not
	headers := map[string]bool{} // exact header text, for repeats
	var seen map[string]bool     // keys since the last header
	key, keyIndent, nested := "", 0, false
	for i, l := range s.lines {
		n := i + 1
		if i == 0 && strings.HasPrefix(string(l.Raw), "\uFEFF") || !utf8.ValidString(l.Text) || strings.Contains(l.Text, "\r") {
			s.fatal = append(s.fatal, n)
		}
		trimmed := strings.TrimSpace(l.Text)
		if trimmed == "" || trimmed[0] == '#' || trimmed[0] == ';' {
			continue
		}
		indent := len(l.Text) - len(strings.TrimLeftFunc(l.Text, unicode.IsSpace))
		if indent > 0 && key != "" && indent > keyIndent {
			if nested && !strings.Contains(trimmed, "=") {
				s.fatal = append(s.fatal, n) // configparser splits sub-keys on '=' only
			}
			if cur != nil {
				k := cur.keys[key]
				k.last = i
				cur.keys[key] = k
				cur.content = i
			}
			continue
		}
		if storage.IsConfigHeader(trimmed) {
			cur, key, inSection, seen = nil, "", true, map[string]bool{}
			if !strings.Contains(trimmed, "]") {
				s.fatal = append(s.fatal, n)
			} else if inner := trimmed[1:strings.LastIndexByte(trimmed, ']')]; headers[inner] {
				s.fatal = append(s.fatal, n) // DuplicateSectionError
			} else {
				headers[inner] = true
			}
			if indent == 0 {
				s.closeLast(i)
				if name, ok := storage.ProfileHeader(l.Text); ok {
					cur = &profileSection{name: name, header: i, end: len(s.lines), content: i, keys: map[string]setting{}}
					s.sections = append(s.sections, cur)
					s.names.add(name)
				}
			}
			continue
		}
		eq := strings.IndexAny(trimmed, "=:")
		if !inSection || eq <= 0 {
			// MissingSectionHeaderError, or a ParsingError.
			s.fatal = append(s.fatal, n)
			key = ""
			continue
		}
		key = strings.ToLower(strings.TrimSpace(trimmed[:eq]))
		value := strings.TrimSpace(trimmed[eq+1:])
		keyIndent, nested = indent, value == ""
		if seen[key] {
			s.fatal = append(s.fatal, n) // DuplicateOptionError
			continue
		}
		seen[key] = true
		if cur == nil {
			continue
		}
		cur.keys[key] = setting{line: i, last: i, value: value}
		cur.content = i
		if key == MarkerKey {
			cur.marker, cur.markerOK = parseMarker(value)
		}
	}
	return s
}

// closeLast ends the last profile section at line index i, where a header
// is. The section's end is only ever moved back from the number of lines.
func (s *scanned) closeLast(i int) {
	if len(s.sections) == 0 {
		return
	}
	if last := s.sections[len(s.sections)-1]; last.end > i {
		last.end = i
	}
}
