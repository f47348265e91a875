package managed_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/managed"
	"github.com/ssotray/ssotray/storage"
)

// fakeManager records the secret-mode switches ApplyPolicy asks for.
type fakeManager struct {
	paths    storage.Paths
	modes    map[string]storage.SecretMode
	switched []string
	lists    map[string]accounts.List
	failMode error
}

func (m *fakeManager) Config() (*storage.Config, error) {
	return storage.LoadConfig(m.paths.ConfigFile)
}
func (m *fakeManager) Paths() storage.Paths { return m.paths }
func (m *fakeManager) SecretMode(name string) (storage.SecretMode, error) {
	if mode, ok := m.modes[name]; ok {
		return mode, nil
	}
	return storage.SecretsCLI, nil
}

func (m *fakeManager) SetSecretMode(name string, mode storage.SecretMode) error {
	if m.failMode != nil {
		return m.failMode
	}
	m.modes[name] = mode
	m.switched = append(m.switched, name+"="+string(mode))
	return nil
}

func (m *fakeManager) CachedAccounts(name string) (accounts.List, error) {
	if l, ok := m.lists[name]; ok {
		return l, nil
	}
	return accounts.List{}, accounts.ErrNotCached
}

type fakeAutostart struct {
	on    bool
	calls int
}

func (a *fakeAutostart) Enabled() (bool, error) { return a.on, nil }
func (a *fakeAutostart) Enable() error          { a.calls++; a.on = true; return nil }
func (a *fakeAutostart) Disable() error         { a.calls++; a.on = false; return nil }

func policyFile(t *testing.T, policy string) *managed.File {
	t.Helper()
	f, err := managed.Parse("managed.json", []byte(strings.Replace(threeSignIns, "\n  ]\n}", "\n  ],\n  \"policy\": "+policy+"\n}", 1)))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func newFakeManager(t *testing.T) *fakeManager {
	configFile, f := writeFiles(t, personsConfig+"\n[sso-session own]\nsso_start_url = https://d-3333333333.awsapps.com/start\nsso_region = eu-west-1\n")
	if _, err := f.AddMissing(configFile); err != nil {
		t.Fatal(err)
	}
	return &fakeManager{paths: storage.Paths{ConfigFile: configFile}, modes: map[string]storage.SecretMode{"data": storage.SecretsKeyring}}
}

func TestApplyPolicySecretsOnlyManaged(t *testing.T) {
	m := newFakeManager(t)
	f := policyFile(t, `{"secrets": "keyring"}`)
	if errs := f.ApplyPolicy(context.Background(), m, nil); len(errs) != 0 {
		t.Fatal(errs)
	}
	// work is corp's portal; data already keeps its secrets in the keyring;
	// own is the person's, not managed.
	if want := []string{"work=keyring", "apps=keyring"}; !slices.Equal(m.switched, want) {
		t.Errorf("switched %v, want %v", m.switched, want)
	}
	m.switched = nil
	if errs := f.ApplyPolicy(context.Background(), m, nil); len(errs) != 0 || len(m.switched) != 0 {
		t.Errorf("second run: %v, switched %v", errs, m.switched)
	}
	// "choice" leaves every sign-in as it is.
	if errs := policyFile(t, `{"secrets": "choice"}`).ApplyPolicy(context.Background(), m, nil); len(errs) != 0 || len(m.switched) != 0 {
		t.Errorf("choice: %v, switched %v", errs, m.switched)
	}
}

func TestApplyPolicyReportsAndGoesOn(t *testing.T) {
	m := newFakeManager(t)
	m.failMode = errors.New("the keyring is locked")
	a := &fakeAutostart{}
	errs := policyFile(t, `{"secrets": "keyring", "startAtLogin": true}`).ApplyPolicy(context.Background(), m, a)
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "work: keep secrets as your organisation asks (keyring): the keyring is locked") {
		t.Errorf("errors %v", errs)
	}
	if !a.on {
		t.Error("start at login was not switched on")
	}
}

func TestApplyPolicyStartAtLogin(t *testing.T) {
	m := newFakeManager(t)
	a := &fakeAutostart{on: true}
	f := policyFile(t, `{"startAtLogin": false}`)
	f.ApplyPolicy(context.Background(), m, a)
	f.ApplyPolicy(context.Background(), m, a)
	if a.on || a.calls != 1 {
		t.Errorf("on %t after %d calls; want off after 1", a.on, a.calls)
	}
	// No startAtLogin in the policy: the person's choice stays.
	a = &fakeAutostart{on: true}
	policyFile(t, `{}`).ApplyPolicy(context.Background(), m, a)
	if !a.on || a.calls != 0 {
		t.Errorf("without a policy: on %t, %d calls", a.on, a.calls)
	}
}

func TestApplyPolicyProfilesOnceListed(t *testing.T) {
	m := newFakeManager(t)
	f := policyFile(t, `{"profileTemplate": "{{.Session}}.{{.AccountSlug}}.{{.RoleName}}"}`)
	before, _ := os.ReadFile(m.paths.ConfigFile)
	if errs := f.ApplyPolicy(context.Background(), m, nil); len(errs) != 0 {
		t.Fatal(errs)
	}
	if after, _ := os.ReadFile(m.paths.ConfigFile); string(after) != string(before) {
		t.Fatal("profiles were written before any account was listed")
	}
	m.lists = map[string]accounts.List{"data": {
		Name: "data", StartURL: "https://d-9876543210.awsapps.com/start", Region: "us-east-1", FetchedAt: time.Now(),
		Accounts: []accounts.Account{{ID: "222222222222", Name: "Data Lake", Roles: []string{"ReadOnly"}}},
	}}
	if errs := f.ApplyPolicy(context.Background(), m, nil); len(errs) != 0 {
		t.Fatal(errs)
	}
	after, _ := os.ReadFile(m.paths.ConfigFile)
	if !strings.HasPrefix(string(after), string(before)) || !strings.Contains(string(after), "[profile data.Data-Lake.ReadOnly]") {
		t.Fatalf("config:\n%s", after)
	}
	// A second start changes nothing.
	if errs := f.ApplyPolicy(context.Background(), m, nil); len(errs) != 0 {
		t.Fatal(errs)
	}
	if again, _ := os.ReadFile(m.paths.ConfigFile); string(again) != string(after) {
		t.Error("the second run changed the profiles")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(m.paths.ConfigFile), "config.bak")); err != nil {
		t.Errorf("no config.bak beside the config: %v", err)
	}
}
