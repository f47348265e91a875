package storage

import (
	"encoding/json"
	"testing"
)

func TestAppendPyString(t *testing.T) {
	// Expected values are Python 3's json.dumps output.
	tests := []struct {
		in, want string
	}{
		{"", `""`},
		{"plain ASCII ~", `"plain ASCII ~"`},
		{`quote " backslash \ slash /`, `"quote \" backslash \\ slash /"`},
		{"\b\f\n\r\t", `"\b\f\n\r\t"`},
		{"\x00\x1f\x7f", `"\u0000\u001f\u007f"`},
		{"é€", `"\u00e9\u20ac"`},
		{"😀", `"\ud83d\ude00"`},
		{"\U0010FFFF", `"\udbff\udfff"`},
		{"\xff", `"\ufffd"`},
		{"<&>", `"<&>"`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := string(appendPyString(nil, tt.in))
			if got != tt.want {
				t.Errorf("appendPyString(%q) = %s, want %s", tt.in, got, tt.want)
			}
			var back string
			if err := json.Unmarshal([]byte(got), &back); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
		})
	}
}

func TestAppendPyRaw(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`{"a":1,"b":[true,false,null],"c":{},"d":[]}`, `{"a": 1, "b": [true, false, null], "c": {}, "d": []}`},
		{` [ "\u00e9" , 1e3 , -0.5 ] `, `["\u00e9", 1e3, -0.5]`},
		{`{"z":{"y":{"x":"é"}}}`, `{"z": {"y": {"x": "\u00e9"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := appendPyRaw(nil, json.RawMessage(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	if _, err := appendPyRaw(nil, json.RawMessage(`1 2`)); err == nil {
		t.Error("extra data accepted")
	}
}
