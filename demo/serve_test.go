package demo_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/demo"
)

// TestServe runs the server-only demo: what it prints points a shell at a
// live local Identity Center and a home holding the sample config, and both
// are gone once it stops.
func TestServe(t *testing.T) {
	// Start sets the endpoint variables in this process, for the demo's own
	// SDK clients; keep them out of the other tests.
	for _, k := range []string{"AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_SSO", "AWS_CONFIG_FILE", "SSOTRAY_FEDERATION_ENDPOINT"} {
		t.Setenv(k, "")
	}
	ctx, cancel := context.WithCancel(context.Background())
	r, w := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- demo.Serve(ctx, "", w); w.Close() }()

	exports := map[string]string{}
	buf := make([]byte, 4096)
	var out string
	for len(exports) < 5 { // HOME and the four variables of Env
		n, err := r.Read(buf)
		if err != nil {
			t.Fatalf("read: %v (so far %q)", err, out)
		}
		out += string(buf[:n])
		for _, line := range strings.Split(out, "\n") {
			if k, v, ok := strings.Cut(strings.TrimPrefix(line, "export "), "="); ok && strings.HasPrefix(line, "export ") {
				exports[k] = v
			}
		}
	}
	config, err := os.ReadFile(exports["AWS_CONFIG_FILE"])
	if err != nil || !strings.Contains(string(config), "[sso-session corp]") || !strings.HasPrefix(exports["AWS_CONFIG_FILE"], exports["HOME"]) {
		t.Errorf("config %s: %v\n%s", exports["AWS_CONFIG_FILE"], err, config)
	}
	if exports["SSOTRAY_FEDERATION_ENDPOINT"] != exports["AWS_ENDPOINT_URL_SSO"]+"/federation" {
		t.Errorf("the console does not open the demo's own page: %v", exports)
	}
	if exports["AWS_ENDPOINT_URL_SSO"] != exports["AWS_ENDPOINT_URL_SSO_OIDC"] {
		t.Errorf("the portal and OIDC endpoints differ: %v", exports)
	}
	resp, err := http.Post(exports["AWS_ENDPOINT_URL_SSO_OIDC"]+"/client/register", "application/json", strings.NewReader(`{"clientName":"t","clientType":"public"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("RegisterClient on the demo server: %s", resp.Status)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not stop when its context ended")
	}
	if _, err := os.Stat(exports["HOME"]); !os.IsNotExist(err) {
		t.Errorf("the demo home %s is still there: %v", exports["HOME"], err)
	}
}
