//go:build !linux && !freebsd && !netbsd && !openbsd && !dragonfly && !darwin && !windows

package desktop

import (
	"errors"
	"fmt"
)

func (a Autostart) enabled() (bool, error) { return false, nil }

func (a Autostart) enable() error {
	return fmt.Errorf("autostart: %w", errors.ErrUnsupported)
}

func (a Autostart) disable() error { return nil }

func (a Autostart) location() string { return "" }
