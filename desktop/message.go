package desktop

import (
	"encoding/json"
	"fmt"
)

// Commands a second launch sends to the running instance.
const (
	// CmdShow brings the running instance's main window forward.
	CmdShow = "show"
	// CmdAdd opens the add-a-sign-in wizard, prefilled with the message's
	// Name, StartURL and Region, or showing its Problem.
	CmdAdd = "add"
)

// maxMessageSize bounds one encoded message, newline included.
const maxMessageSize = 4 << 10

// Message is what a second launch asks of the running instance. It travels
// as one line of JSON; fields that are not known are ignored, so an older
// instance understands a newer launcher's show and add.
type Message struct {
	// Cmd is CmdShow or CmdAdd.
	Cmd string `json:"cmd"`
	// Name, StartURL and Region prefill the wizard for CmdAdd. They are
	// what the user passed on the command line, not yet checked.
	Name     string `json:"name,omitempty"`
	StartURL string `json:"startUrl,omitempty"`
	Region   string `json:"region,omitempty"`
	// Problem, for CmdAdd, is why an ssotray:// link could not be used,
	// for the wizard to show; the prefill fields are then empty. An
	// instance older than the field opens the wizard empty.
	Problem string `json:"problem,omitempty"`
}

// encode is m as one line of JSON, newline included.
func (m Message) encode() ([]byte, error) {
	if err := m.validate(); err != nil {
		return nil, err
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	b = append(b, '\n')
	if len(b) > maxMessageSize {
		return nil, fmt.Errorf("message is %d bytes, more than the %d allowed", len(b), maxMessageSize)
	}
	return b, nil
}

func (m Message) validate() error {
	switch m.Cmd {
	case CmdShow, CmdAdd:
		return nil
	}
	return fmt.Errorf("unknown command %q", m.Cmd)
}

// decodeMessage parses one line as encode writes it.
func decodeMessage(line []byte) (Message, error) {
	var m Message
	if err := json.Unmarshal(line, &m); err != nil {
		return Message{}, err
	}
	return m, m.validate()
}
