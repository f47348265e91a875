package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
