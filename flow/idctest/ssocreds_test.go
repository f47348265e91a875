package idctest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/ssotray/ssotray/flow/idctest"
)

// TestGoSDKConfigSSOCreds resolves credentials with config.LoadDefaultConfig,
// as any Go program does, for an sso-session profile whose cache holds a
// token from the server, reached through AWS_ENDPOINT_URL_SSO_OIDC and
// AWS_ENDPOINT_URL_SSO. ssocreds refreshes only a token that has already
// expired (spec §3.6).
func TestGoSDKConfigSSOCreds(t *testing.T) {
	tests := []struct {
		name    string
		age     time.Duration // how long ago the token was issued
		wantOps string
	}{
		{"valid token", 0, "GetRoleCredentials"},
		{"expired token is refreshed", 2 * time.Hour, "CreateToken,GetRoleCredentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newClock()
			now := time.Now()
			clock.Set(now.Add(-tt.age))
			s := newServer(t, withClock(clock))
			issued := s.SignInDirect("sso:account:access")
			clock.Set(now)
			home, cacheFile := writeSSOHome(t, issued)

			for _, k := range []string{
				"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE",
				"AWS_ENDPOINT_URL", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
				"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
			} {
				t.Setenv(k, "")
			}
			t.Setenv("HOME", home)
			t.Setenv("USERPROFILE", home)
			t.Setenv("AWS_CONFIG_FILE", home+"/.aws/config")
			t.Setenv("AWS_SHARED_CREDENTIALS_FILE", home+"/.aws/credentials")
			t.Setenv("AWS_PROFILE", "dev")
			t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
			t.Setenv("AWS_ENDPOINT_URL_SSO_OIDC", s.URL)
			t.Setenv("AWS_ENDPOINT_URL_SSO", s.URL)

			cfg, err := config.LoadDefaultConfig(context.Background())
			if err != nil {
				t.Fatalf("LoadDefaultConfig: %v", err)
			}
			creds, err := cfg.Credentials.Retrieve(context.Background())
			if err != nil {
				t.Fatalf("Retrieve: %v", err)
			}
			if !strings.HasPrefix(creds.AccessKeyID, "ASIA") || !creds.CanExpire {
				t.Errorf("credentials = %s, can expire %t", creds.AccessKeyID, creds.CanExpire)
			}
			if got, want := creds.Expires.UnixMilli(), now.Add(time.Hour).UnixMilli(); got != want {
				t.Errorf("Expires = %d, want %d", got, want)
			}

			var ops []string
			for _, r := range s.Requests() {
				ops = append(ops, r.Op)
			}
			if got := strings.Join(ops, ","); got != tt.wantOps {
				t.Errorf("operations = %s, want %s", got, tt.wantOps)
			}
			cache := readCache(t, cacheFile)
			refreshed := cache["accessToken"] != issued.AccessToken
			if refreshed != (tt.age > 0) {
				t.Errorf("cache refreshed = %t, want %t", refreshed, tt.age > 0)
			}
			if refreshed && (!s.AccessTokenValid(cache["accessToken"]) || !s.RefreshTokenValid(cache["refreshToken"]) ||
				s.RefreshTokenValid(issued.RefreshToken)) {
				t.Error("the rewritten cache does not hold the new token pair")
			}
			for _, r := range s.Requests() {
				if r.Op == idctest.OpGetRoleCredentials && r.BearerToken != cache["accessToken"] {
					t.Error("GetRoleCredentials did not use the cached token")
				}
			}
		})
	}
}
