//go:build wine

package windows

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/flow/idctest"
)

// TestHeadlessCommands: ssotray.exe signs in, shows the status, refreshes,
// moves the secrets to Credential Manager and back, and signs out, with the
// cache where the AWS CLI for Windows keeps it (%USERPROFILE%\.aws).
func TestHeadlessCommands(t *testing.T) {
	h := newHome(t)
	if res := h.mustRun(t, "version"); !strings.HasPrefix(res.stdout, "ssotray ") {
		t.Errorf("version: %q", res.stdout)
	}

	h.login(t)
	tok := readJSON(t, h.cacheFile(tokenFile))
	for _, k := range []string{"startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken"} {
		if tok[k] == nil {
			t.Errorf("token file lacks %q: %v", k, keys(tok))
		}
	}
	if !h.srv.AccessTokenValid(tok["accessToken"].(string)) {
		t.Error("the cached access token is not one the server issued")
	}
	if _, err := os.Stat(h.cacheFile(registrationFile)); err != nil {
		t.Errorf("registration cache: %v", err)
	}

	st := status(t, h)
	if st["state"] != "signed-in" || st["refreshable"] != true || !strings.HasPrefix(st["cacheFile"].(string), `C:\users\`) {
		t.Errorf("status after login: %v", st)
	}

	h.mustRun(t, "refresh", "my-sso")
	refreshed := readJSON(t, h.cacheFile(tokenFile))
	if refreshed["accessToken"] == tok["accessToken"] || !h.srv.AccessTokenValid(refreshed["accessToken"].(string)) {
		t.Error("refresh did not save a new access token the server knows")
	}
	if refreshed["refreshToken"] == tok["refreshToken"] || !h.srv.RefreshTokenValid(refreshed["refreshToken"].(string)) {
		t.Error("refresh did not save the rotated refresh token")
	}

	// Keyring mode: the secrets go to Credential Manager, the file keeps
	// what the SDKs need, and a refresh works from the keyring.
	if res := h.mustRun(t, "secrets", "my-sso", "keyring"); !strings.Contains(res.stdout, "secrets are now kept in the system keyring") {
		t.Errorf("secrets keyring: %q", res.stdout)
	}
	kept := readJSON(t, h.cacheFile(tokenFile))
	for _, k := range []string{"refreshToken", "clientSecret"} {
		if kept[k] != nil {
			t.Errorf("keyring mode left %q in the file", k)
		}
	}
	if creds, _ := reg(t, `HKCU\Software\Wine\Credential Manager`); !strings.Contains(creds, "ssotray") {
		t.Errorf("Credential Manager holds no ssotray entry:\n%s", creds)
	}
	if st := status(t, h); st["secrets"] != "keyring" || st["state"] != "signed-in" {
		t.Errorf("status in keyring mode: %v", st)
	}
	h.mustRun(t, "refresh", "my-sso")
	if again := readJSON(t, h.cacheFile(tokenFile)); again["accessToken"] == kept["accessToken"] || again["refreshToken"] != nil {
		t.Errorf("refresh in keyring mode: new access token %v, refresh token in file %v", again["accessToken"] != kept["accessToken"], again["refreshToken"] != nil)
	}
	h.mustRun(t, "secrets", "my-sso", "cli")
	back := readJSON(t, h.cacheFile(tokenFile))
	if back["refreshToken"] == nil || back["clientSecret"] == nil || !h.srv.RefreshTokenValid(back["refreshToken"].(string)) {
		t.Errorf("back in AWS CLI mode the file lacks the live secrets: %v", keys(back))
	}
	if creds, _ := reg(t, `HKCU\Software\Wine\Credential Manager`); strings.Contains(creds, "ssotray") {
		t.Errorf("Credential Manager kept an entry after the move back:\n%s", creds)
	}

	access := back["accessToken"].(string)
	h.mustRun(t, "logout", "my-sso")
	if _, err := os.Stat(h.cacheFile(tokenFile)); !os.IsNotExist(err) {
		t.Errorf("token file after logout: %v", err)
	}
	if h.srv.AccessTokenValid(access) {
		t.Error("logout did not end the session at the server")
	}
	if _, err := os.Stat(h.cacheFile(registrationFile)); err != nil {
		t.Errorf("logout removed the registration: %v", err)
	}
	if st := status(t, h); st["state"] != "signed-out" {
		t.Errorf("status after logout: %v", st)
	}
}

// TestBrowserLogin: `ssotray.exe login my-sso` signs in in the browser
// (authorization code with PKCE): Windows opens the page (ShellExecute, here
// Wine's winebrowser and the stand-in), and the portal sends the browser back
// to the command's listener on 127.0.0.1.
func TestBrowserLogin(t *testing.T) {
	h := newHome(t, func(o *idctest.Options) { o.AutoApprove = 0 })
	res := h.loginArgs(t, "login", "my-sso")
	if !strings.Contains(res.stdout, "Continue in your browser") {
		t.Errorf("login did not open the browser:\n%s\n%s", res.stdout, res.stderr)
	}
	tok := readJSON(t, h.cacheFile(tokenFile))
	if a, _ := tok["accessToken"].(string); !h.srv.AccessTokenValid(a) || tok["refreshToken"] == nil {
		t.Errorf("token file after the browser sign-in: %v", keys(tok))
	}
	if st := status(t, h); st["state"] != "signed-in" {
		t.Errorf("status: %v", st)
	}
}

// status is the one sign-in of `ssotray.exe status --json`.
func status(t *testing.T, h *home) map[string]any {
	t.Helper()
	res := h.mustRun(t, "status", "--json")
	var all []map[string]any
	if err := json.Unmarshal([]byte(res.stdout), &all); err != nil || len(all) != 1 {
		t.Fatalf("status --json: %v, %d sign-ins\n%s", err, len(all), res.stdout)
	}
	return all[0]
}

func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
