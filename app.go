package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// appName is the desktop app's executable, installed beside ssotray.
const appName = "ssotray-app"

// findApp finds the desktop app: beside this executable first (as the
// bundle and `make build` install them), then on PATH.
func findApp() (string, error) {
	self, _ := os.Executable()
	return findAppFrom(self, runtime.GOOS, exec.LookPath)
}

// findAppFrom is findApp for the executable self on goos, with lookPath
// searching PATH. Symbolic links to self are resolved first, so a link in
// /usr/local/bin to the ssotray inside a macOS bundle
// (ssotray.app/Contents/MacOS) finds the app beside it there.
func findAppFrom(self, goos string, lookPath func(string) (string, error)) (string, error) {
	name := appName
	if goos == "windows" {
		name += ".exe"
	}
	if self != "" {
		if self, err := filepath.EvalSymlinks(self); err == nil {
			beside := filepath.Join(filepath.Dir(self), name)
			if info, err := os.Stat(beside); err == nil && !info.IsDir() {
				return beside, nil
			}
		}
	}
	path, err := lookPath(name)
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return "", fmt.Errorf("the desktop app (%s) is not installed beside this command or on PATH", name)
		}
		return "", fmt.Errorf("find the desktop app: %w", err)
	}
	return path, nil
}
