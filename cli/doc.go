// Package cli is ssotray's command line: login, status, logout, add and
// secrets, the headless face of the same sign-ins the tray shows. It prints
// for people on stdout, one clear line per failure on stderr, and never
// prints a token or secret. It does not import Fyne: ForApp says which
// command lines belong to the desktop app (cmd/ssotray-app), and Main runs
// the rest for both executables.
package cli
