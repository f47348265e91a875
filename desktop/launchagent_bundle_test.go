package desktop

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The LaunchAgent for the app inside the macOS bundle, written, read back
// and removed the way macOS does it, here on any OS: the plist lands in
// ~/Library/LaunchAgents, launchd gets the bundle's executable and
// --hidden, and the entry is recognised as this app's, also when the
// bundle is moved to a folder whose name has spaces.
func TestLaunchAgentForTheMacOSBundle(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	for _, folder := range []string{"Applications", "My Apps"} {
		exec := filepath.Join(home, folder, "ssotray.app", "Contents", "MacOS", "ssotray-app")
		if err := os.MkdirAll(filepath.Dir(exec), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(exec, nil, 0o755); err != nil {
			t.Fatal(err)
		}
		a, err := Autostart{Exec: exec, Args: []string{"--hidden"}}.resolve(true)
		if err != nil {
			t.Fatal(err)
		}
		if err := a.launchAgentEnable(); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(home, "Library", "LaunchAgents", DefaultID+".plist")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("no LaunchAgent at %s: %v", path, err)
		}
		args, disabled, err := parseLaunchAgent(data)
		if err != nil || disabled || !slices.Equal(args, []string{exec, "--hidden"}) {
			t.Errorf("LaunchAgent runs %q (disabled %t, %v), want the bundle's app with --hidden", args, disabled, err)
		}
		if on, err := a.launchAgentEnabled(); err != nil || !on {
			t.Errorf("enabled = %t, %v after enabling", on, err)
		}
		if err := a.launchAgentDisable(); err != nil {
			t.Fatal(err)
		}
		if on, err := a.launchAgentEnabled(); err != nil || on {
			t.Errorf("enabled = %t, %v after disabling", on, err)
		}
	}
}
