package cli

import (
	"fmt"

	"github.com/ssotray/ssotray/managed"
)

// loadManaged reads the organisation's managed file, if there is one. A
// file that cannot be used is a warning naming its path and line, and then
// no sign-in counts as managed.
func loadManaged(env Env) *managed.File {
	if env.ManagedFile == "" {
		return nil
	}
	f, err := managed.Load(env.ManagedFile)
	if err != nil {
		fmt.Fprintf(env.Stderr, "warning: %v\n", err)
		return nil
	}
	return f
}
