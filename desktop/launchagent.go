package desktop

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// launchAgentLocation is ~/Library/LaunchAgents/<ID>.plist.
func (a Autostart) launchAgentLocation() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "Library", "LaunchAgents", a.ID+".plist"), nil
}

func (a Autostart) launchAgentEnabled() (bool, error) {
	path, err := a.launchAgentLocation()
	if err != nil {
		return false, fmt.Errorf("autostart: %w", err)
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("autostart: %w", err)
	}
	args, disabled, err := parseLaunchAgent(data)
	if err != nil {
		return false, fmt.Errorf("autostart: read %s: %w", path, err)
	}
	return !disabled && len(args) > 0 && a.startsUs(args[0]), nil
}

func (a Autostart) launchAgentEnable() error {
	return writeEntry(a.launchAgentLocation, launchAgentPlist(a))
}

func (a Autostart) launchAgentDisable() error {
	return removeEntry(a.launchAgentLocation)
}

// launchAgentPlist renders the LaunchAgent for a, whose fields are already
// resolved. launchd reads it at the next login: RunAtLoad starts the program
// once, LimitLoadToSessionType keeps it to graphical (Aqua) sessions rather
// than ssh logins, and ProcessType Interactive spares it background
// throttling. See launchd.plist(5).
func launchAgentPlist(a Autostart) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">` + "\n")
	b.WriteString("<plist version=\"1.0\">\n<dict>\n")
	b.WriteString("\t<key>Label</key>\n\t<string>" + xmlText(a.ID) + "</string>\n")
	b.WriteString("\t<key>ProgramArguments</key>\n\t<array>\n")
	for _, arg := range append([]string{a.Exec}, a.Args...) {
		b.WriteString("\t\t<string>" + xmlText(arg) + "</string>\n")
	}
	b.WriteString("\t</array>\n")
	b.WriteString("\t<key>RunAtLoad</key>\n\t<true/>\n")
	b.WriteString("\t<key>LimitLoadToSessionType</key>\n\t<string>Aqua</string>\n")
	b.WriteString("\t<key>ProcessType</key>\n\t<string>Interactive</string>\n")
	b.WriteString("</dict>\n</plist>\n")
	return b.Bytes()
}

// xmlText escapes s for character data.
func xmlText(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writes to a bytes.Buffer cannot fail
	return b.String()
}

// parseLaunchAgent reads ProgramArguments and Disabled from the top-level
// dictionary of an XML property list.
func parseLaunchAgent(data []byte) (args []string, disabled bool, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	depth, key := 0, ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil, false, errors.New("no <plist><dict> found")
		}
		if err != nil {
			return nil, false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case depth == 0 && t.Name.Local == "plist", depth == 1 && t.Name.Local == "dict":
				depth++
			case depth < 2:
				if err := d.Skip(); err != nil {
					return nil, false, err
				}
			case t.Name.Local == "key":
				if err := d.DecodeElement(&key, &t); err != nil {
					return nil, false, err
				}
			case key == "ProgramArguments" && t.Name.Local == "array":
				var arr struct {
					Strings []string `xml:"string"`
				}
				if err := d.DecodeElement(&arr, &t); err != nil {
					return nil, false, err
				}
				args, key = arr.Strings, ""
			case key == "Disabled":
				disabled, key = t.Name.Local == "true", ""
				if err := d.Skip(); err != nil {
					return nil, false, err
				}
			default:
				key = ""
				if err := d.Skip(); err != nil {
					return nil, false, err
				}
			}
		case xml.EndElement:
			if depth == 2 {
				return args, disabled, nil
			}
			depth--
		}
	}
}
