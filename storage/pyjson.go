package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// pyObject writes one JSON object the way Python's json.dumps does with its
// default settings: separators ", " and ": ", ensure_ascii (every character
// outside printable ASCII as a lower-case \uXXXX escape, surrogate pairs above
// U+FFFF), keys in the order they are added, no trailing newline. The AWS CLI
// writes its cache files this way, and hashes its registration key this way.
type pyObject struct {
	buf []byte
	n   int
}

// newPyObject starts an object.
func newPyObject() *pyObject {
	return &pyObject{buf: append(make([]byte, 0, 512), '{')}
}

// key writes the separator and the quoted key.
func (o *pyObject) key(k string) {
	if o.n > 0 {
		o.buf = append(o.buf, ", "...)
	}
	o.n++
	o.buf = appendPyString(o.buf, k)
	o.buf = append(o.buf, ": "...)
}

// str adds a string member.
func (o *pyObject) str(k, v string) {
	o.key(k)
	o.buf = appendPyString(o.buf, v)
}

// strOmitEmpty adds a string member unless v is empty.
func (o *pyObject) strOmitEmpty(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

// strList adds a list of strings, or null when list is nil.
func (o *pyObject) strList(k string, list []string) {
	o.key(k)
	if list == nil {
		o.buf = append(o.buf, "null"...)
		return
	}
	o.buf = append(o.buf, '[')
	for i, s := range list {
		if i > 0 {
			o.buf = append(o.buf, ", "...)
		}
		o.buf = appendPyString(o.buf, s)
	}
	o.buf = append(o.buf, ']')
}

// strOrNull adds a string member, or null when v is empty.
func (o *pyObject) strOrNull(k, v string) {
	if v == "" {
		o.key(k)
		o.buf = append(o.buf, "null"...)
		return
	}
	o.str(k, v)
}

// raw adds a member whose value is JSON text, reformatted in Python's style.
// The text was validated when it was read, so an error here means a bug.
func (o *pyObject) raw(k string, v json.RawMessage) error {
	o.key(k)
	var err error
	o.buf, err = appendPyRaw(o.buf, v)
	return err
}

// bytes ends the object and returns its text.
func (o *pyObject) bytes() []byte {
	return append(o.buf, '}')
}

const lowerHex = "0123456789abcdef"

// appendPyString appends s as a JSON string with Python's ensure_ascii
// escaping. Invalid UTF-8 becomes \ufffd, as Go's decoder would read it.
func appendPyString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\b':
				b = append(b, '\\', 'b')
			case c == '\f':
				b = append(b, '\\', 'f')
			case c < ' ' || c == 0x7f:
				b = appendU4(b, rune(c))
			default:
				b = append(b, c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r > 0xffff {
			r -= 0x10000
			b = appendU4(b, 0xd800+(r>>10)&0x3ff)
			b = appendU4(b, 0xdc00+r&0x3ff)
			continue
		}
		b = appendU4(b, r)
	}
	return append(b, '"')
}

// appendU4 appends \uXXXX with lower-case hex digits.
func appendU4(b []byte, r rune) []byte {
	return append(b, '\\', 'u',
		lowerHex[r>>12&0xf], lowerHex[r>>8&0xf], lowerHex[r>>4&0xf], lowerHex[r&0xf])
}

// appendPyRaw appends the JSON value v reformatted as json.dumps would write
// it. Numbers keep their original spelling.
func appendPyRaw(b []byte, v json.RawMessage) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	b, err := appendPyValue(b, dec)
	if err != nil {
		return b, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return b, errors.New("extra data after JSON value")
	}
	return b, nil
}

// appendPyValue copies one value from dec.
func appendPyValue(b []byte, dec *json.Decoder) ([]byte, error) {
	tok, err := dec.Token()
	if err != nil {
		return b, err
	}
	switch t := tok.(type) {
	case json.Delim:
		closing, open := byte('}'), byte(t)
		if t == '[' {
			closing = ']'
		}
		b = append(b, open)
		for i := 0; dec.More(); i++ {
			if i > 0 {
				b = append(b, ", "...)
			}
			if t == '{' {
				k, err := dec.Token()
				if err != nil {
					return b, err
				}
				b = appendPyString(b, k.(string))
				b = append(b, ": "...)
			}
			if b, err = appendPyValue(b, dec); err != nil {
				return b, err
			}
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return b, err
		}
		return append(b, closing), nil
	case string:
		return appendPyString(b, t), nil
	case json.Number:
		return append(b, t...), nil
	case bool:
		if t {
			return append(b, "true"...), nil
		}
		return append(b, "false"...), nil
	case nil:
		return append(b, "null"...), nil
	default:
		return b, fmt.Errorf("unexpected JSON token %T", tok)
	}
}

// members adds the members of obj, reformatted, in order.
func (o *pyObject) members(obj jsonObject) error {
	for _, m := range obj {
		if err := o.raw(m.Key, m.Value); err != nil {
			return fmt.Errorf("unknown key %q: %w", m.Key, err)
		}
	}
	return nil
}
