//go:build !darwin && !windows

// Windows and macOS always have a display (cli.HasDisplay), so only here can
// a login find none.

package cli_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/cli"
	"github.com/ssotray/ssotray/flow/flowtest"
)

func TestLoginWithoutADisplayUsesTheCode(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	ok := flowtest.Reply[ssooidc.CreateTokenOutput]{Out: &ssooidc.CreateTokenOutput{AccessToken: aws.String("a"), ExpiresIn: 3600}}
	api := script(ok)
	env, stdout, stderr, _ := setup(t, api)
	if code := cli.Run(context.Background(), env, []string{"login", "corp"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "No display here") || !strings.Contains(stdout.String(), "WXYZ-ABCD") || len(api.Starts) != 1 {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
}
