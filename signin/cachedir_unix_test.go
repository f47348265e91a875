//go:build unix

package signin_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/internal/filetest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// A token cache that cannot be written is found before a code is shown:
// StartSignIn fails and no request reaches Identity Center.
func TestStartSignInChecksTheCacheIsWritable(t *testing.T) {
	if !filetest.Unprivileged(t) {
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
	a, _, err := m.StartSignIn(context.Background(), "corp", flow.DeviceCode)
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
