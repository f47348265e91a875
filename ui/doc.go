// Package ui is ssotray's desktop interface: the tray menu, the main window
// with every sign-in and its live countdown, the sign-in window that shows
// the user code and QR code of a device authorization, and the "Add a
// sign-in" wizard that a helpdesk can talk a person through on the phone.
//
// A monitor.Monitor keeps it current: every snapshot redraws the list, the
// tray menu and the tray icon, and the monitor's events become the two
// notifications a person needs (a session that cannot refresh ends in 15
// minutes; a session ended). Background refreshes show on the rows and in
// the menu, never as notifications. Where no tray host exists the main
// window is the app, and closing it quits.
//
// It is the only package besides main that imports Fyne. It never speaks HTTP
// or touches files itself: everything goes through signin.Manager, the
// flow.Attempt it returns, and storage's config edits. All widget work
// happens on Fyne's UI goroutine; goroutines started here hand their results
// over with fyne.Do.
package ui
