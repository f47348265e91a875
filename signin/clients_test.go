package signin

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
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

// The SDK's own log lines go to the debug log, never to stderr. A reply
// whose body ends before its Content-Length makes the SDK warn that it
// could not discard the rest of the body.
func TestSDKLogLinesGoToTheDebugLog(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(10 * time.Second))
				if _, err := http.ReadRequest(bufio.NewReader(c)); err != nil {
					return
				}
				io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}")
			}()
		}
	}()
	t.Setenv("AWS_ENDPOINT_URL_SSO", "http://"+ln.Addr().String())
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))

	for _, debug := range []bool{true, false} {
		t.Run(fmt.Sprintf("debug %v", debug), func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			stderr := os.Stderr
			os.Stderr = w
			var mu sync.Mutex
			var lines []string
			c := SDKClients{MaxAttempts: 1}
			if debug {
				c.Logf = func(format string, args ...any) {
					mu.Lock()
					defer mu.Unlock()
					lines = append(lines, fmt.Sprintf(format, args...))
				}
			}
			portal, err := c.Portal(context.Background(), "eu-west-1")
			if err == nil {
				_, err = portal.Logout(context.Background(), &sso.LogoutInput{AccessToken: aws.String("ACCESS-SECRET")})
			}
			os.Stderr = stderr
			w.Close()
			out, _ := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if len(out) > 0 {
				t.Errorf("the SDK wrote to stderr: %q", out)
			}
			mu.Lock()
			defer mu.Unlock()
			if debug && (len(lines) == 0 || !strings.HasPrefix(lines[0], "aws sdk warn: failed to discard remaining HTTP response body")) {
				t.Errorf("debug log %q, want the SDK's warning", lines)
			}
			if strings.Contains(strings.Join(lines, "\n"), "ACCESS-SECRET") {
				t.Error("the debug log holds the token")
			}
		})
	}
}
