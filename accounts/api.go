package accounts

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/sso"
)

// API is the part of the AWS access portal API that accounts calls, with
// *sso.Client's signatures so production passes the SDK client unchanged.
type API interface {
	ListAccounts(ctx context.Context, in *sso.ListAccountsInput, optFns ...func(*sso.Options)) (*sso.ListAccountsOutput, error)
	ListAccountRoles(ctx context.Context, in *sso.ListAccountRolesInput, optFns ...func(*sso.Options)) (*sso.ListAccountRolesOutput, error)
	GetRoleCredentials(ctx context.Context, in *sso.GetRoleCredentialsInput, optFns ...func(*sso.Options)) (*sso.GetRoleCredentialsOutput, error)
}

// ErrSignInAgain: the access token is missing, expired or was refused
// (401 UnauthorizedException); the person must sign in again. Nothing
// retries it.
var ErrSignInAgain = errors.New("sign in again")

// Session is what the portal API needs to act for one signed-in sign-in.
type Session struct {
	// Name is the sign-in's name (an sso-session, or a legacy profile).
	Name string
	// Key identifies the sign-in's token: the sso-session name, or a legacy
	// start URL. The list on disk is kept under it.
	Key string
	// StartURL and Region are the sign-in's access portal.
	StartURL, Region string
	// API is the portal client for Region.
	API API
	// Token is the bearer access token. It never goes to a log, an error
	// or a file.
	Token string
}
