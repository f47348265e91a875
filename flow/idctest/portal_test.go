package idctest_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/sso/types"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"
	"github.com/aws/smithy-go"

	"github.com/ssotray/ssotray/flow/idctest"
)

func manyAccounts(n int) []idctest.Account {
	var accounts []idctest.Account
	for i := range n {
		accounts = append(accounts, idctest.Account{
			ID:    fmt.Sprintf("%012d", 100000000000+i),
			Name:  fmt.Sprintf("acct-%d", i),
			Email: fmt.Sprintf("acct-%d@example.com", i),
			Roles: []string{"ReadOnly", "PowerUser", "Admin"},
		})
	}
	return accounts
}

func TestGetRoleCredentialsSDK(t *testing.T) {
	clock := newClock()
	s := newServer(t, withClock(clock))
	signed := s.SignInDirect(scopeAccount)
	c := ssoClient(s, 1)

	out, err := c.GetRoleCredentials(context.Background(), &sso.GetRoleCredentialsInput{
		AccessToken: aws.String(signed.AccessToken),
		AccountId:   aws.String(idctest.DefaultAccountID),
		RoleName:    aws.String("ReadOnly"),
	})
	if err != nil {
		t.Fatalf("GetRoleCredentials: %v", err)
	}
	rc := out.RoleCredentials
	if id := aws.ToString(rc.AccessKeyId); !strings.HasPrefix(id, "ASIA") || len(id) != 20 {
		t.Errorf("accessKeyId = %q, want ASIA and 20 characters", id)
	}
	if aws.ToString(rc.SecretAccessKey) == "" || aws.ToString(rc.SessionToken) == "" {
		t.Error("secretAccessKey or sessionToken is empty")
	}
	if got, want := rc.Expiration, clock.Now().Add(time.Hour).UnixMilli(); got != want {
		t.Errorf("expiration = %d, want %d (epoch milliseconds)", got, want)
	}

	req := s.Requests()[len(s.Requests())-1]
	if req.Op != idctest.OpGetRoleCredentials || req.BearerToken != signed.AccessToken ||
		req.Query.Get("role_name") != "ReadOnly" || req.Query.Get("account_id") != idctest.DefaultAccountID {
		t.Errorf("recorded request = %+v", req)
	}
}

func TestPortalErrorsSDK(t *testing.T) {
	clock := newClock()
	s := newServer(t, withClock(clock))
	expired := s.SignInDirect(scopeAccount).AccessToken
	c := ssoClient(s, 1)
	get := func(token, account, role string) error {
		_, err := c.GetRoleCredentials(context.Background(), &sso.GetRoleCredentialsInput{
			AccessToken: aws.String(token), AccountId: aws.String(account), RoleName: aws.String(role),
		})
		return err
	}
	forbidden := func(t *testing.T, err error) {
		t.Helper()
		var ae smithy.APIError
		if !errors.As(err, &ae) || ae.ErrorCode() != "ForbiddenException" || ae.ErrorMessage() != "No access" {
			t.Fatalf("error = %v, want ForbiddenException: No access", err)
		}
	}
	unauthorized := func(t *testing.T, err error) {
		t.Helper()
		ue := wantErrorAs[*ssotypes.UnauthorizedException](t, err)
		if aws.ToString(ue.Message) != "Session token not found or invalid" {
			t.Errorf("message = %q", aws.ToString(ue.Message))
		}
	}
	clock.Advance(30 * time.Minute)
	good := s.SignInDirect(scopeAccount).AccessToken
	clock.Advance(31 * time.Minute) // expired is now past its hour, good is not

	tests := []struct {
		name                 string
		token, account, role string
		want                 func(t *testing.T, err error)
		status               int
	}{
		{"unknown token", "aoa-bogus", idctest.DefaultAccountID, "ReadOnly", unauthorized, 401},
		{"expired token", expired, idctest.DefaultAccountID, "ReadOnly", unauthorized, 401},
		{"unassigned account", good, "999999999999", "ReadOnly", forbidden, 403},
		{"unassigned role", good, idctest.DefaultAccountID, "Billing", forbidden, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := get(tt.token, tt.account, tt.role)
			tt.want(t, err)
			if got := httpStatus(err); got != tt.status {
				t.Errorf("HTTP status = %d, want %d", got, tt.status)
			}
		})
	}
	if err := get(good, idctest.DefaultAccountID, "Admin"); err != nil {
		t.Errorf("valid token: %v", err)
	}
}

