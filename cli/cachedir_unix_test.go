//go:build unix

package cli_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/cli"
)

// status warns of a token cache directory others can write to, and makes
// the person's own private.
func TestStatusWarnsOfAnOpenCacheDir(t *testing.T) {
	env, _, stderr, paths, _ := secretsEnv(t)
	if err := os.Chmod(paths.CacheDir(), 0o777); err != nil {
		t.Fatal(err)
	}
	if code := cli.Run(context.Background(), env, []string{"status"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "warning: the token cache directory " + paths.CacheDir() + " could be written by other users (mode 0777); ssotray made it 0700\n"
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	if fi, _ := os.Stat(paths.CacheDir()); fi.Mode().Perm() != 0o700 {
		t.Errorf("mode %04o", fi.Mode().Perm())
	}
}
