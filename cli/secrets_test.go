package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/cli"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// secretsEnv is a CLI over a home with a signed-in corp session in
// compatible mode and an in-memory keyring.
func secretsEnv(t *testing.T) (cli.Env, *bytes.Buffer, *bytes.Buffer, storage.Paths, *storage.MemSecrets) {
	t.Helper()
	paths := storage.PathsFromHome(t.TempDir())
	os.MkdirAll(filepath.Dir(paths.ConfigFile), 0o700)
	os.WriteFile(paths.ConfigFile, []byte("[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n\n[sso-session other]\nsso_start_url = https://d-2222222222.awsapps.com/start\nsso_region = us-east-1\n"), 0o600)
	if err := paths.TokenCache().Save("corp", storage.Token{
		StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1", AccessToken: "ACCESS-SECRET",
		ExpiresAt: time.Now().Add(time.Hour), ClientID: "cid", ClientSecret: "CLIENT-SECRET", RefreshToken: "REFRESH-SECRET",
	}); err != nil {
		t.Fatal(err)
	}
	mem := &storage.MemSecrets{}
	var stdout, stderr bytes.Buffer
	m := signin.New(paths, func(o *signin.Options) {
		o.Clock = flowtest.NewClock(time.Now())
		o.Settings = filepath.Join(paths.Home, ".config", "ssotray", "settings.json")
		o.Secrets = mem
	})
	return cli.Env{Stdout: &stdout, Stderr: &stderr, Manager: m}, &stdout, &stderr, paths, mem
}

func noSecrets(t *testing.T, outs ...*bytes.Buffer) {
	t.Helper()
	for _, b := range outs {
		for _, s := range []string{"ACCESS-SECRET", "REFRESH-SECRET", "CLIENT-SECRET"} {
			if strings.Contains(b.String(), s) {
				t.Errorf("output shows %s:\n%s", s, b)
			}
		}
	}
}

func TestSecretsCommand(t *testing.T) {
	env, stdout, stderr, paths, mem := secretsEnv(t)
	run := func(args ...string) int {
		stdout.Reset()
		stderr.Reset()
		return cli.Run(context.Background(), env, args)
	}
	if code := run("secrets", "corp"); code != cli.ExitOK || stdout.String() != "corp: cli (AWS CLI compatible)\n" {
		t.Errorf("show: exit %d %q %q", code, stdout, stderr)
	}
	if code := run("secrets", "corp", "keyring"); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	tokenFile := paths.TokenCache().Path("corp")
	for _, want := range []string{
		"corp: secrets are now kept in the system keyring (Keyring mode).",
		"moved the refresh token, client ID and client secret\n    from " + tokenFile + "\n    to   keyring entry \"refresh/corp\"",
		"The token file keeps the access token",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	noSecrets(t, stdout, stderr)
	if data, _ := os.ReadFile(tokenFile); bytes.Contains(data, []byte("REFRESH-SECRET")) || len(mem.Keys()) != 1 {
		t.Errorf("not moved: file %s, keyring %v", data, mem.Keys())
	}

	if code := run("status"); code != cli.ExitOK {
		t.Fatalf("status exit %d", code)
	}
	if !strings.Contains(stdout.String(), "SECRETS") || !regexpLine(stdout.String(), "corp", "keyring") || !regexpLine(stdout.String(), "other", "cli") {
		t.Errorf("status table:\n%s", stdout)
	}

	if code := run("secrets", "corp", "cli"); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout.String(), "corp: secrets are now kept in the AWS CLI's cache files (AWS CLI compatible mode).") ||
		!strings.Contains(stdout.String(), "to   "+tokenFile) {
		t.Errorf("stdout:\n%s", stdout)
	}
	if len(mem.Keys()) != 0 {
		t.Errorf("keyring kept %v", mem.Keys())
	}
	noSecrets(t, stdout, stderr)
}

// regexpLine reports whether a line starts with name and has word as a
// column.
func regexpLine(out, name, word string) bool {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && f[0] == name {
			for _, w := range f {
				if w == word {
					return true
				}
			}
		}
	}
	return false
}

func TestSecretsCommandKeyringUnavailable(t *testing.T) {
	env, stdout, stderr, paths, mem := secretsEnv(t)
	before, _ := os.ReadFile(paths.TokenCache().Path("corp"))
	mem.Fail(&storage.KeyringUnavailableError{Err: errors.New("dial unix /run/bus: connect: no such file or directory")})
	if code := cli.Run(context.Background(), env, []string{"secrets", "corp", "keyring"}); code != cli.ExitFailed {
		t.Errorf("exit %d", code)
	}
	if !strings.HasPrefix(stderr.String(), "ssotray: move corp's secrets to the system keyring: the system keyring is not available: ") {
		t.Errorf("stderr %q", stderr)
	}
	if after, _ := os.ReadFile(paths.TokenCache().Path("corp")); !bytes.Equal(before, after) {
		t.Error("the token file changed")
	}
	noSecrets(t, stdout, stderr)
}

