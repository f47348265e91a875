package accounts_test

import (
	"cmp"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/flow/idctest"
)

const (
	testStartURL = "https://d-1234567890.awsapps.com/start"
	testRegion   = "eu-central-1"
)

// newPortal starts a local Identity Center, closed at the end of the test,
// and returns it with a Session signed in to it through the real SDK
// client, whose own retries are off as in production.
func newPortal(t testing.TB, optFns ...func(*idctest.Options)) (*idctest.Server, accounts.Session) {
	t.Helper()
	srv := idctest.NewServer(optFns...)
	t.Cleanup(srv.Close)
	api := sso.New(sso.Options{
		Region:       testRegion,
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  aws.AnonymousCredentials{},
	})
	return srv, accounts.Session{
		Name:     "corp",
		Key:      "corp",
		StartURL: testStartURL,
		Region:   testRegion,
		API:      api,
		Token:    srv.SignInDirect("sso:account:access").AccessToken,
	}
}

// wantList is what Fetch must return for the server's accounts: sorted by
// name then ID, with sorted roles.
func wantList(in []idctest.Account) []accounts.Account {
	out := make([]accounts.Account, len(in))
	for i, a := range in {
		roles := slices.Clone(a.Roles)
		slices.Sort(roles)
		out[i] = accounts.Account{ID: a.ID, Name: a.Name, Email: a.Email, Roles: roles}
	}
	slices.SortFunc(out, func(a, b accounts.Account) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}
