package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// ErrHeld is wrapped by the errors of Write and Remove when another program
// still had the file open, in a way that forbids replacing or removing it,
// after every try. Only Windows has such opens; the holder is usually a
// program reading the file (the AWS CLI, an SDK, an editor), so trying again
// a moment later tends to work.
var ErrHeld = errors.New("another program has the file open")

// backoff is the wait before each new try while the file is held: about
// 2.5 seconds in all, doubling from 10 ms, so a reader that closes the file
// at once costs little and one that keeps it open does not hang the caller.
var backoff = []time.Duration{
	10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond, 80 * time.Millisecond,
	160 * time.Millisecond, 320 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond,
	500 * time.Millisecond,
}

// Remove removes path. Like Write, it tries again while another program
// holds the file (Windows only) and then returns an error wrapping ErrHeld.
// A missing file gives an error wrapping fs.ErrNotExist, as os.Remove does.
func Remove(path string) error {
	return remove(path, time.Sleep)
}

// remove is Remove with the wait between tries as a parameter, for tests.
func remove(path string, wait func(time.Duration)) error {
	return retryHeld(func() error { return os.Remove(path) }, wait)
}

// retryHeld runs op, and again after each of backoff's waits while it fails
// because the file is held. The last error wraps ErrHeld as well as the
// system's error.
func retryHeld(op func() error, wait func(time.Duration)) error {
	err := op()
	for _, d := range backoff {
		if err == nil || !isHeld(err) {
			return err
		}
		wait(d)
		err = op()
	}
	if err != nil && isHeld(err) {
		return fmt.Errorf("%w: %w", ErrHeld, err)
	}
	return err
}
