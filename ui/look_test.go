package ui

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// lookTheme is the default theme in one variant with every size multiplied
// by scale: at 2 the text, padding and icons double, as a 200 % text
// setting does. (Fyne's own scale factor only multiplies pixels: windows
// and text keep their sizes in device-independent units, so it cannot clip
// anything the 100 % layout does not. The pixel path is covered by
// capturing the QR code at that scale.)
type lookTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
	scale   float32
}

func (t lookTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

func (t lookTheme) Size(n fyne.ThemeSizeName) float32 { return t.Theme.Size(n) * t.scale }

// lookConfig has sign-ins with long names, start URLs and profile lists.
const lookConfig = corpConfig + `
[sso-session sandbox-for-the-platform-engineering-team]
sso_start_url = https://ssoins-7223a5a4e2f14a2b.portal.ap-southeast-4.app.aws
sso_region = ap-southeast-4

[profile sandbox-administrator-access]
sso_session = sandbox-for-the-platform-engineering-team
[profile sandbox-read-only-access]
sso_session = sandbox-for-the-platform-engineering-team
[profile sandbox-billing-and-cost-management]
sso_session = sandbox-for-the-platform-engineering-team

[profile legacy-dev]
sso_start_url = https://d-9067000003.awsapps.com/start
sso_region = eu-central-1
`

var lookVariants = []struct {
	name    string
	variant fyne.ThemeVariant
}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}}

// TestNothingClips renders the main window (with a confirmation up), the
// wizard (with an error showing) and the sign-in window in light and dark
// at 100 % and 200 %, and checks that every piece of text gets the room it
// needs, nothing runs off the window's right edge, no text uses the
// low-contrast disabled colour, and the QR code stays dark on light.
func TestNothingClips(t *testing.T) {
	for _, scale := range []float32{1, 2} {
		for _, v := range lookVariants {
			t.Run(fmt.Sprintf("%s at %.0f%%", v.name, scale*100), func(t *testing.T) {
				e := newEnv(t, withConfig(lookConfig),
					withTheme(lookTheme{Theme: theme.DefaultTheme(), variant: v.variant, scale: scale}),
					withOptions(Options{Demo: true, Version: "v1.2.3", Autostart: &fakeAutostart{}}))
				e.saveToken("corp", t0.Add(7*time.Hour))
				e.u.start()
				// A failing refresh and a gone keyring on corp's row, and
				// the window's own Start at login check (there is no tray).
				e.u.failing["corp"] = refreshFailure{err: errors.New("refresh token: connection reset by peer"), expiresAt: t0.Add(7 * time.Hour)}
				e.u.refreshed["corp"] = t0.Add(-time.Hour)
				e.u.main.rows[0].status.SecretMode = "keyring"
				e.u.main.rows[0].status.SecretsProblem = noKeyring
				e.u.main.tick(t0)
				if !e.u.main.rows[0].note.Visible() || e.u.main.login == nil {
					t.Fatal("the row's note or the login check is missing")
				}
				e.u.main.setMessage("Could not sign out of sandbox-for-the-platform-engineering-team: remove token: permission denied", true)
				e.u.confirmRemove(e.u.main.rows[1].status)

				e.u.OpenWizard(Prefill{StartURL: "https://sso.example-corporation.com/start", Name: "a name"})
				sw := newTestSignInWindow(t, e)
				sw.apply(awaiting(awsPageFull))
				sw.trouble.SetText("Network trouble: check for approval: dial tcp: lookup oidc.eu-west-1.amazonaws.com: no such host — still trying")
				sw.trouble.Show()

				for _, win := range []fyne.Window{e.u.main.win, e.u.wizard.win, sw.win} {
					checkFits(t, win, scale == 1)
				}
				checkQR(t, sw, scale)
			})
		}
	}
}

// checkFits lays win out as the real driver does (never smaller than its
// content's minimum) and checks every visible object in it. With
// atDefault, the window's own size must already fit its content.
func checkFits(t *testing.T, win fyne.Window, atDefault bool) {
	t.Helper()
	c := win.Canvas()
	minSize := c.Content().MinSize()
	if win.Padded() {
		minSize = minSize.AddWidthHeight(2*theme.Padding(), 2*theme.Padding())
	}
	if atDefault && (c.Size().Width < minSize.Width || c.Size().Height < minSize.Height) {
		t.Errorf("%q: its size %v is below its content's minimum %v", win.Title(), c.Size(), minSize)
	}
	win.Resize(c.Size().Max(minSize))
	width := c.Size().Width
	walkVisible(c.Content(), fyne.Position{}, func(o fyne.CanvasObject, abs fyne.Position) {
		checkObject(t, win.Title(), o, abs, width, true)
	})
	// Fyne's dialog never sizes its title label (it draws unclipped), so in
	// overlays only the pop-up itself must get its minimum size.
	for _, overlay := range c.Overlays().List() {
		walkVisible(overlay, fyne.Position{}, func(o fyne.CanvasObject, abs fyne.Position) {
			checkObject(t, win.Title(), o, abs, width, o == overlay)
		})
	}
}

