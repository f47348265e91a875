package profiles

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/ssotray/ssotray/internal/filetest"
)

// writeFile writes content at path with perm.
func writeFile(t *testing.T, path, content string, perm os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
}

// readFile returns the content at path.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteKeepsBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config")
	writeFile(t, path, sessionConfig, 0o600)
	p := mustPlan(t, sessionConfig, corp, list(acct("111111111111", "A", "Admin")), Options{})
	if err := Write(path, p); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != string(p.Bytes()) {
		t.Errorf("config:\n%s", got)
	}
	if got := readFile(t, path+".bak"); got != sessionConfig {
		t.Errorf("config.bak:\n%s", got)
	}
	filetest.OnlyFiles(t, dir, "config", "config.bak")
}

func TestWriteRefusesChangedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config")
	writeFile(t, path, sessionConfig, 0o600)
	p := mustPlan(t, sessionConfig, corp, list(acct("111111111111", "A", "Admin")), Options{})
	edited := sessionConfig + "\n[profile mine]\nregion = us-east-1\n"
	writeFile(t, path, edited, 0o600)
	err := Write(path, p)
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	want := "write profiles to " + path + ": the file changed since the plan was made; nothing was written, so make the plan again"
	if err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
	if got := readFile(t, path); got != edited {
		t.Errorf("file changed:\n%s", got)
	}
	if _, err := os.Stat(path + ".bak"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a backup was written: %v", err)
	}

	// A plan for a missing file refuses a file that appeared meanwhile.
	missing := filepath.Join(t.TempDir(), "config")
	p = mustPlan(t, "", storageLegacy, list(acct("111111111111", "A", "Admin")), Options{})
	writeFile(t, missing, "[default]\n", 0o600)
	if err := Write(missing, p); !errors.Is(err, ErrChanged) {
		t.Errorf("err = %v, want ErrChanged", err)
	}
}

func TestWriteUnchangedWritesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config")
	writeFile(t, path, sessionConfig, 0o600)
	p := mustPlan(t, sessionConfig, corp, list(), Options{})
	if p.Changed() {
		t.Fatal("an empty list changes the file")
	}
	if err := Write(path, p); err != nil {
		t.Fatal(err)
	}
	filetest.OnlyFiles(t, dir, "config")
}
