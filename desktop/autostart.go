package desktop

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/ssotray/ssotray/internal/atomicfile"
)

// Defaults for the zero [Autostart]; they match FyneApp.toml.
const (
	DefaultID   = "io.github.ssotray"
	DefaultName = "ssotray"
)

// Autostart is the entry that starts ssotray when the user logs in: an XDG
// autostart file ($XDG_CONFIG_HOME/autostart/<ID>.desktop) on Linux and the
// BSDs, a LaunchAgent (~/Library/LaunchAgents/<ID>.plist) on macOS, and the
// value <Name> under HKCU\Software\Microsoft\Windows\CurrentVersion\Run on
// Windows. The zero value describes the running binary with the default ID
// and name. On other systems Enabled reports false and Enable returns an
// error matching [errors.ErrUnsupported].
type Autostart struct {
	// ID is the reverse-DNS application ID, used as the file name on Linux
	// and macOS and as the icon name. It defaults to DefaultID.
	ID string
	// Name is the name shown by the desktop (and the Run value's name on
	// Windows). It defaults to DefaultName.
	Name string
	// Exec is the absolute path of the program to start. It defaults to
	// os.Executable with symbolic links resolved.
	Exec string
	// Args are passed to Exec after the program name.
	Args []string
	// Comment is the XDG entry's tooltip; it is left out when empty.
	Comment string
}

// Enabled reports whether the entry exists and starts this Exec: an entry
// that starts some other binary, or that the user switched off in the
// desktop's own settings (Hidden=true or X-GNOME-Autostart-enabled=false in
// an XDG file, Disabled in a LaunchAgent, a "disabled" mark under
// StartupApproved on Windows), does not count.
func (a Autostart) Enabled() (bool, error) {
	a, err := a.resolve(true)
	if err != nil {
		return false, fmt.Errorf("autostart: %w", err)
	}
	return a.enabled()
}

// Enable creates or replaces the entry so that Exec starts at login. It is
// idempotent. Files are written to a temporary name and renamed into place;
// a missing parent directory is created with mode 0700.
func (a Autostart) Enable() error {
	a, err := a.resolve(true)
	if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	return a.enable()
}

// Disable removes the entry. It is idempotent: a missing entry is not an
// error.
func (a Autostart) Disable() error {
	a, err := a.resolve(false)
	if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	return a.disable()
}

// Location is the file or registry value that Enable writes, for showing to
// the user; it is empty when it cannot be worked out (no home directory, an
// invalid ID, an unsupported system).
func (a Autostart) Location() string {
	a, err := a.resolve(false)
	if err != nil {
		return ""
	}
	return a.location()
}

// resolve fills in the defaults and checks the fields; Exec is looked up and
// checked only when withExec is set, since Disable and Location do not need
// it.
func (a Autostart) resolve(withExec bool) (Autostart, error) {
	if a.ID == "" {
		a.ID = DefaultID
	}
	if a.Name == "" {
		a.Name = DefaultName
	}
	if !validID(a.ID) {
		return a, fmt.Errorf("invalid ID %q", a.ID)
	}
	if !withExec {
		return a, nil
	}
	if a.Exec == "" {
		exe, err := os.Executable()
		if err != nil {
			return a, fmt.Errorf("find executable: %w", err)
		}
		if exe, err = filepath.EvalSymlinks(exe); err != nil {
			return a, fmt.Errorf("find executable: %w", err)
		}
		a.Exec = exe
	}
	if !filepath.IsAbs(a.Exec) {
		return a, fmt.Errorf("exec path %q is not absolute", a.Exec)
	}
	return a, nil
}

// startsUs reports whether path names the program a.Exec, either literally or
// through links.
func (a Autostart) startsUs(path string) bool {
	if path == "" {
		return false
	}
	if filepath.Clean(path) == filepath.Clean(a.Exec) {
		return true
	}
	if runtime.GOOS == "windows" && strings.EqualFold(filepath.Clean(path), filepath.Clean(a.Exec)) {
		return true
	}
	fi1, err1 := os.Stat(path)
	fi2, err2 := os.Stat(a.Exec)
	return err1 == nil && err2 == nil && os.SameFile(fi1, fi2)
}

// validID accepts reverse-DNS IDs and other plain file names: letters,
// digits, '.', '-' and '_', not starting with a dot.
func validID(id string) bool {
	if id == "" || id[0] == '.' || len(id) > 200 {
		return false
	}
	for _, r := range id {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '.', r == '-', r == '_':
		default:
			return false
		}
	}
	return true
}

// writeEntry writes an autostart file, atomically, where location says.
func writeEntry(location func() (string, error), content []byte) error {
	path, err := location()
	if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	if err := atomicfile.Write(path, content, 0o644); err != nil {
		return fmt.Errorf("autostart: write %s: %w", path, err)
	}
	return nil
}

// removeEntry removes the autostart file where location says, if it is there.
func removeEntry(location func() (string, error)) error {
	path, err := location()
	if err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	if err := removeIfExists(path); err != nil {
		return fmt.Errorf("autostart: %w", err)
	}
	return nil
}

// removeIfExists removes path; a missing file is not an error.
func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
