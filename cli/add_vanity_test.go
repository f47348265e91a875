package cli_test

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ssotray/ssotray/cli"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/vanity/vanitytest"
)

const regionalPortal = "https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com"

func TestAddAndLoginWithACompanysOwnStartURL(t *testing.T) {
	t.Setenv("DISPLAY", ":99")
	company := vanitytest.NewCompany(t, vanitytest.RedirectTo(regionalPortal+"/#/", http.StatusFound))
	api := browserScript()
	env, stdout, stderr, _ := setupWithClock(t, api, flowtest.NewManualClock(t0), func(o *signin.Options) { o.StartURLs = company.Resolver() })
	// Nothing but the address: the Region comes from where it leads.
	if code := cli.Run(context.Background(), env, []string{"add", "--headless", "--name", "acme", "--start-url", "https://aws.example.com/start"}); code != cli.ExitOK {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr.String(), "https://aws.example.com/start leads to the AWS access portal "+regionalPortal+".") {
		t.Errorf("stderr = %q", stderr)
	}
	config, _ := os.ReadFile(env.Manager.Paths().ConfigFile)
	if !strings.Contains(string(config), "[sso-session acme]\nsso_start_url = https://aws.example.com/start\nsso_region = eu-west-1\n") {
		t.Errorf("config:\n%s", config)
	}

	// Signing in registers with the portal's URL as the issuer; the
	// token keeps the configured URL, its cache key.
	env.OpenBrowser = func(page string) error { go comeBack(t, page); return nil }
	if code := cli.Run(context.Background(), env, []string{"login", "acme"}); code != cli.ExitOK {
		t.Fatalf("login: exit %d: %s\n%s", code, stderr, stdout)
	}
	if got := aws.ToString(api.Registers[0].IssuerUrl); got != regionalPortal {
		t.Errorf("issuerUrl = %q, want %q", got, regionalPortal)
	}
	st, err := env.Manager.Status("acme")
	if err != nil || st.State != signin.SignedIn {
		t.Errorf("status = %+v, %v", st, err)
	}
}

func TestAddRefusesAStartURLThatLeadsElsewhere(t *testing.T) {
	company := vanitytest.NewCompany(t, vanitytest.RedirectTo("https://login.evil.example.net/start", http.StatusFound))
	env, _, stderr, _ := setupWithClock(t, &flowtest.OIDC{}, flowtest.NewClock(t0), func(o *signin.Options) { o.StartURLs = company.Resolver() })
	before, _ := os.ReadFile(env.Manager.Paths().ConfigFile)
	code := cli.Run(context.Background(), env, []string{"add", "--headless", "--name", "acme", "--start-url", "https://aws.example.com/start", "--region", "eu-west-1"})
	if code != cli.ExitFailed || !strings.Contains(stderr.String(), "the address https://aws.example.com/start redirects more than 3 times without reaching an AWS access portal") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if after, _ := os.ReadFile(env.Manager.Paths().ConfigFile); string(after) != string(before) {
		t.Error("a refused start URL changed the config")
	}
}
