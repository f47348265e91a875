// Package desktop fits ssotray into the user's desktop session: start at
// login, one instance per user, and whether a tray can be shown.
//
// It never imports Fyne, so its tests need no display: [Autostart] writes the
// platform's login item (an XDG autostart entry on Linux and the BSDs, a
// LaunchAgent on macOS, the Run key on Windows), [Claim] makes the process
// the one ssotray of its user or hands its request to the one already
// running, and [TrayHostAvailable] tells the UI whether a tray icon would be
// seen at all.
package desktop
