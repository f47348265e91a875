//go:build !unix

package storage

import "testing"

// unprivileged: permission tests need Unix file modes.
func unprivileged(t *testing.T) bool {
	t.Helper()
	t.Skip("no Unix file modes here")
	return false
}
