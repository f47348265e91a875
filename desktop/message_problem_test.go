package desktop

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A link's problem travels to the running instance; a message without one
// encodes exactly as before the field existed.
func TestMessageProblemRoundTrip(t *testing.T) {
	want := Message{Cmd: CmdAdd, Problem: "the link's start URL cannot be used: the start URL must begin with https://"}
	line, err := want.encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeMessage(line)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	old, err := Message{Cmd: CmdAdd, Name: "corp"}.encode()
	if err != nil {
		t.Fatal(err)
	}
	if string(old) != `{"cmd":"add","name":"corp"}`+"\n" {
		t.Errorf("a message without a problem encodes as %s", old)
	}
}

// An instance from before the field reads a newer launcher's message as a
// plain add (its decoder ignores the unknown key), so it opens the wizard.
func TestMessageProblemIgnoredByOlderInstance(t *testing.T) {
	line, err := Message{Cmd: CmdAdd, Problem: "bad link"}.encode()
	if err != nil {
		t.Fatal(err)
	}
	var older struct {
		Cmd      string `json:"cmd"`
		Name     string `json:"name,omitempty"`
		StartURL string `json:"startUrl,omitempty"`
		Region   string `json:"region,omitempty"`
	}
	if err := json.Unmarshal(line, &older); err != nil || older.Cmd != CmdAdd {
		t.Fatalf("older decode = %+v, %v", older, err)
	}
}
