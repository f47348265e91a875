package desktop

import "context"

// TrayHostAvailable reports whether a tray icon would be shown. On Linux
// and the BSDs, trays speak the StatusNotifierItem protocol over the D-Bus
// session bus, and an icon only appears when some panel owns the name
// org.kde.StatusNotifierWatcher; many desktops (GNOME without an extension,
// bare window managers, CI) have none, and the app must then open its main
// window instead. The answer is false when there is no session bus address,
// when the bus cannot be reached or does not answer before ctx ends, and
// when nobody owns the name; callers should pass a context with a timeout
// of about a second. The bus is never autolaunched. Other systems always
// have a tray and get true.
func TrayHostAvailable(ctx context.Context) bool {
	return trayHostAvailable(ctx)
}
