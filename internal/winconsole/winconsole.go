// Package winconsole lets a Windows GUI-subsystem program (linked with
// -H=windowsgui, so that a double click or the Run key opens no console
// window) still print to the terminal it was started from: ssotray-app
// answers the same commands as ssotray. Elsewhere it does nothing.
package winconsole
