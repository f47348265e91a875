//go:build !windows && !darwin

package storage

// maxKeyringValue: the Secret Service sets no limit of its own on a value,
// so values are never split (0).
const maxKeyringValue = 0