func TestSecretsCommandFallbackStrands(t *testing.T) {
	env, stdout, stderr, _, mem := secretsEnv(t)
	if code := cli.Run(context.Background(), env, []string{"secrets", "corp", "keyring"}); code != cli.ExitOK {
		t.Fatal(stderr)
	}
	mem.Fail(&storage.KeyringUnavailableError{Err: errors.New("locked")})
	stdout.Reset()
	if code := cli.Run(context.Background(), env, []string{"status"}); code != cli.ExitOK || !regexpLine(stdout.String(), "corp", "(unavailable)") {
		t.Errorf("status with the keyring gone:\n%s", stdout)
	}
	if !strings.Contains(stderr.String(), "corp: the system keyring is not available: locked") {
		t.Errorf("status stderr %q", stderr)
	}
	stdout.Reset()
	if code := cli.Run(context.Background(), env, []string{"status", "--json"}); code != cli.ExitOK {
		t.Fatal(stderr)
	}
	var got []map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got[0]["secrets"] != "keyring" || !strings.HasPrefix(got[0]["secretsProblem"].(string), "the system keyring is not available") {
		t.Errorf("json corp: %v", got[0])
	}
	if _, ok := got[1]["secretsProblem"]; ok || got[1]["secrets"] != "cli" {
		t.Errorf("json other: %v", got[1])
	}

	stdout.Reset()
	stderr.Reset()
	if code := cli.Run(context.Background(), env, []string{"secrets", "corp", "cli"}); code != cli.ExitOK {
		t.Fatalf("fallback: %s", stderr)
	}
	if !strings.Contains(stderr.String(), "The refresh token stayed in the keyring.") || !strings.Contains(stderr.String(), "ssotray login corp") {
		t.Errorf("fallback did not explain itself: %q", stderr)
	}
	noSecrets(t, stdout, stderr)
}

func TestSecretsUsage(t *testing.T) {
	for _, args := range [][]string{{"secrets"}, {"secrets", "corp", "vault"}, {"secrets", "corp", "cli", "x"}} {
		env, _, stderr, _, _ := secretsEnv(t)
		if code := cli.Run(context.Background(), env, args); code != cli.ExitUsage {
			t.Errorf("%v: exit %d (%s)", args, code, stderr)
		}
	}
	var out bytes.Buffer
	cli.Run(context.Background(), cli.Env{Stdout: &out, Stderr: &out}, []string{"help"})
	if !strings.Contains(out.String(), "ssotray secrets NAME [cli|keyring]") {
		t.Errorf("usage lacks the secrets command:\n%s", out.String())
	}
}

// A switch to the AWS CLI compatible mode while the keyring is unavailable
// strands nothing when the token file holds its own refresh token, so it
// says nothing of one left in the keyring.
func TestSecretsCommandNothingStrandedWhenTheFileHoldsTheToken(t *testing.T) {
	for _, from := range []string{"cli", "keyring"} {
		t.Run("from "+from, func(t *testing.T) {
			env, stdout, stderr, paths, mem := secretsEnv(t)
			if from == "keyring" {
				if code := cli.Run(context.Background(), env, []string{"secrets", "corp", "keyring"}); code != cli.ExitOK {
					t.Fatal(stderr)
				}
				// aws sso login signs in again and writes the secrets to the file.
				if err := paths.TokenCache().Save("corp", storage.Token{
					StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1", AccessToken: "ACCESS-SECRET",
					ExpiresAt: time.Now().Add(time.Hour), ClientID: "cid", ClientSecret: "CLIENT-SECRET", RefreshToken: "REFRESH-SECRET",
				}); err != nil {
					t.Fatal(err)
				}
			}
			mem.Fail(&storage.KeyringUnavailableError{Err: errors.New("locked")})
			stdout.Reset()
			stderr.Reset()
			if code := cli.Run(context.Background(), env, []string{"secrets", "corp", "cli"}); code != cli.ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if strings.Contains(stderr.String(), "stayed in the keyring") || strings.Contains(stderr.String(), "warning") {
				t.Errorf("warns of a stranded refresh token that is in the file: %q", stderr)
			}
			if tok, err := paths.TokenCache().Load("corp"); err != nil || tok.RefreshToken != "REFRESH-SECRET" {
				t.Errorf("token file: %v", err)
			}
			noSecrets(t, stdout, stderr)
		})
	}
}

// `secrets NAME cli` repairs a settings file that does not load.
func TestSecretsCommandRepairsTheSettingsFile(t *testing.T) {
	env, _, stderr, paths, _ := secretsEnv(t)
	path := filepath.Join(paths.Home, ".config", "ssotray", "settings.json")
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, []byte("{not json"), 0o600)
	if code := cli.Run(context.Background(), env, []string{"secrets", "corp", "cli"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "moved to "+path+".bad") {
		t.Errorf("stderr %q", stderr)
	}
	if got, _ := os.ReadFile(path + ".bad"); string(got) != "{not json" {
		t.Errorf("set aside: %q", got)
	}
	if _, err := storage.LoadSettings(path); err != nil {
		t.Errorf("after repair: %v", err)
	}
}
