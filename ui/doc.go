// Package ui is ssotray's desktop interface: the tray menu, the main window
// with every sign-in and its live countdown, and the sign-in window that shows
// the user code and QR code of a device authorization.
//
// It is the only package besides main that imports Fyne. It never speaks HTTP
// or touches files itself: everything goes through signin.Manager and the
// flow.Attempt it returns. All widget work happens on Fyne's UI goroutine;
// goroutines started here hand their results over with fyne.Do.
package ui
