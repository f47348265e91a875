package cli_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/cli"
	"github.com/ssotray/ssotray/flow/flowtest"
)

// loginWithPage runs `ssotray login corp --use-device-code` (plus args)
// against a server whose verification page is page, approving once the code
// is on screen, and returns stdout, stderr and the URLs given to the browser.
// The method is named, not left to whether this machine has a display
// (Windows and macOS always do, and sign in in the browser).
func loginWithPage(t *testing.T, page string, args ...string) (string, string, []string) {
	t.Helper()
	ok := flowtest.Reply[ssooidc.CreateTokenOutput]{Out: &ssooidc.CreateTokenOutput{AccessToken: aws.String("a"), ExpiresIn: 3600}}
	api := script(ok)
	start := api.StartReplies[0].Out
	start.VerificationUri = aws.String(page)
	start.VerificationUriComplete = aws.String(page + "?user_code=WXYZ-ABCD")
	env, stdout, stderr, opened := setup(t, api)
	shown := make(chan struct{})
	env.Stdout = &watchWriter{w: stdout, want: "Waiting for approval", seen: shown}
	api.BeforeToken = func(_ context.Context, n int) {
		if n == 2 {
			select {
			case <-shown:
			case <-time.After(10 * time.Second):
			}
		}
	}
	if code := cli.Run(context.Background(), env, append([]string{"login", "corp", "--use-device-code"}, args...)); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return stdout.String(), stderr.String(), *opened
}

func TestLoginUntrustedPage(t *testing.T) {
	t.Setenv("AWS_ENDPOINT_URL_SSO_OIDC", "")
	t.Setenv("AWS_ENDPOINT_URL", "")
	for _, page := range []string{
		"http://evil.example.com/phish",
		"https://evil.s3.amazonaws.com/device",
		"https://abc123.execute-api.us-east-1.amazonaws.com/prod",
		"https://abcdef.lambda-url.us-east-1.on.aws/",
		// A loopback page, when the endpoint is AWS's own.
		"http://127.0.0.1:4566/device",
	} {
		t.Run(page, func(t *testing.T) {
			out, _, opened := loginWithPage(t, page)
			for _, want := range []string{
				"WARNING:",
				"\n    " + page + "?user_code=WXYZ-ABCD\n",
				"not an AWS sign-in page and may be phishing",
				"\n    WXYZ-ABCD\n",
				"corp: signed in until ",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			for _, unwanted := range []string{"▀", "▄", "scan it", "Opened your browser"} {
				if strings.Contains(out, unwanted) {
					t.Errorf("stdout has %q:\n%s", unwanted, out)
				}
			}
			if len(opened) != 0 {
				t.Errorf("opened %v in the browser", opened)
			}
		})
	}
}

func TestLoginTrustedPage(t *testing.T) {
	tests := []struct {
		name     string
		page     string
		endpoint string
	}{
		{"device page", "https://device.sso.us-gov-west-1.amazonaws.com/", ""},
		{"access portal", "https://d-1234567890.awsapps.com/start/", ""},
		{"loopback with a loopback endpoint", "http://127.0.0.1:4566/device", "http://127.0.0.1:4566"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("AWS_ENDPOINT_URL_SSO_OIDC", tt.endpoint)
			t.Setenv("AWS_ENDPOINT_URL", "")
			out, _, opened := loginWithPage(t, tt.page)
			for _, want := range []string{"Open this page:", "▀", "Opened your browser."} {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(out, "WARNING") {
				t.Errorf("stdout warns:\n%s", out)
			}
			if want := tt.page + "?user_code=WXYZ-ABCD"; len(opened) != 1 || opened[0] != want {
				t.Errorf("opened %v, want [%s]", opened, want)
			}
		})
	}
}
