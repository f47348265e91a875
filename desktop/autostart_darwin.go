package desktop

func (a Autostart) enabled() (bool, error) { return a.launchAgentEnabled() }
func (a Autostart) enable() error          { return a.launchAgentEnable() }
func (a Autostart) disable() error         { return a.launchAgentDisable() }

func (a Autostart) location() string {
	path, err := a.launchAgentLocation()
	if err != nil {
		return ""
	}
	return path
}
