package profiles

import (
	"testing"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/storage"
)

// corp is the sso-session sign-in most tests use.
var corp = storage.SignIn{Name: "corp", Kind: storage.KindSSOSession, StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1", File: "config"}

// storageLegacy is a legacy sign-in, which needs no sso-session section, so
// a plan can start from a missing file.
var storageLegacy = storage.SignIn{Name: "dev", Kind: storage.KindLegacyProfile, StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1"}

// sessionConfig is a config file with corp's sso-session.
const sessionConfig = "[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n"

// accountsList is accounts.List, short for tables.
type accountsList = accounts.List

// list returns a List of accounts.
func list(accts ...accounts.Account) accounts.List {
	return accounts.List{Name: "corp", Accounts: accts}
}

// acct returns an account.
func acct(id, name string, roles ...string) accounts.Account {
	return accounts.Account{ID: id, Name: name, Roles: roles}
}

// mustPlan runs NewPlan and fails the test on error.
func mustPlan(t *testing.T, config string, in storage.SignIn, l accounts.List, opts Options) *Plan {
	t.Helper()
	p, err := NewPlan([]byte(config), in, l, opts)
	if err != nil {
		t.Fatalf("NewPlan: %v", err)
	}
	return p
}

// profileNames returns the Profile of each change.
func profileNames(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Profile)
	}
	return out
}
