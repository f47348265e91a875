//go:build unix

// These checks run the machine's Python (botocore) beside aws-sdk-go-v2. The
// Windows suite runs under Wine, which has no Windows Python, so they build
// for Unix only.

package profiles_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/profiles"
	"github.com/ssotray/ssotray/storage"
)

// The real readers: after Write, botocore and aws-sdk-go-v2 get role
// credentials from the local Identity Center for generated profiles whose
// account names have spaces, slashes and non-ASCII letters, with the
// ssotray_managed key in every section, before and after a hand edit.

const readerStartURL = "https://d-1234567890.awsapps.com/start"

// readerAccounts are the accounts the server serves and the list holds.
var readerAccounts = []idctest.Account{
	{ID: "111111111111", Name: "Data Lake", Email: "a@example.com", Roles: []string{"ReadOnly"}},
	{ID: "222222222222", Name: "Équipe Données / Prod", Email: "b@example.com", Roles: []string{"Admin", "ReadOnly"}},
	{ID: "333333333333", Name: "生产", Email: "c@example.com", Roles: []string{"Admin"}},
}

// wantProfiles are the names the default template gives them.
var wantProfiles = []string{"Data-Lake.ReadOnly", "Equipe-Donnees-Prod.Admin", "Equipe-Donnees-Prod.ReadOnly", "333333333333.Admin"}

// readerSetup is a home with a config file, a token in ssotray's cache, and
// the server the endpoints point at.
type readerSetup struct {
	home, config string
	server       *idctest.Server
	signIn       storage.SignIn
}

