//go:build linux || freebsd || netbsd || openbsd || dragonfly

package desktop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/internal/filetest"
)

func TestAutostartXDG(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config")
	t.Setenv("XDG_CONFIG_HOME", cfg)
	exe := filepath.Join(t.TempDir(), "My Apps", "100% ssotray")
	if err := os.MkdirAll(filepath.Dir(exe), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	a := Autostart{Exec: exe, Args: []string{"--autostart"}, Comment: "Sign in to AWS"}
	path := filepath.Join(cfg, "autostart", "io.github.ssotray.desktop")
	if got := a.Location(); got != path {
		t.Fatalf("Location = %s, want %s", got, path)
	}
	assertEnabled(t, a.Enabled, false)

	for range 2 { // idempotent
		if err := a.Enable(); err != nil {
			t.Fatal(err)
		}
	}
	assertEnabled(t, a.Enabled, true)
	resolved := a
	resolved.ID, resolved.Name = DefaultID, DefaultName
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(desktopEntry(resolved)), string(data)); diff != "" {
		t.Errorf("file mismatch (-want +got):\n%s", diff)
	}
	filetest.Mode(t, path, 0o644)
	filetest.Mode(t, filepath.Dir(path), 0o700)
	filetest.Mode(t, cfg, 0o700)
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("autostart directory holds %d files, want 1 (temporary files left?)", len(entries))
	}

	t.Run("through a link to the binary", func(t *testing.T) {
		link := filepath.Join(t.TempDir(), "ssotray")
		if err := os.Symlink(exe, link); err != nil {
			t.Fatal(err)
		}
		viaLink := a
		viaLink.Exec = link
		assertEnabled(t, viaLink.Enabled, true)
	})
	t.Run("another binary", func(t *testing.T) {
		other := a
		other.Exec = fakeExecutable(t, "ssotray")
		assertEnabled(t, other.Enabled, false)
	})
	for _, line := range []string{"Hidden=true", "X-GNOME-Autostart-enabled=false"} {
		t.Run("switched off with "+line, func(t *testing.T) {
			// The desktop's settings switch it off by adding a key or
			// flipping ours.
			off := strings.Replace(string(desktopEntry(resolved)), "X-GNOME-Autostart-enabled=true\n", line+"\n", 1)
			if err := os.WriteFile(path, []byte(off), 0o644); err != nil {
				t.Fatal(err)
			}
			assertEnabled(t, a.Enabled, false)
			if err := a.Enable(); err != nil {
				t.Fatal(err)
			}
			assertEnabled(t, a.Enabled, true)
		})
	}

	for range 2 { // idempotent
		if err := a.Disable(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("after Disable, stat %s: %v", path, err)
	}
	assertEnabled(t, a.Enabled, false)
}

func TestAutostartXDGDefaults(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	// A relative XDG_CONFIG_HOME is invalid and ignored.
	t.Setenv("XDG_CONFIG_HOME", "relative/config")
	dir := filepath.Join(home, ".config", "autostart")
	// An existing directory keeps its mode.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var a Autostart
	if got, want := a.Location(), filepath.Join(dir, "io.github.ssotray.desktop"); got != want {
		t.Fatalf("Location = %s, want %s", got, want)
	}
	if err := a.Enable(); err != nil {
		t.Fatal(err)
	}
	assertEnabled(t, a.Enabled, true)
	filetest.Mode(t, dir, 0o755)
	data, err := os.ReadFile(a.Location())
	if err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	exe, _ = filepath.EvalSymlinks(exe)
	entry := parseDesktopEntry(data)
	if diff := cmp.Diff([]string{exe}, parseExec(entry["Exec"])); diff != "" {
		t.Errorf("Exec mismatch (-want +got):\n%s", diff)
	}
	if entry["Name"] != "ssotray" || entry["Icon"] != "io.github.ssotray" {
		t.Errorf("Name, Icon = %q, %q", entry["Name"], entry["Icon"])
	}
	if _, ok := entry["Comment"]; ok {
		t.Error("Comment written though empty")
	}
	if err := a.Disable(); err != nil {
		t.Fatal(err)
	}
	assertEnabled(t, a.Enabled, false)
}
