//go:build (linux || freebsd || netbsd || openbsd) && cgo && !ci

package main

import "github.com/go-gl/glfw/v3.3/glfw"

// setWindowClass makes every window of the app identify as ssotray to the
// desktop (the X11 WM_CLASS), so docks and task bars group the wizard and
// the sign-in windows with the main one and with the launcher, whose entry
// says StartupWMClass=ssotray. GLFW names a window's class after its title
// unless told otherwise, and Fyne never resets the window hints, so setting
// them once, after Fyne has started GLFW (its first NewWindow) and before
// any window is shown (created), applies to all. It must run on the main
// goroutine, which Fyne keeps on the main thread. Wayland ignores it.
func setWindowClass() {
	glfw.WindowHintString(glfw.X11ClassName, "ssotray")
	glfw.WindowHintString(glfw.X11InstanceName, "ssotray")
}
