package ui

import (
	"image"
	"image/color"

	"github.com/skip2/go-qrcode"
)

// qrImage draws content as a QR code at one pixel per module, quiet zone
// included, dark modules on white whatever the theme, so phone cameras read
// it in dark mode too. The canvas.Image that shows it scales pixels up
// without smoothing.
func qrImage(content string) (image.Image, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	q.DisableBorder = false // the quiet zone is part of the code
	bits := q.Bitmap()
	img := image.NewGray(image.Rect(0, 0, len(bits), len(bits)))
	for y, line := range bits {
		for x, dark := range line {
			c := color.Gray{Y: 0xff}
			if dark {
				c = color.Gray{Y: 0}
			}
			img.SetGray(x, y, c)
		}
	}
	return img, nil
}
