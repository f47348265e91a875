package flowtest

import (
	"context"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// Reply is one scripted answer: an output or an error.
type Reply[T any] struct {
	Out *T
	Err error
}

// OIDC is a scripted flow.OIDC. Each method answers from its queue in order
// and records the input it got; a call with an empty queue fails the call
// with an "unexpected" error, which tests then see.
type OIDC struct {
	mu sync.Mutex

	RegisterReplies []Reply[ssooidc.RegisterClientOutput]
	StartReplies    []Reply[ssooidc.StartDeviceAuthorizationOutput]
	TokenReplies    []Reply[ssooidc.CreateTokenOutput]

	Registers []ssooidc.RegisterClientInput
	Starts    []ssooidc.StartDeviceAuthorizationInput
	Tokens    []ssooidc.CreateTokenInput

	// BeforeToken, if set, runs before each CreateToken answers, with the
	// call's number (1-based) and its context.
	BeforeToken func(ctx context.Context, n int)

	// Endpoint, if set, is the base endpoint Options tells, as
	// AWS_ENDPOINT_URL_SSO_OIDC sets it for an *ssooidc.Client: a browser
	// sign-in's page is its /authorize.
	Endpoint string
}

// Options tells the endpoint as *ssooidc.Client's Options does, with the
// SDK's own endpoint resolver.
func (o *OIDC) Options() ssooidc.Options {
	opts := ssooidc.Options{Region: "eu-west-1", EndpointResolverV2: ssooidc.NewDefaultEndpointResolverV2()}
	if o.Endpoint != "" {
		opts.BaseEndpoint = &o.Endpoint
	}
	return opts
}

// RegisterClient answers from RegisterReplies.
func (o *OIDC) RegisterClient(_ context.Context, in *ssooidc.RegisterClientInput, _ ...func(*ssooidc.Options)) (*ssooidc.RegisterClientOutput, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.Registers = append(o.Registers, *in)
	return pop(&o.RegisterReplies, "RegisterClient")
}

// StartDeviceAuthorization answers from StartReplies.
func (o *OIDC) StartDeviceAuthorization(_ context.Context, in *ssooidc.StartDeviceAuthorizationInput, _ ...func(*ssooidc.Options)) (*ssooidc.StartDeviceAuthorizationOutput, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.Starts = append(o.Starts, *in)
	return pop(&o.StartReplies, "StartDeviceAuthorization")
}

// CreateToken answers from TokenReplies.
func (o *OIDC) CreateToken(ctx context.Context, in *ssooidc.CreateTokenInput, _ ...func(*ssooidc.Options)) (*ssooidc.CreateTokenOutput, error) {
	o.mu.Lock()
	o.Tokens = append(o.Tokens, *in)
	n, hook := len(o.Tokens), o.BeforeToken
	o.mu.Unlock()
	if hook != nil {
		hook(ctx, n)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return pop(&o.TokenReplies, "CreateToken")
}

// TokenCalls returns how many CreateToken calls were made.
func (o *OIDC) TokenCalls() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.Tokens)
}

func pop[T any](q *[]Reply[T], op string) (*T, error) {
	if len(*q) == 0 {
		return nil, fmt.Errorf("flowtest: unexpected %s call", op)
	}
	r := (*q)[0]
	*q = (*q)[1:]
	return r.Out, r.Err
}
