//go:build unix

package signin_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// A token cache that cannot be written is found before a code is shown:
// StartSignIn fails and no request reaches Identity Center.
func TestStartSignInChecksTheCacheIsWritable(t *testing.T) {
	if !asNobody(t) {
		return
	}
	srv := idctest.NewServer()
	defer srv.Close()
	t.Setenv("AWS_ENDPOINT_URL_SSO_OIDC", srv.URL)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	paths := storage.PathsFromHome(t.TempDir())
	os.MkdirAll(filepath.Dir(paths.ConfigFile), 0o700)
	os.WriteFile(paths.ConfigFile, []byte(config), 0o600)
	os.MkdirAll(filepath.Dir(paths.CacheDir()), 0o700)
	if err := os.Mkdir(paths.CacheDir(), 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(paths.CacheDir(), 0o700)
	m := signin.New(paths, func(o *signin.Options) { o.Settings = settingsFile(paths) })
	a, _, err := m.StartSignIn(context.Background(), "corp")
	if err == nil {
		a.Cancel()
		a.Wait()
		t.Fatal("StartSignIn started with a cache it cannot write")
	}
	if !strings.Contains(err.Error(), paths.CacheDir()) || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("err = %v", err)
	}
	for _, r := range srv.Requests() {
		t.Errorf("request %s reached Identity Center", r.Op)
	}
}

// asNobody runs the test again, when it runs as root (where no directory is
// read-only), in a copy of the test binary as the user nobody, reports that
// run and returns false; as any other user it returns true at once.
func asNobody(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return true
	}
	dir, err := os.MkdirTemp("", "signin-test-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "signin.test")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + os.TempDir(), "HOME=/nonexistent"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as nobody, the test did not run:\n%s", out)
	}
	return false
}
