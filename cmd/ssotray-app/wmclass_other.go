//go:build !((linux || freebsd || netbsd || openbsd) && cgo && !ci)

package main

// setWindowClass does nothing where windows have no X11 class (macOS and
// Windows group an app's windows by the app itself) or no GLFW (the ci
// build, without cgo).
func setWindowClass() {}
