package idctest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ssotray/ssotray/flow/idctest"
)

// writeSSOHome prepares a throw-away home with an sso-session profile "dev"
// and the token cache file the AWS CLI would have written (spec §4, §3).
func writeSSOHome(t *testing.T, issued idctest.Issued) (home, cacheFile string) {
	t.Helper()
	home = t.TempDir()
	cacheDir := filepath.Join(home, ".aws", "sso", "cache")
	if err := os.MkdirAll(cacheDir, 0o700); err != nil {
		t.Fatal(err)
	}
	config := `[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = us-east-1

[sso-session my-sso]
sso_start_url = ` + startURL + `
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`
	if err := os.WriteFile(filepath.Join(home, ".aws", "config"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	// sha1("my-sso"), spec §3.1.
	cacheFile = filepath.Join(cacheDir, "0ad374308c5a4e22f723adf10145eafad7c4031c.json")
	if err := os.WriteFile(cacheFile, issued.CacheJSON(startURL, "us-east-1"), 0o600); err != nil {
		t.Fatal(err)
	}
	return home, cacheFile
}

func readCache(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("cache %s: %v", b, err)
	}
	return m
}
