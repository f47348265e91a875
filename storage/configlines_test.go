package storage

import (
	"bytes"
	"testing"
)

func TestSplitConfigLinesKeepsEveryByte(t *testing.T) {
	for _, in := range []string{"", "a", "a\n", "\uFEFF[default]\r\nx = 1\r\n", "a\n\nb", "\n\n"} {
		var joined []byte
		for _, l := range SplitConfigLines([]byte(in)) {
			joined = append(joined, l.Raw...)
		}
		if !bytes.Equal(joined, []byte(in)) {
			t.Errorf("SplitConfigLines(%q) joins to %q", in, joined)
		}
	}
	lines := SplitConfigLines([]byte("\uFEFF[default]\r\nx = 1"))
	if len(lines) != 2 || lines[0].Text != "[default]" || lines[1].Text != "x = 1" {
		t.Errorf("lines = %+v", lines)
	}
}

func TestProfileHeader(t *testing.T) {
	tests := []struct {
		line string
		name string
		ok   bool
	}{
		{"[default]", "default", true},
		{"[profile dev]", "dev", true},
		{"[profile   Data-Lake.Admin]  # mine", "Data-Lake.Admin", true},
		{"[profile\tdev]", "dev", true},
		{"[sso-session dev]", "", false},
		{"[profile a b]", "", false},
		{"[profile a#b]", "", false},
		{"[profile]", "", false},
		{" [profile dev]", "", false}, // indented: part of the section above
		{"[profile dev", "", false},
		{"region = x", "", false},
	}
	for _, tt := range tests {
		name, ok := ProfileHeader(tt.line)
		if name != tt.name || ok != tt.ok {
			t.Errorf("ProfileHeader(%q) = %q, %t; want %q, %t", tt.line, name, ok, tt.name, tt.ok)
		}
	}
}
