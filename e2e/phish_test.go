package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// phishingProxy is a reverse proxy in front of h's Identity Center that,
// when rewrite is true, replaces StartDeviceAuthorization's verification
// page with http://evil.example.com/phish, as a hostile network or endpoint
// could.
func phishingProxy(t *testing.T, h *home, rewrite bool) *httptest.Server {
	t.Helper()
	target, err := url.Parse(h.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(target)
	rp.ModifyResponse = func(resp *http.Response) error {
		if !rewrite || resp.Request.URL.Path != "/device_authorization" || resp.StatusCode != http.StatusOK {
			return nil
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		var body map[string]any
		if err := json.Unmarshal(raw, &body); err != nil {
			return err
		}
		code, _ := body["userCode"].(string)
		body["verificationUri"] = "http://evil.example.com/phish"
		body["verificationUriComplete"] = "http://evil.example.com/phish?user_code=" + url.QueryEscape(code)
		raw, err = json.Marshal(body)
		if err != nil {
			return err
		}
		resp.Body = io.NopCloser(bytes.NewReader(raw))
		resp.ContentLength = int64(len(raw))
		resp.Header.Set("Content-Length", strconv.Itoa(len(raw)))
		return nil
	}
	proxy := httptest.NewServer(rp)
	t.Cleanup(proxy.Close)
	return proxy
}

// fakeBrowsers puts xdg-open, x-www-browser and www-browser first on PATH,
// each recording the URL it is given to a file, and returns the environment
// for that and the file.
func fakeBrowsers(t *testing.T) ([]string, string) {
	t.Helper()
	dir := t.TempDir()
	record := filepath.Join(dir, "opened")
	script := "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + record + "'\n"
	for _, name := range []string{"xdg-open", "x-www-browser", "www-browser"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return []string{"PATH=" + dir + string(os.PathListSeparator) + os.Getenv("PATH")}, record
}

// loginWithBrowser runs `ssotray login NAME` without --no-browser, so it
// may open the browser, and when the code is on screen calls decide with it.
func (h *home) loginWithBrowser(t *testing.T, extraEnv []string, name string, decide func(userCode string)) result {
	t.Helper()
	return h.loginArgs(t, extraEnv, decide, "login", name, "--use-device-code")
}

func TestPhishingVerificationPageIsNotOpened(t *testing.T) {
	h := newHome(t, sessionConfig)
	proxy := phishingProxy(t, h, true)
	env, record := fakeBrowsers(t)
	env = append(env, "AWS_ENDPOINT_URL_SSO_OIDC="+proxy.URL)
	res := h.loginWithBrowser(t, env, "my-sso", func(code string) {
		if err := h.srv.Deny(code); err != nil {
			t.Errorf("deny %q: %v", code, err)
		}
	})
	if res.code == 0 {
		t.Errorf("login of a denied code exited 0")
	}
	code := h.srv.LastUserCode()
	for _, want := range []string{
		"WARNING:",
		"\n    http://evil.example.com/phish?user_code=" + url.QueryEscape(code) + "\n",
		"not an AWS sign-in page and may be phishing",
		"\n    " + code + "\n",
	} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.stdout)
		}
	}
	for _, unwanted := range []string{"▀", "▄", "scan it", "Opened your browser"} {
		if strings.Contains(res.stdout, unwanted) {
			t.Errorf("stdout has %q:\n%s", unwanted, res.stdout)
		}
	}
	if opened, err := os.ReadFile(record); !os.IsNotExist(err) {
		t.Errorf("a browser was launched with %q (%v)", opened, err)
	}
}

func TestHonestVerificationPageIsOpened(t *testing.T) {
	// The same proxy, passing the reply through: the local Identity Center's
	// loopback page is trusted because the endpoint is loopback too, and
	// the fake browser records it, so the phishing test above can fail.
	h := newHome(t, sessionConfig)
	proxy := phishingProxy(t, h, false)
	env, record := fakeBrowsers(t)
	env = append(env, "AWS_ENDPOINT_URL_SSO_OIDC="+proxy.URL)
	res := h.loginWithBrowser(t, env, "my-sso", approve(h, t))
	if res.code != 0 {
		t.Fatalf("login exit %d\nstdout:\n%s\nstderr:\n%s", res.code, res.stdout, res.stderr)
	}
	for _, want := range []string{"Open this page:", "▀", "Opened your browser.", "my-sso: signed in until "} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.stdout)
		}
	}
	if strings.Contains(res.stdout, "WARNING") {
		t.Errorf("stdout warns:\n%s", res.stdout)
	}
	opened, err := os.ReadFile(record)
	if err != nil {
		t.Fatalf("no browser was launched: %v", err)
	}
	if want := h.srv.URL + "/device?user_code=" + url.QueryEscape(h.srv.LastUserCode()) + "\n"; string(opened) != want {
		t.Errorf("browser opened %q, want %q", opened, want)
	}
}
