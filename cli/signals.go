package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"syscall"
	"time"
)

// ExitTerminated is the exit code after SIGTERM; after SIGINT (Ctrl-C) it
// is ExitCancelled. Both are 128 plus the signal's number, as a shell
// reports a process that a signal ended.
const ExitTerminated = 128 + 15

// signalGrace is how long a command is given to end by itself once a
// signal has cancelled its context: enough to finish writing a file it
// has started (every file is written whole and renamed into place), far
// less than anyone waits after Ctrl-C.
const signalGrace = 500 * time.Millisecond

// runUntilSignal runs run with a context that a signal from sigs cancels,
// and returns its exit code. After a signal, a command that ends within
// signalGrace ends as it would; one still blocked then in a call that
// cannot be cancelled (a Secret Service that never answers) is left
// behind, and runUntilSignal returns at once: the process exits, which
// ends it, and the files stay as they were, since each is replaced only by
// a rename. A second signal does not wait for the grace. After a signal
// the code is 128 plus its number (ExitCancelled for SIGINT,
// ExitTerminated for SIGTERM), unless the command succeeded.
func runUntilSignal(parent context.Context, stderr io.Writer, sigs <-chan os.Signal, run func(ctx context.Context) int) int {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- run(ctx) }()
	var sig os.Signal
	select {
	case code := <-done:
		return code
	case sig = <-sigs:
	}
	cancel()
	grace := time.NewTimer(signalGrace)
	defer grace.Stop()
	select {
	case code := <-done:
		if code == ExitOK {
			return code
		}
		return signalExit(sig)
	case <-grace.C:
	case <-sigs:
	}
	fmt.Fprintln(stderr, "ssotray: cancelled")
	return signalExit(sig)
}

// signalExit is the exit code after sig: 128 plus its number.
func signalExit(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return ExitCancelled
}
