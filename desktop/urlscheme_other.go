//go:build !windows

package desktop

// Register does nothing: outside Windows the scheme is registered by the
// installed .desktop entry or the app bundle's Info.plist.
func (s URLScheme) Register() error { return nil }

// Registered reports false: outside Windows nothing is registered here.
func (s URLScheme) Registered() bool { return false }

// Unregister does nothing outside Windows.
func (s URLScheme) Unregister() error { return nil }
