package flow

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// OIDC is the part of the IAM Identity Center OIDC API that a sign-in uses.
// Its methods copy *ssooidc.Client's, so production passes the real client.
type OIDC interface {
	RegisterClient(ctx context.Context, in *ssooidc.RegisterClientInput, optFns ...func(*ssooidc.Options)) (*ssooidc.RegisterClientOutput, error)
	StartDeviceAuthorization(ctx context.Context, in *ssooidc.StartDeviceAuthorizationInput, optFns ...func(*ssooidc.Options)) (*ssooidc.StartDeviceAuthorizationOutput, error)
	CreateToken(ctx context.Context, in *ssooidc.CreateTokenInput, optFns ...func(*ssooidc.Options)) (*ssooidc.CreateTokenOutput, error)
}

var _ OIDC = (*ssooidc.Client)(nil)
