package ui

import (
	"image"
	"testing"
)

func TestQRImage(t *testing.T) {
	img, err := qrImage("https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH")
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != b.Dy() || b.Dx() < 21+8 {
		t.Fatalf("size %v: want a square of at least 21 modules plus the quiet zone", b)
	}
	dark := func(x, y int) bool {
		r, g, bl, _ := img.At(x, y).RGBA()
		return r == 0 && g == 0 && bl == 0
	}
	// The quiet zone, four modules wide, is white all round.
	for i := range b.Dx() {
		for q := range 4 {
			for _, p := range []image.Point{{i, q}, {q, i}, {i, b.Dx() - 1 - q}, {b.Dx() - 1 - q, i}} {
				if dark(p.X, p.Y) {
					t.Fatalf("module %v in the quiet zone is dark", p)
				}
			}
		}
	}
	// The finder patterns start right after it: dark corner, white ring
	// inside, dark centre.
	for _, c := range []image.Point{{4, 4}, {b.Dx() - 5, 4}, {4, b.Dx() - 5}} {
		if !dark(c.X, c.Y) {
			t.Errorf("finder corner %v is not dark", c)
		}
	}
	if dark(5, 5) || !dark(7, 7) {
		t.Errorf("top-left finder pattern is wrong: ring %t, centre %t", !dark(5, 5), dark(7, 7))
	}
}
