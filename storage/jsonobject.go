package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// member is one key of a JSON object and its value as raw JSON.
type member struct {
	Key   string
	Value json.RawMessage
}

// jsonObject is a JSON object with its keys in file order. A key that appears
// twice keeps its first position and its last value, as Python's json.loads
// does.
type jsonObject []member

// errEmptyFile is parseJSONObject's error for a file with no JSON in it.
var errEmptyFile = errors.New("the file is empty")

// parseJSONObject reads data as one JSON object. Errors say where the text
// is wrong but never quote it, because cache files hold secrets.
func parseJSONObject(data []byte) (jsonObject, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, errEmptyFile
	}
	if err != nil {
		return nil, syntaxReason(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not a JSON object")
	}
	obj := jsonObject{}
	index := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntaxReason(err)
		}
		key, _ := tok.(string) // the decoder only lets strings through as keys
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, syntaxReason(err)
		}
		if i, ok := index[key]; ok {
			obj[i].Value = value
			continue
		}
		index[key] = len(obj)
		obj = append(obj, member{Key: key, Value: value})
	}
	if _, err := dec.Token(); err != nil {
		return nil, syntaxReason(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("not valid JSON: extra text after the object")
	}
	return obj, nil
}

// syntaxReason turns a decoder error into a message without file contents.
func syntaxReason(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("not valid JSON at byte %d", se.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("not valid JSON: the text ends too early")
	default:
		return errors.New("not valid JSON")
	}
}

// get returns the raw value of key.
func (o jsonObject) get(key string) (json.RawMessage, bool) {
	for _, m := range o {
		if m.Key == key {
			return m.Value, true
		}
	}
	return nil, false
}

// unknown returns the members whose keys are not in known, in order.
func (o jsonObject) unknown(known []string) jsonObject {
	var out jsonObject
	for _, m := range o {
		if !slices.Contains(known, m.Key) {
			out = append(out, m)
		}
	}
	return out
}

// str reads key as a string. A missing key gives "", false, nil; a key that
// holds anything but a string (null included) is an error, as in
// aws-sdk-go-v2.
func (o jsonObject) str(key string) (string, bool, error) {
	raw, ok := o.get(key)
	if !ok {
		return "", false, nil
	}
	var s string
	if len(raw) == 0 || raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		return "", true, fmt.Errorf("%s is not a string", key)
	}
	return s, true, nil
}

// strList reads key as a list of strings; missing gives nil.
func (o jsonObject) strList(key string) ([]string, error) {
	raw, ok := o.get(key)
	if !ok {
		return nil, nil
	}
	var list []string
	if len(raw) == 0 || raw[0] != '[' || json.Unmarshal(raw, &list) != nil {
		return nil, fmt.Errorf("%s is not a list of strings", key)
	}
	if list == nil {
		list = []string{}
	}
	return list, nil
}

// equal reports whether o and p have the same keys, order and raw values.
func (o jsonObject) equal(p jsonObject) bool {
	return slices.EqualFunc(o, p, func(a, b member) bool {
		return a.Key == b.Key && bytes.Equal(a.Value, b.Value)
	})
}

// keys returns the keys of o in order.
func (o jsonObject) keys() []string {
	if len(o) == 0 {
		return nil
	}
	out := make([]string, len(o))
	for i, m := range o {
		out[i] = m.Key
	}
	return out
}
