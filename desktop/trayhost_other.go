//go:build !linux && !freebsd && !netbsd && !openbsd && !dragonfly

package desktop

import "context"

// trayHostAvailable: macOS has its menu bar and Windows its notification
// area, always.
func trayHostAvailable(context.Context) bool { return true }
