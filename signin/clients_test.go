package signin

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/flow/idctest"
)

// The SDK clients must reach the endpoint the environment names, as the AWS
// CLI would, even when the shared config is one the SDK refuses.
func TestSDKClientsHonourEndpointOverrides(t *testing.T) {
	srv := idctest.NewServer()
	defer srv.Close()
	dir := t.TempDir()
	tests := []struct {
		name    string
		config  string
		profile string
	}{
		{name: "no config"},
		{name: "ordinary config", config: "[default]\nregion = eu-west-1\n"},
		{name: "config with a broken line", config: "[default]\nthis line is broken\n[sso-session x\n"},
		{name: "AWS_PROFILE names no profile", config: "[default]\nregion = eu-west-1\n", profile: "missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfgFile := filepath.Join(dir, tc.name)
			if tc.config != "" {
				if err := os.WriteFile(cfgFile, []byte(tc.config), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			t.Setenv("HOME", dir)
			t.Setenv("AWS_CONFIG_FILE", cfgFile)
			t.Setenv("AWS_PROFILE", tc.profile)
			t.Setenv("AWS_ENDPOINT_URL_SSO_OIDC", srv.URL)
			api, err := SDKClients{MaxAttempts: 1}.OIDC(context.Background(), "us-east-1")
			if err != nil {
				t.Fatal(err)
			}
			out, err := api.RegisterClient(context.Background(), &ssooidc.RegisterClientInput{
				ClientName: aws.String("ssotray"), ClientType: aws.String("public"),
			})
			if err != nil {
				t.Fatalf("RegisterClient did not reach the local server: %v", err)
			}
			if aws.ToString(out.ClientId) == "" {
				t.Error("no client id")
			}
		})
	}
}
