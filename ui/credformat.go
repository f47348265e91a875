package ui

import (
	"runtime"
)

// credFormat is one way of copying credentials: the AWS CLI's
// `configure export-credentials --format` name, and the words for it.
type credFormat struct {
	id    string
	label string
}

// credFormats are the formats "Copy credentials" offers, in menu order.
var credFormats = []credFormat{
	{"env", "Shell (export)"},
	{"env-no-export", "Shell (no export)"},
	{"powershell", "PowerShell"},
	{"windows-cmd", "Windows Command Prompt"},
	{"fish", "fish"},
	{"process", "credential_process JSON"},
}

// defaultCredFormat is the format "Copy credentials" uses on goos:
// PowerShell on Windows, a shell's export lines elsewhere.
func defaultCredFormat(goos string) string {
	if goos == "windows" {
		return "powershell"
	}
	return "env"
}

// hostCredFormat is defaultCredFormat for this computer.
var hostCredFormat = defaultCredFormat(runtime.GOOS)
