//go:build !unix

package storage

// openNonBlocking is not needed where opening a file cannot wait for a
// writer.
const openNonBlocking = 0
