package ui

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"github.com/ssotray/ssotray/accounts"
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

// credFormatLabel is the words for the format id.
func credFormatLabel(id string) string {
	for _, f := range credFormats {
		if f.id == id {
			return f.label
		}
	}
	return id
}

// hostCredFormat is defaultCredFormat for this computer.
var hostCredFormat = defaultCredFormat(runtime.GOOS)

// formatCredentials writes c to w in format. The text holds secrets: it
// goes to the clipboard only, never to a log or an error.
//
// wired to credexport.Write at merge
var formatCredentials = func(w io.Writer, c accounts.Credentials, format string) error {
	if format != "env" {
		return errors.New("format " + format + " is not available yet")
	}
	_, err := fmt.Fprintf(w, "export AWS_ACCESS_KEY_ID=%s\nexport AWS_SECRET_ACCESS_KEY=%s\nexport AWS_SESSION_TOKEN=%s\nexport AWS_CREDENTIAL_EXPIRATION=%s\n",
		c.AccessKeyID, c.SecretAccessKey, c.SessionToken, c.Expiration.UTC().Format(time.RFC3339))
	return err
}
