package main

import (
	"fmt"
	"os"

	"github.com/ssotray/ssotray/addlink"
	"github.com/ssotray/ssotray/desktop"
	"github.com/ssotray/ssotray/ui"
)

// linkPrefill is what an ssotray:// link opens the wizard with: its checked
// values, or, when any part of it cannot be used, nothing but the problem.
func linkPrefill(link string) ui.Prefill {
	r, err := addlink.Parse(link)
	if err != nil {
		return ui.Prefill{Problem: err.Error()}
	}
	return ui.Prefill{Name: r.Name, StartURL: r.StartURL, Region: r.Region}
}

// addMessage asks a running instance to open the wizard with p.
func addMessage(p ui.Prefill) desktop.Message {
	return desktop.Message{Cmd: desktop.CmdAdd, Name: p.Name, StartURL: p.StartURL, Region: p.Region, Problem: p.Problem}
}

// withLinkEvents adds to msgs the links the operating system hands to the
// running app itself (macOS's Apple Events, see urlevents_darwin.go), as
// add messages; elsewhere links arrive as a second launch's argument and
// msgs is returned as it is.
func withLinkEvents(msgs <-chan desktop.Message) <-chan desktop.Message {
	links := linkEvents()
	if links == nil {
		return msgs
	}
	out := make(chan desktop.Message, 8)
	go func() {
		for {
			select {
			case m, ok := <-msgs:
				if !ok {
					msgs = nil
					continue
				}
				out <- m
			case link := <-links:
				out <- addMessage(linkPrefill(link))
			}
		}
	}()
	return out
}

// registerLinks makes ssotray:// links start this program, where the app
// registers them itself (Windows: the user's registry classes, rewritten
// when the program moved); elsewhere the install did it and this does
// nothing.
func registerLinks() {
	exe, err := os.Executable()
	if err == nil {
		err = desktop.URLScheme{Scheme: addlink.Scheme, Exec: exe}.Register()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "ssotray: %v; ssotray:// links will not open ssotray\n", err)
	}
}
