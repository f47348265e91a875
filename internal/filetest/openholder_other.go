//go:build !windows

package filetest

import (
	"io"
	"os"
)

// openHolder opens path for reading. Unix has no share modes, so denyWrite
// changes nothing.
func openHolder(path string, _ bool) (io.Closer, error) { return os.Open(path) }
