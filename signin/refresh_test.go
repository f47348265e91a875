package signin_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// sdkHome is a home whose config has corp and whose token cache holds, as
// the AWS CLI writes it, a session that srv issued; the SDK's clients are
// pointed at srv.
func sdkHome(t *testing.T, srv *idctest.Server) (paths storage.Paths, cacheFile string, issued idctest.Issued) {
	t.Helper()
	t.Setenv("AWS_ENDPOINT_URL_SSO_OIDC", srv.URL)
	t.Setenv("AWS_ENDPOINT_URL_SSO", srv.URL)
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	paths = storage.PathsFromHome(t.TempDir())
	os.MkdirAll(filepath.Dir(paths.ConfigFile), 0o700)
	os.WriteFile(paths.ConfigFile, []byte(config), 0o600)
	issued = srv.SignInDirect("sso:account:access")
	cacheFile = filepath.Join(paths.CacheDir(), storage.CacheFileName("corp"))
	os.MkdirAll(paths.CacheDir(), 0o700)
	if err := os.WriteFile(cacheFile, issued.CacheJSON("https://d-1234567890.awsapps.com/start", "eu-west-1"), 0o600); err != nil {
		t.Fatal(err)
	}
	return paths, cacheFile, issued
}

// Refresh through the real SDK client against the local Identity Center,
// starting from a token file as the AWS CLI writes it.
func TestRefreshWithTheSDK(t *testing.T) {
	srv := idctest.NewServer()
	defer srv.Close()
	paths, cacheFile, issued := sdkHome(t, srv)
	// The CLI's file, plus a key some other tool added.
	data := issued.CacheJSON("https://d-1234567890.awsapps.com/start", "eu-west-1")
	data = append(data[:len(data)-1], []byte(`, "ssoSessionName": "corp"}`)...)
	if err := os.WriteFile(cacheFile, data, 0o600); err != nil {
		t.Fatal(err)
	}

	m := signin.New(paths, func(o *signin.Options) { o.Settings = settingsFile(paths) })
	tok, err := m.Refresh(context.Background(), "corp")
	if err != nil {
		t.Fatal(err)
	}
	if tok.AccessToken == issued.AccessToken || !srv.AccessTokenValid(tok.AccessToken) {
		t.Error("Refresh did not get a new, valid access token")
	}
	if srv.RefreshTokenValid(issued.RefreshToken) || !srv.RefreshTokenValid(tok.RefreshToken) {
		t.Error("the rotated refresh token was not stored")
	}
	var onDisk map[string]any
	raw, _ := os.ReadFile(cacheFile)
	if err := json.Unmarshal(raw, &onDisk); err != nil {
		t.Fatal(err)
	}
	if onDisk["accessToken"] != tok.AccessToken || onDisk["refreshToken"] != tok.RefreshToken || onDisk["ssoSessionName"] != "corp" {
		t.Errorf("cache after refresh has keys %v", onDisk)
	}
	if onDisk["registrationExpiresAt"] != issued.RegistrationExpiresAt.UTC().Format("2006-01-02T15:04:05Z") {
		t.Errorf("registrationExpiresAt = %v", onDisk["registrationExpiresAt"])
	}
	if exp, _ := time.Parse(time.RFC3339, onDisk["expiresAt"].(string)); time.Until(exp) < 55*time.Minute {
		t.Errorf("expiresAt = %v", onDisk["expiresAt"])
	}

	// The old refresh token is gone at the service: refreshing from a stale
	// copy ends the session in plain words.
	os.WriteFile(cacheFile, issued.CacheJSON("https://d-1234567890.awsapps.com/start", "eu-west-1"), 0o600)
	if _, err := m.Refresh(context.Background(), "corp"); !errors.Is(err, flow.ErrSessionEnded) {
		t.Errorf("refresh with a rotated-away token: %v, want ErrSessionEnded", err)
	}
}
