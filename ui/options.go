package ui

import (
	"net/url"

	"github.com/ssotray/ssotray/flow"

	"github.com/ssotray/ssotray/desktop"
	"github.com/ssotray/ssotray/monitor"
	"github.com/ssotray/ssotray/storage"
)

// Options tune the UI. The zero value of every field is the real default.
type Options struct {
	// Demo marks a run of `ssotray demo`: every window shows a visible
	// "Demo" marker, and a verification page on a loopback address (the
	// built-in local Identity Center) is allowed. Default: false.
	Demo bool
	// OpenURL opens the verification page, and the AWS console, in the
	// browser. Default: the Fyne app's OpenURL.
	OpenURL func(*url.URL) error
	// SignInMethod is how a sign-in window starts: flow.Auto, the default,
	// signs in as the AWS CLI does (in the browser on this computer for
	// [sso-session] sign-ins, with a code for legacy profiles); flow.
	// DeviceCode always shows a code, for a person whose browser cannot
	// reach this computer's 127.0.0.1 (a remote desktop, a VM).
	SignInMethod flow.Method
	// Version is the app version shown in the main window. Default: none.
	Version string
	// Hidden starts the app in the tray with no window, as it starts at
	// login. It is ignored when there is no tray (TrayHost is false, or the
	// app has none), since a hidden window could not be brought back.
	// Default: false, the main window shows at start.
	Hidden bool
	// TrayHost says a system tray can show the icon (see
	// desktop.TrayHostAvailable). When false the UI makes no tray call at
	// all and the main window is the app: it opens at start, carries its own
	// "Start at login" check, and closing it quits. Default: false.
	TrayHost bool
	// Monitor keeps the list, the tray menu and the notifications current.
	// The UI runs it (Run) for as long as the UI runs, whether it made it or
	// was given it, so the caller must not run it too. Default: a monitor
	// over the Manager that watches its token cache directory.
	Monitor *monitor.Monitor
	// Autostart manages "Start at login"; desktop.Autostart is one.
	// Default: nil, which hides that item.
	Autostart Autostarter
	// Messages carries the requests of later launches
	// (desktop.Instance.Messages): "show" brings the main window forward,
	// "add" opens the wizard prefilled, never submitting it. Default: nil,
	// none.
	Messages <-chan desktop.Message
	// Roles lists each sign-in's accounts and acts on their roles: the
	// main window's "Accounts…" button, the accounts view and the tray's
	// quick roles use it. *signin.Manager is one. Default: nil, which
	// hides all three.
	Roles Roles
	// Managed reports the sign-ins the organisation's managed file lists
	// (managed.File.Manages): their rows say so and cannot be removed.
	// Default: nil, none.
	Managed func(storage.SignIn) bool
	// SecretsPolicy is where the organisation keeps secrets (managed
	// File.SecretMode): the wizard's choice is fixed to it and managed
	// rows offer no switch. Default: "", the person chooses.
	SecretsPolicy storage.SecretMode
}
