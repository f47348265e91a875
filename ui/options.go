package ui

import "net/url"

// Options tune the UI. The zero value of every field is the real default.
type Options struct {
	// Demo marks a run of `ssotray demo`: every window shows a visible
	// "Demo" marker, and a verification page on a loopback address (the
	// built-in local Identity Center) is allowed. Default: false.
	Demo bool
	// OpenURL opens the verification page in the browser. Default: the
	// Fyne app's OpenURL.
	OpenURL func(*url.URL) error
	// Version is the app version shown in the main window. Default: none.
	Version string
}
