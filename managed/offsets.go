package managed

import (
	"bytes"
	"encoding/json"
)

// offsets are where the parts of a well-formed managed file begin, so a
// value the checks refuse can be reported with its line.
type offsets struct {
	signIns []int64 // each element of signIns
	policy  int64   // the policy object
}

// signIn is where element i begins, or the file's start if unknown.
func (o offsets) signIn(i int) int64 {
	if i < len(o.signIns) {
		return o.signIns[i]
	}
	return 0
}

// elementOffsets walks the top-level object of data (already known to
// decode) with a token decoder. It records, for each signIns element and
// for policy, the offset of its first character.
func elementOffsets(data []byte) offsets {
	var o offsets
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return o
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return o
		}
		switch key {
		case "signIns":
			if t, err := dec.Token(); err != nil || t != json.Delim('[') {
				return o
			}
			for dec.More() {
				o.signIns = append(o.signIns, valueStart(data, dec.InputOffset()))
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return o
				}
			}
			if _, err := dec.Token(); err != nil { // ]
				return o
			}
		default:
			if key == "policy" {
				o.policy = valueStart(data, dec.InputOffset())
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return o
			}
		}
	}
	return o
}

// valueStart skips the blanks, commas and colon between the decoder's
// offset and the next value.
func valueStart(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}
