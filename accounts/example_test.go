package accounts_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/flow/idctest"
)

// ExampleFetch lists the accounts behind a sign-in from a local Identity
// Center throttled to 50 requests a second.
func ExampleFetch() {
	srv := idctest.NewServer(func(o *idctest.Options) {
		o.Accounts = idctest.GenerateAccounts(40)
		o.PortalRate = 50
	})
	defer srv.Close()
	s := accounts.Session{
		Name: "corp", Key: "corp", Region: "eu-central-1",
		API:   sso.New(sso.Options{Region: "eu-central-1", BaseEndpoint: aws.String(srv.URL), Credentials: aws.AnonymousCredentials{}}),
		Token: srv.SignInDirect("sso:account:access").AccessToken,
	}
	list, _, err := accounts.Fetch(context.Background(), s)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(list.Accounts), "accounts; the first:", list.Accounts[0].Name)
	// Output: 40 accounts; the first: Audit Prod
}

// ExampleList_Resolve finds an account by name and a role in it.
func ExampleList_Resolve() {
	l := accounts.List{Name: "corp", Accounts: []accounts.Account{
		{ID: "111111111111", Name: "Zürich Analytics", Roles: []string{"DataScientist", "ReadOnlyAccess"}},
	}}
	a, err := l.Resolve("zürich analytics", "ReadOnlyAccess")
	fmt.Println(a.ID, a.Roles, err)
	_, err = l.Resolve("Zürich Analytics", "Admin")
	fmt.Println(errors.Is(err, accounts.ErrUnknownRole), err)
	// Output:
	// 111111111111 [ReadOnlyAccess] <nil>
	// true account Zürich Analytics (111111111111) has no role "Admin"; its roles: DataScientist, ReadOnlyAccess: unknown role
}
