// Command barefyne is the baseline for ssotray's desktop benchmark: the
// smallest Fyne app with a window (or, with --tray, only a tray icon), built
// with the same toolkit version and flags.
package main

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/ssotray/ssotray/assets"
)

func main() {
	a := app.NewWithID("io.github.ssotray.barefyne")
	if len(os.Args) > 1 && os.Args[1] == "--tray" {
		if d, ok := a.(desktop.App); ok {
			d.SetSystemTrayMenu(fyne.NewMenu("bare", fyne.NewMenuItem("Hello", func() {})))
			d.SetSystemTrayIcon(assets.TrayOK) // PNG, as Linux trays need
		}
		a.Run()
		return
	}
	w := a.NewWindow("barefyne")
	w.SetContent(widget.NewLabel("Hello"))
	w.Resize(fyne.NewSize(520, 420))
	w.ShowAndRun()
}
