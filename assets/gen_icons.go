//go:build ignore

// gen_icons draws ssotray's icons: the app icon and the tray icon in its three
// states. Run `go generate ./assets` after changing it.
//
// The design is a badge: a state-coloured disc with a dark rim (so it reads
// on light panels) and a white keyhole (so it reads on dark ones).
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

var (
	rim     = color.NRGBA{0x23, 0x2f, 0x3e, 0xff} // AWS "squid ink"
	white   = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	ok      = color.NRGBA{0x1d, 0x8a, 0x4e, 0xff}
	warning = color.NRGBA{0xe8, 0x8f, 0x00, 0xff}
	alert   = color.NRGBA{0xc6, 0x28, 0x28, 0xff}
	brand   = color.NRGBA{0xff, 0x99, 0x00, 0xff}
)

func main() {
	write("icon.png", 256, brand)
	write("tray-ok.png", 64, ok)
	write("tray-warning.png", 64, warning)
	write("tray-signed-out.png", 64, alert)
}

// inside reports which part of the badge the point (x, y) in [-1, 1]² is.
func inside(x, y float64) (color.NRGBA, bool, bool) {
	r := math.Hypot(x, y)
	switch {
	case r > 0.96:
		return color.NRGBA{}, false, false
	case r > 0.80:
		return rim, true, false
	}
	// Keyhole: a circle over a tapered slot.
	hole := math.Hypot(x, y+0.18) < 0.22 || (y > -0.1 && y < 0.52 && math.Abs(x) < 0.09+0.12*(y+0.1)/0.62)
	return color.NRGBA{}, true, hole
}

func write(name string, size int, fill color.NRGBA) {
	const ss = 4 // supersampling per axis
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var rs, gs, bs, as float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px)+(float64(sx)+0.5)/ss)/float64(size)*2 - 1
					y := (float64(py)+(float64(sy)+0.5)/ss)/float64(size)*2 - 1
					c, in, hole := inside(x, y)
					if !in {
						continue
					}
					if c.A == 0 {
						c = fill
					}
					if hole {
						c = white
					}
					rs, gs, bs, as = rs+float64(c.R), gs+float64(c.G), bs+float64(c.B), as+1
				}
			}
			if as == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{uint8(rs / as), uint8(gs / as), uint8(bs / as), uint8(255 * as / ss / ss)})
		}
	}
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