func TestListAccountsPaginationSDK(t *testing.T) {
	accounts := manyAccounts(5)
	s := newServer(t, func(o *idctest.Options) { o.Accounts = accounts })
	token := s.SignInDirect(scopeAccount).AccessToken
	c := ssoClient(s, 1)

	p := sso.NewListAccountsPaginator(c, &sso.ListAccountsInput{AccessToken: aws.String(token), MaxResults: aws.Int32(2)})
	var got []ssotypes.AccountInfo
	pages := 0
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("page %d: %v", pages+1, err)
		}
		pages++
		got = append(got, page.AccountList...)
	}
	if pages != 3 || len(got) != len(accounts) {
		t.Fatalf("pages, accounts = %d, %d; want 3, %d", pages, len(got), len(accounts))
	}
	for i, a := range got {
		w := accounts[i]
		if aws.ToString(a.AccountId) != w.ID || aws.ToString(a.AccountName) != w.Name || aws.ToString(a.EmailAddress) != w.Email {
			t.Errorf("account %d = %s/%s/%s, want %s/%s/%s", i, aws.ToString(a.AccountId), aws.ToString(a.AccountName),
				aws.ToString(a.EmailAddress), w.ID, w.Name, w.Email)
		}
	}
	var next []string
	for _, r := range s.Requests() {
		if r.Op == idctest.OpListAccounts {
			next = append(next, r.Query.Get("next_token"))
		}
	}
	if len(next) != 3 || next[0] != "" || next[1] == "" || next[2] == "" {
		t.Errorf("next_token per request = %q, want empty then two tokens", next)
	}
}

func TestListAccountRolesPaginationSDK(t *testing.T) {
	accounts := manyAccounts(2)
	s := newServer(t, func(o *idctest.Options) { o.Accounts = accounts })
	token := s.SignInDirect(scopeAccount).AccessToken
	c := ssoClient(s, 1)

	p := sso.NewListAccountRolesPaginator(c, &sso.ListAccountRolesInput{
		AccessToken: aws.String(token), AccountId: aws.String(accounts[1].ID), MaxResults: aws.Int32(1),
	})
	var roles []string
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.RoleList {
			if aws.ToString(r.AccountId) != accounts[1].ID {
				t.Errorf("role %s has account %s", aws.ToString(r.RoleName), aws.ToString(r.AccountId))
			}
			roles = append(roles, aws.ToString(r.RoleName))
		}
	}
	if got, want := strings.Join(roles, ","), "ReadOnly,PowerUser,Admin"; got != want {
		t.Errorf("roles = %s, want %s", got, want)
	}

	// A next token from another listing is rejected.
	first, err := c.ListAccounts(context.Background(), &sso.ListAccountsInput{AccessToken: aws.String(token), MaxResults: aws.Int32(1)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListAccountRoles(context.Background(), &sso.ListAccountRolesInput{
		AccessToken: aws.String(token), AccountId: aws.String(accounts[0].ID), NextToken: first.NextToken,
	})
	wantErrorAs[*ssotypes.InvalidRequestException](t, err)

	_, err = c.ListAccountRoles(context.Background(), &sso.ListAccountRolesInput{
		AccessToken: aws.String(token), AccountId: aws.String("999999999999"),
	})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "ForbiddenException" {
		t.Errorf("unknown account: error = %v, want ForbiddenException", err)
	}
}

func TestLogoutSDK(t *testing.T) {
	s := newServer(t)
	oc := oidcClient(s, 1)
	reg, tok := signIn(t, s, oc, scopeAccount)
	c := ssoClient(s, 1)
	token := aws.ToString(tok.AccessToken)

	if _, err := c.Logout(context.Background(), &sso.LogoutInput{AccessToken: aws.String(token)}); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	if s.AccessTokenValid(token) {
		t.Error("AccessTokenValid after Logout = true")
	}
	_, err := c.ListAccounts(context.Background(), &sso.ListAccountsInput{AccessToken: aws.String(token)})
	wantErrorAs[*ssotypes.UnauthorizedException](t, err)
	// Logout ends the session, so its refresh token is dead too.
	_, err = refreshToken(oc, reg, aws.ToString(tok.RefreshToken))
	wantErrorAs[*types.InvalidGrantException](t, err)
	_, err = c.Logout(context.Background(), &sso.LogoutInput{AccessToken: aws.String(token)})
	wantErrorAs[*ssotypes.UnauthorizedException](t, err)
}

func TestNoAccounts(t *testing.T) {
	s := newServer(t, func(o *idctest.Options) { o.Accounts = nil })
	out, err := ssoClient(s, 1).ListAccounts(context.Background(), &sso.ListAccountsInput{
		AccessToken: aws.String(s.SignInDirect().AccessToken),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.AccountList) != 0 || out.NextToken != nil {
		t.Errorf("ListAccounts = %d accounts, nextToken %v; want none", len(out.AccountList), out.NextToken)
	}
}
