package ui

import "github.com/ssotray/ssotray/desktop"

// Autostarter installs and removes the entry that starts ssotray at login.
// desktop.Autostart is one; tests pass a fake.
type Autostarter interface {
	// Enabled reports whether the entry exists and starts this program.
	Enabled() (bool, error)
	// Enable creates the entry.
	Enable() error
	// Disable removes the entry; a missing one is not an error.
	Disable() error
	// Location names the entry (a file or registry value), for messages.
	Location() string
}

var _ Autostarter = desktop.Autostart{}

// autostartState is what the UI knows of the entry.
type autostartState struct {
	on   bool // as last read
	busy bool // a switch is in flight: the item ignores clicks
}

// readAutostart reads whether the entry is on. It touches a file, so it
// runs before the app does or on a goroutine.
func (u *UI) readAutostart() (on bool, err error) { return u.opts.Autostart.Enabled() }

// toggleAutostart switches the entry on or off in the background, then
// reads it back: the check follows the entry, not the click. An error shows
// in the main window's message line, which comes forward to show it.
func (u *UI) toggleAutostart() {
	if u.opts.Autostart == nil || u.autostart.busy {
		return
	}
	u.autostart.busy = true
	want := !u.autostart.on
	u.goTask(func() {
		var err error
		if want {
			err = u.opts.Autostart.Enable()
		} else {
			err = u.opts.Autostart.Disable()
		}
		on, readErr := u.readAutostart()
		if err == nil {
			err = readErr
		}
		u.do(func() { u.autostartDone(want, on, err) })
	})
}

// autostartDone shows the outcome of a switch.
func (u *UI) autostartDone(want, on bool, err error) {
	u.autostart.busy = false
	u.autostart.on = on
	u.main.showAutostart(on)
	u.renderTray()
	switch {
	case err != nil:
		what := "turn on"
		if !want {
			what = "turn off"
		}
		u.main.setMessage("Could not "+what+" Start at login: "+err.Error(), true)
		u.showMain()
	case want && !on:
		u.main.setMessage("Start at login is still off: the login entry"+u.autostartWhere()+" does not start this copy of ssotray.", true)
		u.showMain()
	case on:
		u.main.setMessage("ssotray will start when you log in"+u.autostartWhere()+".", false)
	default:
		u.main.setMessage("ssotray will no longer start when you log in.", false)
	}
}

// autostartWhere is " (LOCATION)", or "" when the location is not known.
func (u *UI) autostartWhere() string {
	if loc := u.opts.Autostart.Location(); loc != "" {
		return " (" + loc + ")"
	}
	return ""
}
