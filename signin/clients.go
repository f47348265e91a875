package signin

import (
	"context"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/smithy-go/logging"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/flow"
)

// Portal is the part of the AWS access portal API that ssotray calls:
// Logout here, and the accounts, roles and role credentials of
// accounts.API.
type Portal interface {
	accounts.API
	Logout(ctx context.Context, in *sso.LogoutInput, optFns ...func(*sso.Options)) (*sso.LogoutOutput, error)
}

// Clients makes the API clients for one Region.
type Clients interface {
	OIDC(ctx context.Context, region string) (flow.OIDC, error)
	Portal(ctx context.Context, region string) (Portal, error)
}

// SDKClients makes the official aws-sdk-go-v2 clients. Endpoints come from
// the SDK's own resolution, so AWS_ENDPOINT_URL_SSO_OIDC,
// AWS_ENDPOINT_URL_SSO and [services] sections work exactly as for the AWS
// CLI. Transient errors (5xx, throttling, connection resets) are retried by
// the SDK's standard retryer with jittered exponential backoff.
type SDKClients struct {
	// MaxAttempts per call, first try included. Default: $AWS_MAX_ATTEMPTS,
	// else 5.
	MaxAttempts int
	// MaxBackoff between retries. Default: 5 s.
	MaxBackoff time.Duration
	// Logf receives the SDK's own log lines (such as its warning that it
	// could not discard the rest of a response body), which would
	// otherwise go to stderr. Default: none; New passes Options.Logf, the
	// debug log.
	Logf func(format string, args ...any)
}

// sdkLogger sends the SDK's log lines to logf instead of stderr. The SDK
// logs no request or response (ClientLogMode stays zero), so the lines
// hold no token.
func sdkLogger(logf func(format string, args ...any)) logging.Logger {
	return logging.LoggerFunc(func(class logging.Classification, format string, args ...any) {
		if logf != nil {
			logf("aws sdk %s: "+format, append([]any{strings.ToLower(string(class))}, args...)...)
		}
	})
}

// OIDC returns an SSO OIDC client for region.
func (c SDKClients) OIDC(ctx context.Context, region string) (flow.OIDC, error) {
	cfg, err := c.config(ctx, region)
	if err != nil {
		return nil, err
	}
	return ssooidc.NewFromConfig(cfg), nil
}

// Portal returns an SSO portal client for region.
func (c SDKClients) Portal(ctx context.Context, region string) (Portal, error) {
	cfg, err := c.config(ctx, region)
	if err != nil {
		return nil, err
	}
	return sso.NewFromConfig(cfg), nil
}

func (c SDKClients) config(ctx context.Context, region string) (aws.Config, error) {
	attempts, backoff := c.MaxAttempts, c.MaxBackoff
	if attempts <= 0 {
		// AWS_MAX_ATTEMPTS means here what it means to every AWS SDK.
		if n, err := strconv.Atoi(os.Getenv("AWS_MAX_ATTEMPTS")); err == nil && n > 0 {
			attempts = n
		} else {
			attempts = 5
		}
	}
	if backoff <= 0 {
		backoff = 5 * time.Second
	}
	retryer := func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = attempts
			o.MaxBackoff = backoff
		})
	}
	logger := sdkLogger(c.Logf)
	opts := []func(*config.LoadOptions) error{
		config.WithRegion(region),
		config.WithLogger(logger),
		config.WithClientLogMode(0),
		// Every call ssotray makes is unauthenticated (noAuth in the models).
		config.WithCredentialsProvider(aws.AnonymousCredentials{}),
		config.WithRetryer(retryer),
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err == nil {
		return cfg, nil
	}
	// A config the SDK cannot load (a broken line, an AWS_PROFILE that names
	// no profile) must not stop a sign-in: fall back to the environment
	// alone, which still carries the AWS_ENDPOINT_URL_* overrides.
	env, envErr := config.NewEnvConfig()
	if envErr != nil {
		return aws.Config{}, err
	}
	return aws.Config{
		Region:        region,
		Credentials:   aws.AnonymousCredentials{},
		Retryer:       retryer,
		Logger:        logger,
		ConfigSources: []interface{}{env},
	}, nil
}
