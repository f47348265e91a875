package managed

import (
	"os"
	"runtime"
)

// EnvFile is the environment variable that overrides DefaultPath, for
// tests and for organisations that keep the file elsewhere.
const EnvFile = "SSOTRAY_MANAGED_FILE"

// DefaultPath is where IT places the managed file on this system, or what
// SSOTRAY_MANAGED_FILE says.
func DefaultPath() string {
	if p := os.Getenv(EnvFile); p != "" {
		return p
	}
	return systemPath(runtime.GOOS, os.Getenv("ProgramData"))
}

// systemPath is the managed file's place on goos; programData is
// %ProgramData% on Windows.
func systemPath(goos, programData string) string {
	switch goos {
	case "windows":
		if programData == "" {
			programData = `C:\ProgramData`
		}
		return programData + `\ssotray\managed.json`
	case "darwin":
		return "/Library/Application Support/ssotray/managed.json"
	}
	return "/etc/ssotray/managed.json"
}
