//go:build unix

package storage

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within runs f and fails the test if it has not returned in 5 s (a read
// that blocks on a named pipe would never return).
func within[T any](t *testing.T, what string, f func() (T, error)) (T, error) {
	t.Helper()
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f()
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-time.After(5 * time.Second):
		t.Fatalf("%s did not return within 5 s", what)
	}
	panic("unreachable")
}

// A token file that is not a regular file, or is far too big, is reported
// unreadable at once, naming the file and why, with bounded memory.
func TestLoadRefusesWhatIsNotARegularFile(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{name: "named pipe", make: func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Fatal(err)
			}
		}, want: "not a regular file (a named pipe)"},
		{name: "link to /dev/zero", make: func(t *testing.T, path string) {
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Fatal(err)
			}
		}, want: "not a regular file (a device)"},
		{name: "directory", make: func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, want: "not a regular file (a directory)"},
		{name: "2 MiB file", make: func(t *testing.T, path string) {
			data := append([]byte(`{"accessToken": "a", "expiresAt": "2026-11-27T18:42:28Z", "pad": "`), make([]byte, 2<<20)...)
			if err := os.WriteFile(path, append(data, `"}`...), 0o600); err != nil {
				t.Fatal(err)
			}
		}, want: "larger than 1 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := NewTokenCache(t.TempDir())
			tc.make(t, c.Path("corp"))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := within(t, "Load", func() (Token, error) { return c.Load("corp") })
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrUnreadable) || !strings.Contains(err.Error(), c.Path("corp")) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Load = %v; want unreadable, naming the file and %q", err, tc.want)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
				t.Errorf("Load allocated %d bytes", grew)
			}
			// The registration cache reads the same way.
			_, err = within(t, "LoadRegistration", func() (Registration, error) {
				if err := os.Rename(c.Path("corp"), filepath.Join(c.Dir, "reg.json")); err != nil {
					t.Fatal(err)
				}
				return c.LoadRegistration("reg.json")
			})
			if !errors.Is(err, ErrUnreadable) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("LoadRegistration = %v; want unreadable with %q", err, tc.want)
			}
		})
	}
}

// A config file or settings file that is a named pipe gives an error naming
// the file at once, instead of waiting for a writer forever.
func TestConfigAndSettingsRefuseANamedPipe(t *testing.T) {
	dir := t.TempDir()
	config, settings := filepath.Join(dir, "config"), filepath.Join(dir, "settings.json")
	for _, p := range []string{config, settings} {
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := within(t, "LoadConfig", func() (*Config, error) { return LoadConfig(config) }); err == nil ||
		!strings.Contains(err.Error(), config) || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("LoadConfig = %v; want an error naming the file", err)
	}
	if _, err := within(t, "LoadSettings", func() (*Settings, error) { return LoadSettings(settings) }); !errors.Is(err, ErrUnreadable) ||
		!strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("LoadSettings = %v; want unreadable", err)
	}
}
