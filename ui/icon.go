package ui

import (
	"fyne.io/fyne/v2"

	"github.com/ssotray/ssotray/assets"
)

// trayLook is the overall state the tray icon shows.
type trayLook int

const (
	lookSignedIn  trayLook = iota // every sign-in has a live token
	lookExpiring                  // one expires within expiringSoon
	lookSignedOut                 // one is signed out, expired or unreadable
)

// trayIcon returns the PNG tray icon for look (Linux trays cannot show the
// SVG of Fyne's theme icons).
func trayIcon(look trayLook) fyne.Resource {
	switch look {
	case lookSignedIn:
		return assets.TrayOK
	case lookExpiring:
		return assets.TrayWarning
	default:
		return assets.TraySignedOut
	}
}
