package signin_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// TestBrowserSignInInKeyringMode signs in twice in the browser with the
// secrets in the keyring: the registration's secret and its PKCE grant
// types live in the keyring, not on disk, and the second sign-in reuses it.
func TestBrowserSignInInKeyringMode(t *testing.T) {
	paths := storage.PathsFromHome(t.TempDir())
	if err := os.MkdirAll(filepath.Dir(paths.ConfigFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths.ConfigFile, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	api := &flowtest.OIDC{
		Endpoint: "https://oidc.eu-west-1.amazonaws.com",
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{{Out: &ssooidc.RegisterClientOutput{
			ClientId: aws.String("CLIENT-ID-VALUE"), ClientSecret: aws.String("CLIENT-SECRET"), ClientSecretExpiresAt: t0.Add(90 * 24 * time.Hour).Unix(),
		}}},
	}
	secrets := &storage.MemSecrets{}
	m := signin.New(paths, func(o *signin.Options) {
		o.Clock = flowtest.NewManualClock(t0)
		o.Clients = fakeClients{oidc: api, portal: &fakePortal{}}
		o.Settings = settingsFile(paths)
		o.Secrets = secrets
	})
	if err := m.SetSecretMode("corp", storage.SecretsKeyring); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		api.TokenReplies = append(api.TokenReplies, flowtest.Reply[ssooidc.CreateTokenOutput]{Out: &ssooidc.CreateTokenOutput{
			AccessToken: aws.String("ACCESS"), RefreshToken: aws.String("REFRESH-SECRET"), ExpiresIn: 3600,
		}})
		a, _, err := m.StartSignIn(context.Background(), "corp", flow.Auto)
		if err != nil {
			t.Fatal(err)
		}
		for st := range a.Subscribe() {
			if st.Phase == flow.AwaitingUser && st.Method == flow.AuthCode {
				u, _ := url.Parse(st.AuthorizeURL)
				q := u.Query()
				resp, err := http.Get(q.Get("redirect_uri") + "?" + url.Values{"code": {"C"}, "state": {q.Get("state")}}.Encode())
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
			}
		}
		if _, err := a.Wait(); err != nil {
			t.Fatalf("browser sign-in %d: %v", i+1, err)
		}
	}
	if n := len(api.Registers); n != 1 {
		t.Errorf("RegisterClient calls = %d, want 1: the keyring's PKCE registration reused", n)
	}
	onDisk, _ := os.ReadFile(filepath.Join(paths.CacheDir(), corpRegFile))
	if strings.Contains(string(onDisk), "CLIENT-SECRET") {
		t.Errorf("the registration file holds the client secret in keyring mode: %s", onDisk)
	}
	st, err := m.Status("corp")
	if err != nil || st.State != signin.SignedIn || !st.Refreshable {
		t.Errorf("status = %+v, %v", st, err)
	}
}
