//go:build !linux && !darwin && !freebsd && !netbsd && !openbsd && !dragonfly && !windows

package desktop

import (
	"sync"
	"time"
)

// claimMu stands in for a file lock where the standard library has no
// flock: it serialises Claims within this process only.
var claimMu sync.Mutex

func lockFile(string, time.Duration) (unlock func(), err error) {
	claimMu.Lock()
	return claimMu.Unlock, nil
}
