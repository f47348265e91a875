package winconsole

import (
	"os"

	"golang.org/x/sys/windows"
)

var (
	kernel32          = windows.NewLazySystemDLL("kernel32.dll")
	procAttachConsole = kernel32.NewProc("AttachConsole")
)

// attachParentProcess is ATTACH_PARENT_PROCESS: the console of the
// process that started this one.
const attachParentProcess = ^uintptr(0) // (DWORD)-1

// Attach, in a program that has no console (a GUI-subsystem program), attaches to the
// console of the program that started it, if that has one (cmd.exe,
// PowerShell, Windows Terminal), and points os.Stdout and os.Stderr (and
// os.Stdin) at it where they lead nowhere; streams the caller redirected to
// a file or a pipe are left alone. It reports whether it attached. Started
// from Explorer or at login there is no such console and nothing changes.
//
// Call it first in main, before anything prints. The shell does not wait
// for a GUI program, so its prompt may come back before the output; for
// scripts, ssotray.exe (a console program) is the one to run.
func Attach() bool {
	// A process that has a console (a console-subsystem program) gets
	// ERROR_ACCESS_DENIED here and keeps its own.
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return false
	}
	reopen(&os.Stdout, windows.STD_OUTPUT_HANDLE, "CONOUT$", os.O_WRONLY)
	reopen(&os.Stderr, windows.STD_ERROR_HANDLE, "CONOUT$", os.O_WRONLY)
	reopen(&os.Stdin, windows.STD_INPUT_HANDLE, "CONIN$", os.O_RDONLY)
	return true
}

// reopen points *f, and the process's standard handle std, at the console
// device dev, unless *f already leads somewhere (a redirection).
func reopen(f **os.File, std uint32, dev string, flag int) {
	if h, err := windows.GetStdHandle(std); err == nil && h != 0 && h != windows.InvalidHandle {
		if t, err := windows.GetFileType(h); err == nil && t != windows.FILE_TYPE_UNKNOWN {
			return
		}
	}
	c, err := os.OpenFile(dev, flag, 0)
	if err != nil {
		return
	}
	_ = windows.SetStdHandle(std, windows.Handle(c.Fd()))
	*f = c
}
