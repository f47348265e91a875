package idctest_test

import (
	"context"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"

	"github.com/ssotray/ssotray/flow/idctest"
)

func TestGenerateAccounts(t *testing.T) {
	const n = 1000
	accounts := idctest.GenerateAccounts(n)
	if len(accounts) != n {
		t.Fatalf("len = %d, want %d", len(accounts), n)
	}
	if !reflect.DeepEqual(accounts, idctest.GenerateAccounts(n)) {
		t.Error("two calls with the same n differ")
	}
	if first := idctest.GenerateAccounts(10); !reflect.DeepEqual(first, accounts[:10]) {
		t.Error("GenerateAccounts(10) is not the start of GenerateAccounts(1000)")
	}
	idRE := regexp.MustCompile(`^[0-9]{12}$`)
	ids, names := map[string]bool{}, map[string]bool{}
	roles, large := 0, 0
	var hasSpace, hasDot, hasSlash, hasNonASCII bool
	for _, a := range accounts {
		if !idRE.MatchString(a.ID) || ids[a.ID] {
			t.Fatalf("ID %q is not 12 digits or repeats", a.ID)
		}
		if names[a.Name] {
			t.Fatalf("name %q repeats", a.Name)
		}
		ids[a.ID], names[a.Name] = true, true
		if !strings.Contains(a.Email, "@") {
			t.Errorf("e-mail %q", a.Email)
		}
		if len(a.Roles) == 0 {
			t.Errorf("account %s has no roles", a.Name)
		}
		sorted := slices.Clone(a.Roles)
		slices.Sort(sorted)
		if len(slices.Compact(sorted)) != len(a.Roles) {
			t.Errorf("account %s has a role twice: %v", a.Name, a.Roles)
		}
		roles += len(a.Roles)
		if len(a.Roles) > 100 {
			large++
		}
		hasSpace = hasSpace || strings.Contains(a.Name, " ")
		hasDot = hasDot || strings.Contains(a.Name, ".")
		hasSlash = hasSlash || strings.Contains(a.Name, "/")
		hasNonASCII = hasNonASCII || utf8.RuneCountInString(a.Name) != len(a.Name)
	}
	if avg := float64(roles) / n; avg < 2.3 || avg > 2.7 {
		t.Errorf("%.2f roles per account on average, want about 2.5", avg)
	}
	if large != 1 {
		t.Errorf("%d accounts with more than 100 roles, want 1", large)
	}
	if !hasSpace || !hasDot || !hasSlash || !hasNonASCII {
		t.Errorf("names with space %v, dot %v, slash %v, non-ASCII %v; want all", hasSpace, hasDot, hasSlash, hasNonASCII)
	}
	for _, want := range []string{"Zürich Analytics Prod", "東京 Prod", "data/lake.dev"} {
		if !names[want] {
			t.Errorf("no account named %q", want)
		}
	}
	if got := idctest.GenerateAccounts(0); len(got) != 0 {
		t.Errorf("GenerateAccounts(0) = %d accounts", len(got))
	}
}

// TestGenerateAccountsServed lists generated accounts through the SDK's
// paginators, including the account whose roles take two pages.
func TestGenerateAccountsServed(t *testing.T) {
	want := idctest.GenerateAccounts(150)
	s := newServer(t, func(o *idctest.Options) { o.Accounts = want })
	token := aws.String(s.SignInDirect(scopeAccount).AccessToken)
	c := ssoClient(s, 1)
	ctx := context.Background()

	var got []string
	p := sso.NewListAccountsPaginator(c, &sso.ListAccountsInput{AccessToken: token, MaxResults: aws.Int32(100)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range out.AccountList {
			got = append(got, aws.ToString(a.AccountName))
		}
	}
	if len(got) != len(want) || got[1] != "東京 Prod" {
		t.Fatalf("listed %d accounts (second %q), want %d", len(got), got[1], len(want))
	}
	large := want[7]
	var roles []string
	pages := 0
	rp := sso.NewListAccountRolesPaginator(c, &sso.ListAccountRolesInput{AccessToken: token, AccountId: aws.String(large.ID), MaxResults: aws.Int32(100)})
	for rp.HasMorePages() {
		out, err := rp.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, r := range out.RoleList {
			roles = append(roles, aws.ToString(r.RoleName))
		}
	}
	if pages != 2 || !reflect.DeepEqual(roles, large.Roles) {
		t.Errorf("large account: %d pages, %d roles; want 2 pages, %d roles", pages, len(roles), len(large.Roles))
	}
}
