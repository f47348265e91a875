package storage

import (
	"errors"
	"os"
	"testing"
	"time"
)

// A token file that another program holds open as os.Open and Python's
// open() do (no FILE_SHARE_DELETE) cannot be removed on Windows: Delete
// empties it in place, so it reads as no token, and the next Save replaces
// it once it is free.
func TestDeleteEmptiesAHeldTokenFile(t *testing.T) {
	c := NewTokenCache(t.TempDir())
	tok := Token{AccessToken: "secret-access", ExpiresAt: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), RefreshToken: "secret-refresh"}
	if err := c.Save("k", tok); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(c.Path("k"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := c.Delete("k"); err != nil {
		t.Fatalf("Delete while held: %v", err)
	}
	if data, err := os.ReadFile(c.Path("k")); err != nil || len(data) != 0 {
		t.Errorf("held file after Delete: %d bytes, %v; want it emptied", len(data), err)
	}
	if _, err := c.Load("k"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load after Delete = %v, want ErrNotFound", err)
	}
	f.Close()
	if err := c.Save("k", tok); err != nil {
		t.Fatalf("Save once released: %v", err)
	}
	if err := c.Delete("k"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.Path("k")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("file after Delete of a free file: %v", err)
	}
}
