//go:build linux || freebsd || netbsd || openbsd || dragonfly

package desktop

func (a Autostart) enabled() (bool, error) { return a.xdgEnabled() }
func (a Autostart) enable() error          { return a.xdgEnable() }
func (a Autostart) disable() error         { return a.xdgDisable() }

func (a Autostart) location() string {
	path, err := a.xdgLocation()
	if err != nil {
		return ""
	}
	return path
}
