package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/cli"
)

func TestStatusJSONSaysManaged(t *testing.T) {
	env, stdout, stderr, _ := setup(t, nil)
	// The config has corp; add the person's own sign-in beside it.
	f, _ := os.OpenFile(env.Manager.Paths().ConfigFile, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n[sso-session own]\nsso_start_url = https://d-5555555555.awsapps.com/start\nsso_region = eu-west-1\n")
	f.Close()
	env.ManagedFile = filepath.Join(t.TempDir(), "managed.json")
	os.WriteFile(env.ManagedFile, []byte(`{"signIns": [{"name": "company", "startUrl": "https://d-1234567890.awsapps.com/start/", "region": "eu-west-1"}]}`), 0o644)

	managedOf := func() map[string]bool {
		t.Helper()
		stdout.Reset()
		if code := cli.Run(context.Background(), env, []string{"status", "--json"}); code != cli.ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var got []map[string]any
		if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, s := range got {
			m, ok := s["managed"].(bool)
			if !ok {
				t.Fatalf("no managed true|false in %v", s)
			}
			out[s["name"].(string)] = m
		}
		return out
	}
	// corp is the managed portal under the person's own name.
	if got := managedOf(); !got["corp"] || got["own"] {
		t.Errorf("managed = %v, want corp only", got)
	}

	// A malformed file: a warning with path and line, nothing managed.
	os.WriteFile(env.ManagedFile, []byte("{\n  \"signIns\": [,]\n}"), 0o644)
	if got := managedOf(); got["corp"] || got["own"] {
		t.Errorf("managed with a malformed file = %v", got)
	}
	if want := "warning: managed file " + env.ManagedFile + ":2:15: invalid character ','"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
}

// `ssotray profiles` names a managed sign-in's profiles with the
// organisation's template unless --template says otherwise; the person's
// own sign-ins keep the default.
func TestProfilesFollowTheManagedTemplate(t *testing.T) {
	env, stdout, stderr, _ := setup(t, nil)
	cache, err := env.Manager.AccountsCache()
	if err != nil {
		t.Fatal(err)
	}
	list := accounts.List{Name: "corp", StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1", FetchedAt: t0,
		Accounts: []accounts.Account{{ID: "111111111111", Name: "Data Lake", Roles: []string{"ReadOnly"}}}}
	if err := cache.Save("corp", list); err != nil {
		t.Fatal(err)
	}
	profilesOut := func(args ...string) string {
		t.Helper()
		stdout.Reset()
		if code := cli.Run(context.Background(), env, append([]string{"profiles", "corp"}, args...)); code != cli.ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		return stdout.String()
	}
	if out := profilesOut(); !strings.Contains(out, "Data-Lake.ReadOnly") || strings.Contains(out, "corp.Data-Lake") {
		t.Errorf("without a managed file:\n%s", out)
	}
	env.ManagedFile = filepath.Join(t.TempDir(), "managed.json")
	os.WriteFile(env.ManagedFile, []byte(`{"signIns": [{"name": "corp", "startUrl": "https://d-1234567890.awsapps.com/start", "region": "eu-west-1"}],
 "policy": {"profileTemplate": "{{.Session}}.{{.AccountSlug}}.{{.RoleName}}"}}`), 0o644)
	if out := profilesOut(); !strings.Contains(out, "corp.Data-Lake.ReadOnly") {
		t.Errorf("with the organisation's template:\n%s", out)
	}
	if out := profilesOut("--template", "{{.AccountID}}-{{.RoleName}}"); !strings.Contains(out, "111111111111-ReadOnly") {
		t.Errorf("--template does not win:\n%s", out)
	}
}
