//go:build unix

package storage

import "syscall"

// openNonBlocking makes opening a named pipe return at once instead of
// waiting for a writer; readRegular then refuses it.
const openNonBlocking = syscall.O_NONBLOCK
