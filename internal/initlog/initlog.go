// Package initlog silences the standard logger while packages initialise,
// and gives it back to stderr when main starts (call Done). It exists for
// one line: Fyne's lang package reads the locale in its init and logs
// "Fyne error: Error parsing user locale C" under LANG=C.UTF-8, the default
// of Debian and of most containers, on every start, before main can do
// anything about it. Fyne falls back to English either way.
//
// Import it from a main package (where in the import list does not
// matter). Go initialises a
// package as soon as its imports are ready, in import-path order, and this
// one needs only log and io, so it runs long before Fyne's lang (the GUI
// end-to-end test checks the app's stderr stays clean under C.UTF-8).
package initlog

import (
	"io"
	"log"
	"os"
)

func init() { log.SetOutput(io.Discard) }

// Done sends the standard logger to stderr again.
func Done() { log.SetOutput(os.Stderr) }
