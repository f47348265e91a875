//go:build !windows

package main

import (
	"fmt"
	"os"
	"syscall"
)

// startApp replaces this process with the desktop app, given the same
// arguments, so the app keeps the terminal, the process ID and the signals
// (Ctrl-C quits the demo and removes its home). It returns only on failure.
func startApp(args []string) error {
	path, err := findApp()
	if err != nil {
		return err
	}
	err = syscall.Exec(path, append([]string{path}, args...), os.Environ())
	return fmt.Errorf("start the desktop app %s: %w", path, err)
}
