package cli

import (
	"os"
	"runtime"

	"github.com/ssotray/ssotray/addlink"
)

// ForApp reports whether args (without the program name) belong to the
// desktop app rather than a headless command: no command or --hidden (the
// tray); demo, whose local Identity Center lives in the app (with
// --server-only it runs without a window); and add when a display is
// present and its flags parse, which opens the add-a-sign-in window
// prefilled for the person to check (add --headless writes it at once),
// as does an ssotray:// link (addlink) when a display is present.
func ForApp(args []string, display bool) bool {
	if len(args) == 0 {
		return true
	}
	if addlink.IsLink(args[0]) {
		return display
	}
	switch args[0] {
	case "--hidden":
		return true
	case "demo":
		return true
	case "add":
		a, err := ParseAddArgs(args[1:])
		return display && err == nil && !a.Headless
	}
	return false
}

// HasDisplay reports whether a window can open: always on macOS and
// Windows, with an X11 or Wayland display elsewhere.
func HasDisplay() bool {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}
