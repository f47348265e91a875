//go:build !unix

package storage

import "io/fs"

// checkModes is whether SecureDir looks at permission bits: not here,
// where access is by ACL.
const checkModes = false

// ownedByMe is not asked where checkModes is false.
func ownedByMe(fs.FileInfo) bool { return false }
