// Package demo sets up a throw-away AWS home holding a sample config, and a
// local Identity Center on loopback, so `ssotray demo` shows the whole
// sign-in with no AWS account. Nothing it does touches the user's real
// ~/.aws.
package demo

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/ssotray/ssotray/console"
	"github.com/ssotray/ssotray/flow/idctest"
	"github.com/ssotray/ssotray/storage"
)

// Config is the sample ~/.aws/config: two sso-sessions with profiles, and a
// legacy profile, as real configs mix them.
const Config = `# ssotray demo config: every start URL here is served by the local Identity Center.
[sso-session corp]
sso_start_url = https://d-9067000001.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile corp-readonly]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = us-east-1

[profile corp-admin]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin
region = us-east-1

[sso-session sandbox]
sso_start_url = https://d-9067000002.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile sandbox]
sso_session = sandbox
sso_account_id = 111111111111
sso_role_name = ReadOnly

[profile legacy-dev]
sso_start_url = https://d-9067000003.awsapps.com/start
sso_region = eu-central-1
sso_account_id = 111111111111
sso_role_name = ReadOnly
`

// Demo is a running demo environment.
type Demo struct {
	Home   string
	Paths  storage.Paths
	Server *idctest.Server
}

// Start makes a temporary home with the sample config, starts the local
// Identity Center on addr ("127.0.0.1:0" picks a port), and points this
// process's AWS SDK clients at it through AWS_ENDPOINT_URL_SSO_OIDC,
// AWS_ENDPOINT_URL_SSO and AWS_CONFIG_FILE.
func Start(addr string, optFns ...func(*idctest.Options)) (*Demo, error) {
	home, err := os.MkdirTemp("", "ssotray-demo-")
	if err != nil {
		return nil, fmt.Errorf("make demo home: %w", err)
	}
	paths := storage.PathsFromHome(home)
	if err := os.MkdirAll(filepath.Dir(paths.ConfigFile), 0o700); err != nil {
		os.RemoveAll(home)
		return nil, fmt.Errorf("make demo home: %w", err)
	}
	if err := os.WriteFile(paths.ConfigFile, []byte(Config), 0o600); err != nil {
		os.RemoveAll(home)
		return nil, fmt.Errorf("write demo config: %w", err)
	}
	srv, err := idctest.Listen(addr, append([]func(*idctest.Options){Organisation}, optFns...)...)
	if err != nil {
		os.RemoveAll(home)
		return nil, fmt.Errorf("start the local Identity Center: %w", err)
	}
	d := &Demo{Home: home, Paths: paths, Server: srv}
	for k, v := range d.Env() {
		os.Setenv(k, v)
	}
	return d, nil
}

// Env is the environment that points AWS tools at the demo: the same
// variables make the AWS CLI, boto3 and the Go SDK use it.
func (d *Demo) Env() map[string]string {
	return map[string]string{
		"AWS_ENDPOINT_URL_SSO_OIDC": d.Server.URL,
		"AWS_ENDPOINT_URL_SSO":      d.Server.URL,
		"AWS_CONFIG_FILE":           d.Paths.ConfigFile,
		// The console opens the server's own page, which says which
		// account and role the real console would have opened.
		console.EndpointEnv: d.Server.URL + "/federation",
	}
}

// Close stops the server and removes the temporary home.
func (d *Demo) Close() {
	d.Server.Close()
	os.RemoveAll(d.Home)
}

// DefaultAccounts is how many accounts the demo's organisation has besides
// the "Demo" account that the sample profiles use; SSOTRAY_DEMO_ACCOUNTS
// changes it (1000 shows the listing at scale).
const DefaultAccounts = 60

// DemoRate is the demo portal's throttle, in requests a second: the 20 of
// Identity Center's published quota, so the demo shows the real pacing.
const DemoRate = 20

// Organisation gives the demo's portal an organisation's worth of accounts,
// with names that have spaces and non-ASCII letters, throttled as the real
// portal is.
func Organisation(o *idctest.Options) {
	n := DefaultAccounts
	if v, err := strconv.Atoi(os.Getenv("SSOTRAY_DEMO_ACCOUNTS")); err == nil && v >= 0 {
		n = v
	}
	o.Accounts = append(o.Accounts, idctest.GenerateAccounts(n)...)
	o.PortalRate, o.PortalBurst = DemoRate, DemoRate
}
