package desktop

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows/registry"
)

// Registry paths under HKEY_CURRENT_USER. Explorer's StartupApproved\Run
// holds the switch that Task Manager's Startup tab flips for each Run value.
const (
	runKeyPath             = `Software\Microsoft\Windows\CurrentVersion\Run`
	startupApprovedKeyPath = `Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run`
)

func (a Autostart) enabled() (bool, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKeyPath, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("autostart: open %s: %w", runKeyPath, err)
	}
	defer k.Close()
	cmd, _, err := k.GetStringValue(a.Name)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("autostart: read %s: %w", a.location(), err)
	}
	if !a.startsUs(runCommandProgram(cmd)) {
		return false, nil
	}
	return !a.switchedOff(), nil
}

func (a Autostart) enable() error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKeyPath, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("autostart: open %s: %w", runKeyPath, err)
	}
	defer k.Close()
	if err := k.SetStringValue(a.Name, runCommand(a)); err != nil {
		return fmt.Errorf("autostart: write %s: %w", a.location(), err)
	}
	// The user asked for it here, so a switch-off left in Task Manager goes.
	return a.clearSwitch()
}

func (a Autostart) disable() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKeyPath, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return a.clearSwitch()
	}
	if err != nil {
		return fmt.Errorf("autostart: open %s: %w", runKeyPath, err)
	}
	defer k.Close()
	if err := k.DeleteValue(a.Name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("autostart: delete %s: %w", a.location(), err)
	}
	return a.clearSwitch()
}

func (a Autostart) location() string {
	return `HKEY_CURRENT_USER\` + runKeyPath + `\` + a.Name
}

// switchedOff reports whether Task Manager's Startup tab has the entry off.
func (a Autostart) switchedOff() bool {
	k, err := registry.OpenKey(registry.CURRENT_USER, startupApprovedKeyPath, registry.QUERY_VALUE)
	if err != nil {
		return false
	}
	defer k.Close()
	data, _, err := k.GetBinaryValue(a.Name)
	return err == nil && startupApprovedDisabled(data)
}

// clearSwitch removes the entry's StartupApproved value, if any, which
// leaves it switched on.
func (a Autostart) clearSwitch() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, startupApprovedKeyPath, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("autostart: open %s: %w", startupApprovedKeyPath, err)
	}
	defer k.Close()
	if err := k.DeleteValue(a.Name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("autostart: delete %s value %s: %w", startupApprovedKeyPath, a.Name, err)
	}
	return nil
}
