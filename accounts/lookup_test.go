package accounts_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/flow/idctest"
)

func lookupList() accounts.List {
	return accounts.List{
		Name: "corp",
		Accounts: []accounts.Account{
			{ID: "111111111111", Name: "Payments Prod", Email: "pay@example.com", Roles: []string{"AdministratorAccess", "ReadOnlyAccess"}},
			{ID: "222222222222", Name: "Shared", Email: "shared-a@example.com", Roles: []string{"Billing"}},
			{ID: "333333333333", Name: "Shared", Email: "shared-b@example.com", Roles: []string{"ReadOnlyAccess"}},
			{ID: "444444444444", Name: "Zürich Analytics", Email: "zurich@example.com", Roles: []string{"DataScientist", "ReadOnlyAccess"}},
			{ID: "555555555555", Name: "sandbox", Email: "sb1@example.com", Roles: []string{"PowerUserAccess"}},
			{ID: "666666666666", Name: "Sandbox", Email: "sb2@example.com", Roles: []string{"PowerUserAccess"}},
		},
	}
}

func TestResolve(t *testing.T) {
	l := lookupList()
	tests := []struct {
		name, account, role string
		wantID, wantRole    string
		wantErr             error
		wantText            []string
	}{
		{name: "by ID", account: "444444444444", role: "DataScientist", wantID: "444444444444", wantRole: "DataScientist"},
		{name: "by exact name", account: "Zürich Analytics", role: "ReadOnlyAccess", wantID: "444444444444", wantRole: "ReadOnlyAccess"},
		{name: "by name in another case", account: "zürich analytics", role: "readonlyaccess", wantID: "444444444444", wantRole: "ReadOnlyAccess"},
		{name: "exact case wins", account: "Sandbox", role: "PowerUserAccess", wantID: "666666666666", wantRole: "PowerUserAccess"},
		{name: "other case ambiguous", account: "SANDBOX", role: "PowerUserAccess", wantErr: accounts.ErrAmbiguousAccount, wantText: []string{"555555555555", "666666666666", "use the account ID"}},
		{name: "ambiguous", account: "Shared", role: "Billing", wantErr: accounts.ErrAmbiguousAccount, wantText: []string{"222222222222", "333333333333", "use the account ID"}},
		{name: "ambiguous, ID works", account: "222222222222", role: "Billing", wantID: "222222222222", wantRole: "Billing"},
		{name: "unknown account", account: "Payments", role: "Billing", wantErr: accounts.ErrUnknownAccount, wantText: []string{`"Payments"`, "ssotray accounts corp"}},
		{name: "unknown role", account: "Payments Prod", role: "Billing", wantErr: accounts.ErrUnknownRole, wantText: []string{`"Billing"`, "AdministratorAccess, ReadOnlyAccess"}},
		{name: "no role asked", account: "Payments Prod", wantID: "111111111111"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := l.Resolve(tt.account, tt.role)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				for _, s := range tt.wantText {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("err %q does not say %q", err, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if a.ID != tt.wantID {
				t.Errorf("account %s, want %s", a.ID, tt.wantID)
			}
			if tt.wantRole != "" && (len(a.Roles) != 1 || a.Roles[0] != tt.wantRole) {
				t.Errorf("roles %v, want [%s]", a.Roles, tt.wantRole)
			}
			if tt.wantRole == "" && len(a.Roles) != 2 {
				t.Errorf("roles %v, want all of them", a.Roles)
			}
		})
	}
}

func TestFilter(t *testing.T) {
	l := lookupList()
	ids := func(as []accounts.Account) string {
		var b strings.Builder
		for _, a := range as {
			fmt.Fprintf(&b, "%s:%s ", a.ID[:1], strings.Join(a.Roles, ","))
		}
		return strings.TrimSpace(b.String())
	}
	tests := []struct{ query, want string }{
		{"", "1:AdministratorAccess,ReadOnlyAccess 2:Billing 3:ReadOnlyAccess 4:DataScientist,ReadOnlyAccess 5:PowerUserAccess 6:PowerUserAccess"},
		{"payments", "1:AdministratorAccess,ReadOnlyAccess"},
		{"ZÜRICH", "4:DataScientist,ReadOnlyAccess"},
		{"3333", "3:ReadOnlyAccess"},
		{"shared-b@", "3:ReadOnlyAccess"},
		{"readonly", "1:ReadOnlyAccess 3:ReadOnlyAccess 4:ReadOnlyAccess"},
		{"  admin ", "1:AdministratorAccess"},
		{"nothing like it", ""},
		// Words match on their own: account words pick accounts, the
		// others must be in a role.
		{"prod admin", "1:AdministratorAccess"},
		{"shared readonly", "3:ReadOnlyAccess"},
		{"read only", "1:ReadOnlyAccess 3:ReadOnlyAccess 4:ReadOnlyAccess"},
		{"zürich access", "4:ReadOnlyAccess"},
		{"payments 1111", "1:AdministratorAccess,ReadOnlyAccess"},
		{"payments billing", ""},
	}
	for _, tt := range tests {
		if got := ids(l.Filter(tt.query)); got != tt.want {
			t.Errorf("Filter(%q) = %s\nwant %s", tt.query, got, tt.want)
		}
	}
	// The result shares nothing with the list.
	out := l.Filter("")
	out[0].Roles[0] = "changed"
	if diff := cmp.Diff(lookupList(), l); diff != "" {
		t.Errorf("changing Filter's result changed the list:\n%s", diff)
	}
}

// BenchmarkFilter1000 filters 1,000 generated accounts as a search box
// does on each key press.
func BenchmarkFilter1000(b *testing.B) {
	var l accounts.List
	for _, a := range idctest.GenerateAccounts(1000) {
		l.Accounts = append(l.Accounts, accounts.Account{ID: a.ID, Name: a.Name, Email: a.Email, Roles: a.Roles})
	}
	for _, q := range []string{"prod", "zür", "ReadOnly", "9"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				l.Filter(q)
			}
		})
	}
}
