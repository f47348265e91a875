//go:build !darwin || !cgo

package main

// linkEvents is nil: outside macOS a link arrives as an argument.
func linkEvents() <-chan string { return nil }
