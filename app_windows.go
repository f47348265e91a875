package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// startApp runs the desktop app with the same arguments and this console,
// and exits with its exit code once it ends (Windows has no exec). It
// returns only when the app could not start.
func startApp(args []string) error {
	path, err := findApp()
	if err != nil {
		return err
	}
	cmd := exec.Command(path, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start the desktop app %s: %w", path, err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		os.Exit(exit.ExitCode())
	}
	if err != nil {
		os.Exit(1)
	}
	os.Exit(0)
	return nil
}
