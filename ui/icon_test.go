package ui

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/ssotray/ssotray/assets"
)

func TestTrayIcon(t *testing.T) {
	seen := map[string]bool{}
	for _, look := range []trayLook{lookSignedIn, lookExpiring, lookSignedOut} {
		res := trayIcon(look)
		if seen[res.Name()] {
			t.Errorf("look %d reuses icon %s", look, res.Name())
		}
		seen[res.Name()] = true
		img, err := png.Decode(bytes.NewReader(res.Content()))
		if err != nil {
			t.Fatalf("look %d: not a PNG: %v", look, err)
		}
		size := img.Bounds().Dx()
		if size < 48 || img.Bounds().Dy() != size {
			t.Errorf("look %d: size %v, want a square of at least 48 px", look, img.Bounds())
		}
		if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
			t.Errorf("look %d: corner alpha %d, want transparent", look, a)
		}
		// The keyhole in the middle is white, on every state's colour.
		if r, g, b, _ := img.At(size/2, size/2).RGBA(); r != 0xffff || g != 0xffff || b != 0xffff {
			t.Errorf("look %d: keyhole is %d,%d,%d, want white", look, r, g, b)
		}
	}
}

// The app icon is set before the tray: Fyne's Windows tray otherwise
// converts its broken-image SVG ("Failed to convert systray icon: image:
// unknown format").
func TestAppIconBeforeTheTray(t *testing.T) {
	tr := &fakeTray{}
	e := newEnv(t, withConfig(corpConfig), withTray(tr))
	e.startLive()
	if !tr.trayed {
		t.Fatal("the tray was never set")
	}
	if tr.appIconAtTray != assets.Icon {
		t.Errorf("app icon when the tray was set = %v, want assets.Icon", tr.appIconAtTray)
	}
}
