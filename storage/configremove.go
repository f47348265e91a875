package storage

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/ssotray/ssotray/internal/atomicfile"
	"io/fs"
	"os"
	"strings"
)

// RemoveSSOSession removes every [sso-session NAME] section from the config
// file: each one's header line and the lines after it, up to the next section
// header. Profiles that name the session in sso_session are left as they
// are; the caller says so to the person.
//
// A comment block at the end of a removed section stays, because it most
// likely describes the section that follows (or, at the end of the file, the
// file): the lines removed are the header, the section's settings and
// comments among them, and the blank lines after the last setting up to the
// first trailing comment. Comments above the removed header stay too.
// Every other byte is kept, CRLF line endings and a byte order mark
// included.
//
// Only unindented header lines are recognised; an indented one belongs to the
// section above it, which is how the AWS SDKs read it. A section header that
// merely looks like the session's name in another kind ([profile NAME]) is
// not touched.
//
// The file keeps its mode, a symbolic link is followed rather than replaced,
// and the write is atomic. When the file has no such section, or does not
// exist, the error wraps ErrNotFound and nothing is written. There is no
// lock: an edit another program makes between the read and the rename is
// lost.
func RemoveSSOSession(configFile, name string) error {
	target, err := resolveLink(configFile)
	if err != nil {
		return fmt.Errorf("remove sign-in: %w", err)
	}
	old, err := readRegular(target, maxConfigFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove sign-in: [sso-session %s] in %s: %w", name, configFile, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	fi, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	data, removed := removeSSOSession(old, name)
	if removed == 0 {
		return fmt.Errorf("remove sign-in: [sso-session %s] in %s: %w", name, configFile, ErrNotFound)
	}
	if err := atomicfile.Write(target, data, fi.Mode().Perm()); err != nil {
		return fmt.Errorf("write config %s: %w", target, err)
	}
	return nil
}

// configLine is one line of a config file with its line ending.
type configLine struct {
	raw  []byte // the line as in the file, ending included
	text string // without the ending, a leading byte order mark or a final CR
}

// isHeader reports whether the line is an unindented section header.
func (l configLine) isHeader() bool { return strings.HasPrefix(l.text, "[") }

// isBlank reports whether the line holds only white space.
func (l configLine) isBlank() bool { return strings.TrimSpace(l.text) == "" }

// isComment reports whether the line is a comment (# or ;), indented or not.
func (l configLine) isComment() bool {
	t := strings.TrimSpace(l.text)
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, ";")
}

// isSession reports whether the line is the header of [sso-session name],
// read as the config parser reads headers.
func (l configLine) isSession(name string) bool {
	if !l.isHeader() {
		return false
	}
	t := strings.TrimSpace(l.text)
	end := strings.LastIndexByte(t, ']')
	if end < 0 {
		return false
	}
	kind, got, msg := classifyHeader(t[1:end])
	return msg == "" && kind == kindSSOSession && got == name
}

// splitConfigLines splits data after each '\n', keeping every byte.
func splitConfigLines(data []byte) []configLine {
	raw := bytes.SplitAfter(data, []byte("\n"))
	if len(raw[len(raw)-1]) == 0 {
		raw = raw[:len(raw)-1]
	}
	lines := make([]configLine, len(raw))
	for i, r := range raw {
		t := strings.TrimSuffix(strings.TrimSuffix(string(r), "\n"), "\r")
		if i == 0 {
			t = strings.TrimPrefix(t, "\uFEFF")
		}
		lines[i] = configLine{raw: r, text: t}
	}
	return lines
}

// removeSSOSession returns data without its [sso-session name] sections and
// how many it removed.
func removeSSOSession(data []byte, name string) ([]byte, int) {
	lines := splitConfigLines(data)
	drop := make([]bool, len(lines))
	removed := 0
	for i := 0; i < len(lines); i++ {
		if !lines[i].isSession(name) {
			continue
		}
		removed++
		end := i + 1 // the next header, or len(lines)
		for end < len(lines) && !lines[end].isHeader() {
			end++
		}
		// Keep the trailing comment block: from the first comment after the
		// section's last setting to the end of the section.
		keepFrom := end
		for j := end - 1; j > i; j-- {
			if lines[j].isComment() {
				keepFrom = j
				continue
			}
			if !lines[j].isBlank() {
				break
			}
		}
		for j := i; j < keepFrom; j++ {
			drop[j] = true
		}
		i = end - 1
	}
	if removed == 0 {
		return data, 0
	}
	out := make([]byte, 0, len(data))
	for i, l := range lines {
		switch {
		case !drop[i]:
			out = append(out, l.raw...)
		case i == 0 && bytes.HasPrefix(l.raw, []byte("\uFEFF")):
			out = append(out, "\uFEFF"...) // the mark belongs to the file, not the line
		}
	}
	return out, removed
}