// walkVisible lays out o and every visible object under it, parents first,
// as the real driver does before it paints a changed window, and calls
// visit for each with its position in the window. It does not enter
// entries, whose text scrolls inside them by design.
func walkVisible(o fyne.CanvasObject, parent fyne.Position, visit func(fyne.CanvasObject, fyne.Position)) {
	if !o.Visible() {
		return
	}
	abs := parent.Add(o.Position())
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *keyEntry, *widget.Entry, *widget.List: // they lay out and clip their own contents
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		children = x.Objects
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		r.Layout(x.Size())
		children = r.Objects()
	}
	visit(o, abs)
	for _, c := range children {
		walkVisible(c, abs, visit)
	}
}

const slack = 0.5 // layout rounding

// checkObject checks one object at abs in a window width wide; squeeze
// says whether a widget smaller than its minimum size counts.
func checkObject(t *testing.T, window string, o fyne.CanvasObject, abs fyne.Position, width float32, squeeze bool) {
	t.Helper()
	size, minSize := o.Size(), o.MinSize()
	if txt, ok := o.(*canvas.Text); ok {
		if size.Width+slack < minSize.Width || size.Height+slack < minSize.Height {
			t.Errorf("%q: text %q is clipped: %v for %v", window, txt.Text, size, minSize)
		}
		if abs.X+minSize.Width > width+slack && txt.Text != "" {
			t.Errorf("%q: text %q runs off the window: x %v + %v > %v", window, txt.Text, abs.X, minSize.Width, width)
		}
		return
	}
	if l, ok := o.(*widget.Label); ok {
		if l.Importance == widget.LowImportance && l.Text != "" {
			t.Errorf("%q: label %q uses the low-contrast disabled colour", window, l.Text)
		}
		if l.Truncation != fyne.TextTruncateOff {
			sizeName := l.SizeName
			if sizeName == "" {
				sizeName = theme.SizeNameText
			}
			need := fyne.MeasureText(l.Text, theme.Size(sizeName), l.TextStyle).Width + 2*theme.InnerPadding()
			if need > size.Width+slack {
				t.Errorf("%q: label %q is cut short: needs %v, has %v", window, l.Text, need, size.Width)
			}
		}
	}
	if _, ok := o.(fyne.Widget); ok && squeeze && (size.Width+slack < minSize.Width || size.Height+slack < minSize.Height) {
		text := ""
		if l, ok := o.(*widget.Label); ok {
			text = l.Text
		}
		t.Errorf("%q: %T %q is squeezed: %v for %v at %v", window, o, text, size, minSize, abs)
	}
}

// checkQR captures the sign-in window at scale and checks that the QR
// code's quiet zone is white and its top-left finder pattern black,
// whatever the theme.
func checkQR(t *testing.T, w *signInWindow, scale float32) {
	t.Helper()
	c, ok := w.win.Canvas().(test.WindowlessCanvas)
	if !ok {
		t.Fatalf("the test window's canvas is a %T", w.win.Canvas())
	}
	c.SetScale(scale)
	defer c.SetScale(1)
	img := c.Capture()
	var pos fyne.Position
	walkVisible(w.win.Canvas().Content(), fyne.Position{}, func(o fyne.CanvasObject, abs fyne.Position) {
		if o == w.qr {
			pos = abs
		}
	})
	modules := float32(w.qr.Image.Bounds().Dx())
	module := w.qr.Size().Width / modules
	lum := func(mx, my float32) float64 {
		x := int((pos.X + mx*module) * scale)
		y := int((pos.Y + my*module) * scale)
		r, g, b, _ := img.At(x, y).RGBA()
		return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
	}
	if l := lum(1.5, 1.5); l < 0.9 {
		t.Errorf("the QR code's quiet zone has luminance %.2f, want white", l)
	}
	if l := lum(7.5, 7.5); l > 0.1 { // the finder pattern's 3×3 centre
		t.Errorf("the QR code's finder pattern has luminance %.2f, want black", l)
	}
}

// TestReadableColours checks the contrast of body text and of the status
// colours against the window background, in both variants, as WCAG
// measures it: at least 4.5 to 1.
func TestReadableColours(t *testing.T) {
	for _, v := range lookVariants {
		t.Run(v.name, func(t *testing.T) {
			test.NewTempApp(t)
			test.ApplyTheme(t, lookTheme{Theme: theme.DefaultTheme(), variant: v.variant, scale: 1})
			th := readableTheme{}
			bg := th.Color(theme.ColorNameBackground, v.variant)
			for _, n := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError} {
				if r := contrast(th.Color(n, v.variant), bg); r < 4.5 {
					t.Errorf("%s on the background: contrast %.1f, want at least 4.5", n, r)
				}
			}
		})
	}
	if !isLight(color.White) || isLight(color.Black) || isLight(color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff}) {
		t.Error("isLight is wrong")
	}
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
