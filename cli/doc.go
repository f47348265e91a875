// Package cli is ssotray's command line: login, status, logout, add and
// secrets, the headless face of the same sign-ins the tray shows. It prints
// for people on stdout, one clear line per failure on stderr, and never
// prints a token or secret. It does not import Fyne; main runs the GUI
// commands.
package cli