// newReaderSetup writes the sign-in's config and caches a token for it with
// storage.TokenCache, as ssotray does after signing in.
func newReaderSetup(t *testing.T, kind storage.Kind) readerSetup {
	t.Helper()
	s := idctest.NewServer(func(o *idctest.Options) { o.Accounts = readerAccounts; o.Logf = t.Logf })
	t.Cleanup(s.Close)
	home := t.TempDir()
	paths := storage.PathsFromHome(home)
	var text string
	if kind == storage.KindSSOSession {
		text = "[sso-session corp]\nsso_start_url = " + readerStartURL + "\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n"
	} else {
		// dev is a role the list does not hold, so every listed role
		// gets a generated profile (a person's own profile for a listed
		// role is kept instead: see TestPersonsOwnProfileIsKept).
		text = "[profile dev]\nsso_start_url = " + readerStartURL + "\nsso_region = us-east-1\nsso_account_id = 111111111111\nsso_role_name = Auditor\n"
	}
	if err := os.MkdirAll(filepath.Dir(paths.ConfigFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths.ConfigFile, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := storage.LoadConfig(paths.ConfigFile)
	if err != nil || len(cfg.SignIns) != 1 || len(cfg.Problems) != 0 {
		t.Fatalf("config: %v %+v", err, cfg)
	}
	in := cfg.SignIns[0]
	issued := s.SignInDirect("sso:account:access")
	tok := storage.Token{
		StartURL: readerStartURL, Region: "us-east-1", AccessToken: issued.AccessToken, ExpiresAt: issued.ExpiresAt,
		ClientID: issued.ClientID, ClientSecret: issued.ClientSecret, RegistrationExpiresAt: issued.RegistrationExpiresAt,
		RefreshToken: issued.RefreshToken,
	}
	if err := paths.TokenCache().Save(in.CacheKey, tok); err != nil {
		t.Fatal(err)
	}
	return readerSetup{home: home, config: paths.ConfigFile, server: s, signIn: in}
}

// generate plans and writes the profiles, returning the plan.
func (r readerSetup) generate(t *testing.T) *profiles.Plan {
	t.Helper()
	old, err := os.ReadFile(r.config)
	if err != nil {
		t.Fatal(err)
	}
	l := accounts.List{Name: r.signIn.Name, StartURL: readerStartURL, Region: "us-east-1"}
	for _, a := range readerAccounts {
		l.Accounts = append(l.Accounts, accounts.Account{ID: a.ID, Name: a.Name, Email: a.Email, Roles: a.Roles})
	}
	p, err := profiles.NewPlan(old, r.signIn, l, profiles.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := profiles.Write(r.config, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// checkRequests checks that GetRoleCredentials was called once per profile
// with its account and role since request from, and returns the count.
func (r readerSetup) checkRequests(t *testing.T, who string, from int) int {
	t.Helper()
	var got []string
	reqs := r.server.Requests()
	for _, q := range reqs[from:] {
		if q.Op == idctest.OpGetRoleCredentials {
			got = append(got, q.Query.Get("account_id")+"/"+q.Query.Get("role_name"))
		}
	}
	want := []string{"111111111111/ReadOnly", "222222222222/Admin", "222222222222/ReadOnly", "333333333333/Admin"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("%s: GetRoleCredentials for %v, want %v", who, got, want)
	}
	return len(reqs)
}

func TestRealReaders(t *testing.T) {
	for _, kind := range []storage.Kind{storage.KindSSOSession, storage.KindLegacyProfile} {
		t.Run(string(kind), func(t *testing.T) {
			r := newReaderSetup(t, kind)
			p := r.generate(t)
			var names []string
			for _, c := range p.Add {
				names = append(names, c.Profile)
			}
			if !slices.Equal(names, wantProfiles) {
				t.Fatalf("profiles = %q, want %q", names, wantProfiles)
			}
			n := len(r.server.Requests())
			botocoreCredentials(t, r, names)
			n = r.checkRequests(t, "botocore", n)
			goSDKCredentials(t, r, names)
			n = r.checkRequests(t, "aws-sdk-go-v2", n)

			// A hand edit between two runs is kept, and the readers still work.
			edited := strings.Replace(readFile(t, r.config), "[profile Data-Lake.ReadOnly]\n",
				"[profile Data-Lake.ReadOnly]\n# edited by hand\noutput = json\n", 1)
			if err := os.WriteFile(r.config, []byte(edited), 0o600); err != nil {
				t.Fatal(err)
			}
			if p := r.generate(t); p.Changed() || len(p.Unchanged) != 4 {
				t.Errorf("second run:\n%s", p.Summary())
			}
			if got := readFile(t, r.config); got != edited {
				t.Errorf("the second run changed the edited file:\n%s", got)
			}
			botocoreCredentials(t, r, names)
			r.checkRequests(t, "botocore after the edit", n)
		})
	}
}

// botocoreCredentials resolves each profile with botocore's SSO provider.
func botocoreCredentials(t *testing.T, r readerSetup, names []string) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 not found: this check needs python3 with botocore (for example `pip install botocore==1.43.11`)")
	}
	const script = `
import sys
try:
    import botocore.session
except ImportError:
    sys.exit(3)
for name in sys.argv[1:]:
    s = botocore.session.Session(profile=name)
    managed = s.get_scoped_config().get("ssotray_managed", "")
    c = s.get_credentials()
    print(name, c.method, c.get_frozen_credentials().access_key[:4], managed.count("/"))
`
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, append([]string{"-c", script}, names...)...)
	cmd.Env = readerEnv(r)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 3 {
			t.Fatal("botocore is missing (install it, for example `pip install botocore==1.43.11`)")
		}
		t.Fatalf("botocore: %v\n%s", err, stderr.String())
	}
	var want []string
	for _, n := range names {
		want = append(want, n+" sso ASIA 2")
	}
	if got := strings.Split(strings.TrimSpace(out.String()), "\n"); !slices.Equal(got, want) {
		t.Errorf("botocore:\n%s\nwant:\n%s", out.String(), strings.Join(want, "\n"))
	}
}

// goSDKCredentials resolves each profile with config.LoadDefaultConfig.
func goSDKCredentials(t *testing.T, r readerSetup, names []string) {
	t.Helper()
	for _, kv := range readerEnv(r) {
		if k, v, ok := strings.Cut(kv, "="); ok && (strings.HasPrefix(k, "AWS_") || k == "HOME" || k == "USERPROFILE") {
			t.Setenv(k, v)
		}
	}
	for _, k := range []string{
		"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
		"AWS_ENDPOINT_URL", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
	} {
		t.Setenv(k, "")
	}
	for _, name := range names {
		cfg, err := config.LoadDefaultConfig(context.Background(), config.WithSharedConfigProfile(name))
		if err != nil {
			t.Fatalf("LoadDefaultConfig(%s): %v", name, err)
		}
		creds, err := cfg.Credentials.Retrieve(context.Background())
		if err != nil {
			t.Fatalf("Retrieve(%s): %v", name, err)
		}
		if !strings.HasPrefix(creds.AccessKeyID, "ASIA") || creds.Source != "SSOProvider" {
			t.Errorf("%s: credentials %s from %s", name, creds.AccessKeyID[:4], creds.Source)
		}
		if cfg.Region != "us-east-1" {
			t.Errorf("%s: region %q, want the generated us-east-1", name, cfg.Region)
		}
	}
}

// readerEnv is the environment without the developer's AWS_* variables,
// pointing every AWS tool at the setup's home and server.
func readerEnv(r readerSetup) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "USERPROFILE=") {
			env = append(env, kv)
		}
	}
	return append(env,
		"HOME="+r.home,
		"USERPROFILE="+r.home,
		"AWS_CONFIG_FILE="+r.config,
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(r.home, ".aws", "credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_ENDPOINT_URL_SSO="+r.server.URL,
		"AWS_ENDPOINT_URL_SSO_OIDC="+r.server.URL,
	)
}

// readFile returns the content at path.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
