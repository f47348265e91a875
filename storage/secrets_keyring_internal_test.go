package storage

import (
	"errors"
	"strings"
	"testing"

	"github.com/godbus/dbus/v5"
)

// A Secret Service written in Python (KeePassXC's bridge, a GNOME Shell
// extension) answers a failure with its traceback as the D-Bus error's
// body; go-keyring passes that error on. It must come out as one line that
// still names the exception, and errors.As must still find the D-Bus error.
func TestKeyringErrorIsOneLine(t *testing.T) {
	traceback := dbus.Error{
		Name: "org.freedesktop.DBus.Python.dbus.exceptions.DBusException",
		Body: []any{"Traceback (most recent call last):\n" +
			"  File \"/usr/lib/python3/dist-packages/dbus/service.py\", line 711, in _message_cb\n" +
			"    retval = candidate_method(self, *args, **keywords)\n" +
			"  File \"/usr/share/secrets/service.py\", line 42, in SearchItems\n" +
			"    raise DBusException('the collection is locked')\n" +
			"dbus.exceptions.DBusException: the collection is locked\n\n"},
	}
	err := Keyring{Service: "ssotray"}.wrap("read", "refresh/corp", traceback)
	const want = `the system keyring is not available: read keyring entry "refresh/corp": dbus.exceptions.DBusException: the collection is locked`
	if got := err.Error(); got != want {
		t.Errorf("message:\n got %q\nwant %q", got, want)
	}
	if !errors.Is(err, ErrKeyringUnavailable) {
		t.Error("not ErrKeyringUnavailable")
	}
	if _, ok := errors.AsType[dbus.Error](err); !ok {
		t.Error("the D-Bus error is lost")
	}

	long := errors.New(strings.Repeat("x", 300) + "\x1b[2J\tend")
	if got := (oneLineError{long}).Error(); len([]rune(got)) != maxReason+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("long reason: %d runes %q", len([]rune(got)), got)
	}
	if got := (oneLineError{errors.New("a\x1b[2J\tb\r\n")}).Error(); got != "a [2J b" {
		t.Errorf("control characters: %q", got)
	}
}
