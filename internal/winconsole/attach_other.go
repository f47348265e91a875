//go:build !windows

package winconsole

// Attach does nothing outside Windows, where a program's standard streams
// are its terminal's already. It reports false.
func Attach() bool { return false }
