package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Fyne's light variant draws success green (#43f436) and warning orange
// (#ff9800) text on white at contrast ratios of about 1.6 and 2.2 to 1, far
// below the 4.5 that WCAG asks of body text; "Signed in · 7 h left" must be
// readable on any panel. These are the Material palette's darker shades of
// the same hues, each above 4.5 to 1 on white.
var (
	lightSuccess = color.NRGBA{R: 0x1b, G: 0x7a, B: 0x2a, A: 0xff}
	lightWarning = color.NRGBA{R: 0xa3, G: 0x4e, B: 0x00, A: 0xff}
	lightError   = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
)

// readableTheme is the app's current theme with the light variant's status
// colours darkened. It asks the app for the current theme on every call, so
// it follows a theme or variant change made while ssotray runs.
type readableTheme struct{}

var _ fyne.Theme = readableTheme{}

func (readableTheme) current() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

// Color darkens the status colours when the background is light. It looks
// at the background rather than the variant, so a light custom theme (or
// one that ignores the variant, as theme.LightTheme does) gets them too.
func (t readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	cur := t.current()
	switch n {
	case theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError:
		if !isLight(cur.Color(theme.ColorNameBackground, v)) {
			break
		}
		switch n {
		case theme.ColorNameSuccess:
			return lightSuccess
		case theme.ColorNameWarning:
			return lightWarning
		default:
			return lightError
		}
	}
	return cur.Color(n, v)
}

// isLight reports whether c is closer to white than to black.
func isLight(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	// Rec. 601 luma, on 16-bit channels.
	return 299*r+587*g+114*b > 1000*0x7fff
}

func (t readableTheme) Font(s fyne.TextStyle) fyne.Resource { return t.current().Font(s) }

func (t readableTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.current().Icon(n) }

func (t readableTheme) Size(n fyne.ThemeSizeName) float32 { return t.current().Size(n) }

// readable wraps a window's content in readableTheme. Objects added to the
// content later only follow it once the returned container is refreshed.
func readable(content fyne.CanvasObject) *container.ThemeOverride {
	return container.NewThemeOverride(content, readableTheme{})
}
