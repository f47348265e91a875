// Package initlog keeps two of Fyne's known, harmless complaints off
// stderr, and nothing else:
//
//   - It silences the standard logger while packages initialise, and gives
//     it back when main starts (call Done). Fyne's lang package reads the
//     locale in its init and logs "Fyne error: Error parsing user locale C"
//     under LANG=C.UTF-8, the default of Debian and of most containers, on
//     every start, before main can do anything about it. Fyne falls back to
//     English either way.
//   - From Done on, it drops Fyne's "Preferences load error" whose cause is
//     EOF: when the app stops, Fyne rewrites its preferences file (truncate,
//     then write) while its own file watcher may read it in between, finds
//     it empty, and says so. The file is whole a moment later. Any other
//     preferences error still shows.
//
// Import it from a main package (where in the import list does not
// matter). Go initialises a package as soon as its imports are ready, in
// import-path order, and this one needs only log, io and a few more of the
// standard library, so it runs long before Fyne's lang (the GUI end-to-end
// test checks the app's stderr stays clean under C.UTF-8, and after a quit).
package initlog

import (
	"io"
	"log"
	"os"
	"strings"
	"sync"
)

func init() { log.SetOutput(io.Discard) }

// Done sends the standard logger to stderr again, less the preferences
// race at exit.
func Done() { log.SetOutput(&quitNoiseFilter{w: os.Stderr}) }

// quitNoiseFilter passes the log's lines to w, except Fyne's three-line
// report of a preferences file read while it was being rewritten:
//
//	Fyne error:  Preferences load error:
//	  Cause: EOF
//	  At: …/app/preferences.go:103
//
// The standard logger writes each line with one Write, so the filter holds
// the first line until the second says whether the cause is EOF.
type quitNoiseFilter struct {
	w io.Writer

	mu      sync.Mutex
	held    []byte // a "Preferences load error" line, until its cause
	dropped bool   // the previous line was a dropped cause: its "At:" goes too
}

func (f *quitNoiseFilter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	line := string(p)
	dropped := f.dropped
	f.dropped = false
	switch {
	case f.held != nil && strings.Contains(line, "  Cause: EOF"):
		f.held, f.dropped = nil, true
		return len(p), nil
	case dropped && strings.Contains(line, "  At: ") && strings.Contains(line, "preferences"):
		return len(p), nil
	case strings.Contains(line, "Fyne error:  Preferences load error:"):
		if err := f.flush(); err != nil {
			return 0, err
		}
		f.held = append([]byte(nil), p...)
		return len(p), nil
	}
	if err := f.flush(); err != nil {
		return 0, err
	}
	return f.w.Write(p)
}

// flush writes a held line that turned out not to be the race.
func (f *quitNoiseFilter) flush() error {
	if f.held == nil {
		return nil
	}
	_, err := f.w.Write(f.held)
	f.held = nil
	return err
}
