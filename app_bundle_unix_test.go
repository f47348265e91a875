//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The macOS bundle layout (docs/macos.md): both executables in
// ssotray.app/Contents/MacOS, and a symbolic link to the command on PATH.
// The command run through the link finds the app inside the bundle, not on
// PATH. Checked here on any Unix, since it is only paths and links.
func TestFindAppInsideTheMacOSBundle(t *testing.T) {
	root := t.TempDir()
	macOS := filepath.Join(root, "Applications", "ssotray.app", "Contents", "MacOS")
	if err := os.MkdirAll(macOS, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ssotray", "ssotray-app"} {
		if err := os.WriteFile(filepath.Join(macOS, name), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(root, "usr", "local", "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(bin, "ssotray")
	if err := os.Symlink(filepath.Join(macOS, "ssotray"), link); err != nil {
		t.Fatal(err)
	}
	noPath := func(string) (string, error) { return "", exec.ErrNotFound }
	got, err := findAppFrom(link, "darwin", noPath)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(filepath.Join(macOS, "ssotray-app"))
	if got != want {
		t.Errorf("findApp through the link = %s, want %s", got, want)
	}

	// Without the app beside it, the command says so.
	os.Remove(filepath.Join(macOS, "ssotray-app"))
	if _, err := findAppFrom(link, "darwin", noPath); err == nil {
		t.Error("found an app that is not there")
	}
}
