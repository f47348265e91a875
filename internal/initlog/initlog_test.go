package initlog

import (
	"bytes"
	"errors"
	"log"
	"testing"
)

// logError logs as fyne.LogError does.
func logError(l *log.Logger, reason string, err error) {
	l.Println("Fyne error: ", reason)
	l.Println("  Cause:", err)
	l.Printf("  At: %s:%d", "/root/go/pkg/mod/fyne.io/fyne/v2@v2.7.1/app/preferences.go", 103)
}

func TestQuitNoiseFilter(t *testing.T) {
	var out bytes.Buffer
	l := log.New(&quitNoiseFilter{w: &out}, "", 0)
	l.Println("before")
	logError(l, "Preferences load error:", errors.New("EOF"))
	l.Println("between")
	logError(l, "Preferences load error:", errors.New("permission denied"))
	logError(l, "Failed on saving preferences", errors.New("EOF"))
	l.Println("after")
	want := "before\nbetween\n" +
		"Fyne error:  Preferences load error:\n  Cause: permission denied\n  At: /root/go/pkg/mod/fyne.io/fyne/v2@v2.7.1/app/preferences.go:103\n" +
		"Fyne error:  Failed on saving preferences\n  Cause: EOF\n  At: /root/go/pkg/mod/fyne.io/fyne/v2@v2.7.1/app/preferences.go:103\n" +
		"after\n"
	if got := out.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
