// Package assets holds ssotray's icons as Fyne resources: the app icon and
// the tray icon for each overall state. The PNGs are drawn by gen_icons.go.
package assets

//go:generate go run gen_icons.go

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

var (
	//go:embed icon.png
	iconPNG []byte
	//go:embed tray-ok.png
	trayOKPNG []byte
	//go:embed tray-warning.png
	trayWarningPNG []byte
	//go:embed tray-signed-out.png
	traySignedOutPNG []byte
)

// Icon is the app icon (256×256).
var Icon = fyne.NewStaticResource("ssotray.png", iconPNG)

// Tray icons (64×64 PNG: Linux trays cannot show SVG) for the overall state.
var (
	// TrayOK: every sign-in is signed in.
	TrayOK = fyne.NewStaticResource("tray-ok.png", trayOKPNG)
	// TrayWarning: a sign-in expires within 15 minutes.
	TrayWarning = fyne.NewStaticResource("tray-warning.png", trayWarningPNG)
	// TraySignedOut: a sign-in has expired or is signed out.
	TraySignedOut = fyne.NewStaticResource("tray-signed-out.png", traySignedOutPNG)
)
