package signin_test

import (
	"context"
	"errors"
	"github.com/ssotray/ssotray/accounts"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

var t0 = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

const config = `[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile corp-dev]
sso_session = corp

[profile old]
sso_start_url = https://d-2222222222.awsapps.com/start
sso_region = us-east-1
`

type fakeClients struct {
	oidc   *flowtest.OIDC
	portal *fakePortal
}

func (c fakeClients) OIDC(context.Context, string) (flow.OIDC, error) { return c.oidc, nil }
func (c fakeClients) Portal(context.Context, string) (signin.Portal, error) {
	return c.portal, nil
}

type fakePortal struct {
	accounts.API // the listing and credentials calls: nil, so any call fails the test loudly
	err          error
	tokens       []string
}

func (p *fakePortal) Logout(_ context.Context, in *sso.LogoutInput, _ ...func(*sso.Options)) (*sso.LogoutOutput, error) {
	p.tokens = append(p.tokens, aws.ToString(in.AccessToken))
	return &sso.LogoutOutput{}, p.err
}

func newManager(t *testing.T, clients fakeClients) (*signin.Manager, storage.Paths, *flowtest.Clock) {
	t.Helper()
	paths := storage.PathsFromHome(t.TempDir())
	if err := os.MkdirAll(filepath.Dir(paths.ConfigFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paths.ConfigFile, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	clock := flowtest.NewClock(t0)
	return signin.New(paths, func(o *signin.Options) {
		o.Clock = clock
		o.Clients = clients
		o.Settings = settingsFile(paths)
		o.Secrets = &storage.MemSecrets{}
	}), paths, clock
}

// settingsFile is where the tests keep ssotray's settings: inside the
// throw-away home, never the person's own.
func settingsFile(paths storage.Paths) string {
	return filepath.Join(paths.Home, ".config", "ssotray", "settings.json")
}

func save(t *testing.T, paths storage.Paths, key string, tok storage.Token) {
	t.Helper()
	if err := storage.NewTokenCache(paths.CacheDir()).Save(key, tok); err != nil {
		t.Fatal(err)
	}
}

func TestStatuses(t *testing.T) {
	m, paths, _ := newManager(t, fakeClients{})
	save(t, paths, "corp", storage.Token{
		StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1", AccessToken: "A",
		ExpiresAt: t0.Add(time.Hour), RefreshToken: "R", ClientID: "c", ClientSecret: "s",
		RegistrationExpiresAt: t0.Add(48 * time.Hour),
	})
	all, cfg, err := m.Statuses()
	if err != nil || len(cfg.Problems) != 0 {
		t.Fatalf("err %v, problems %v", err, cfg.Problems)
	}
	if len(all) != 2 {
		t.Fatalf("%d statuses", len(all))
	}
	corp, old := all[0], all[1]
	if corp.State != signin.SignedIn || !corp.Refreshable || corp.Remaining(t0) != time.Hour {
		t.Errorf("corp: %v refreshable %v left %v", corp.State, corp.Refreshable, corp.Remaining(t0))
	}
	if old.State != signin.SignedOut || old.CacheFile != filepath.Join(paths.CacheDir(), storage.CacheFileName("https://d-2222222222.awsapps.com/start")) {
		t.Errorf("old: %v %s", old.State, old.CacheFile)
	}
}

func TestStatusExpiresALittleEarly(t *testing.T) {
	m, paths, clock := newManager(t, fakeClients{})
	save(t, paths, "corp", storage.Token{AccessToken: "A", ExpiresAt: t0.Add(time.Minute)})
	clock.Advance(55 * time.Second)
	if s, _ := m.Status("corp-dev"); s.State != signin.Expired {
		t.Errorf("5 s before expiry the state is %v, want expired", s.State)
	}
}

func TestFindUnknownNamesTheKnownOnes(t *testing.T) {
	m, _, _ := newManager(t, fakeClients{})
	_, err := m.Find("nope")
	if !errors.Is(err, signin.ErrUnknown) || !strings.Contains(err.Error(), "corp, old") {
		t.Errorf("err = %v", err)
	}
	for _, name := range []string{"corp", "corp-dev", "old"} {
		if _, err := m.Find(name); err != nil {
			t.Errorf("Find(%q): %v", name, err)
		}
	}
}

func TestSignInWritesTheCLICache(t *testing.T) {
	api := &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{{Out: &ssooidc.RegisterClientOutput{
			ClientId: aws.String("cid"), ClientSecret: aws.String("secret"), ClientSecretExpiresAt: t0.Add(90 * 24 * time.Hour).Unix(),
		}}},
		StartReplies: []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{{Out: &ssooidc.StartDeviceAuthorizationOutput{
			DeviceCode: aws.String("dc"), UserCode: aws.String("ABCD-EFGH"), ExpiresIn: 600, Interval: 1,
			VerificationUri: aws.String("https://device.sso.eu-west-1.amazonaws.com/"),
		}}},
		TokenReplies: []flowtest.Reply[ssooidc.CreateTokenOutput]{{Out: &ssooidc.CreateTokenOutput{
			AccessToken: aws.String("access"), RefreshToken: aws.String("refresh"), ExpiresIn: 3600,
		}}},
	}
	m, paths, _ := newManager(t, fakeClients{oidc: api})
	// A key another tool added to the file survives the sign-in.
	if err := os.MkdirAll(paths.CacheDir(), 0o700); err != nil {
		t.Fatal(err)
	}
	cacheFile := filepath.Join(paths.CacheDir(), storage.CacheFileName("corp"))
	if err := os.WriteFile(cacheFile, []byte(`{"accessToken": "x", "expiresAt": "2020-01-01T00:00:00Z", "ssoSessionName": "corp"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	a, _, err := m.StartSignIn(context.Background(), "corp-dev", flow.DeviceCode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Wait(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "eu-west-1", "accessToken": "access", "expiresAt": "2026-11-27T13:00:01Z", "clientId": "cid", "clientSecret": "secret", "registrationExpiresAt": "2027-02-25T12:00:00Z", "refreshToken": "refresh", "ssoSessionName": "corp"}`
	if string(data) != want {
		t.Errorf("cache file:\n got %s\nwant %s", data, want)
	}
	reg := filepath.Join(paths.CacheDir(), storage.RegistrationFileName("https://d-1234567890.awsapps.com/start", "eu-west-1", []string{"sso:account:access"}, "corp"))
	if _, err := os.Stat(reg); err != nil {
		t.Errorf("registration not cached where the AWS CLI looks: %v", err)
	}
}

func TestSignOut(t *testing.T) {
	portal := &fakePortal{err: errors.New("connection refused")}
	m, paths, _ := newManager(t, fakeClients{portal: portal})
	save(t, paths, "corp", storage.Token{AccessToken: "the-token", ExpiresAt: t0.Add(time.Hour)})
	removed, warning, err := m.SignOut(context.Background(), "corp")
	if err != nil || !removed {
		t.Fatalf("removed %v, err %v", removed, err)
	}
	if warning == nil || strings.Contains(warning.Error(), "the-token") {
		t.Errorf("warning = %v: want the Logout failure, without the token", warning)
	}
	if len(portal.tokens) != 1 || portal.tokens[0] != "the-token" {
		t.Errorf("Logout calls: %d", len(portal.tokens))
	}
	if s, _ := m.Status("corp"); s.State != signin.SignedOut {
		t.Errorf("after sign-out: %v", s.State)
	}
	removed, _, err = m.SignOut(context.Background(), "corp")
	if err != nil || removed {
		t.Errorf("second sign-out: removed %v err %v", removed, err)
	}
}
