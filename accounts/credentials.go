package accounts

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
)

// credentialsRetries bounds GetCredentials' retries after a 429, a 5xx or a
// network error; credentialsBackoff is the first backoff, doubled each time,
// with full jitter.
const (
	credentialsRetries = 4
	credentialsBackoff = 500 * time.Millisecond
)

// GetCredentials gets temporary credentials for role in accountID with
// GetRoleCredentials. A refused token gives an error wrapping
// ErrSignInAgain; a role the person may not take gives "no access to role R
// in account A"; throttling, 5xx answers and network errors are retried a
// few times with jittered backoff. The credentials never appear in an
// error.
func GetCredentials(ctx context.Context, s Session, accountID, role string) (Credentials, error) {
	return getCredentials(ctx, s, accountID, role, realClock{}, rand.Float64)
}

func getCredentials(ctx context.Context, s Session, accountID, role string, clock Clock, random func() float64) (Credentials, error) {
	if s.API == nil {
		return Credentials{}, errors.New("get role credentials: no portal client")
	}
	for attempt := 0; ; attempt++ {
		out, err := s.API.GetRoleCredentials(ctx, &sso.GetRoleCredentialsInput{
			AccessToken: aws.String(s.Token),
			AccountId:   aws.String(accountID),
			RoleName:    aws.String(role),
		}, noSDKRetries)
		err = fromBetween(err)
		a, after := classify(ctx, err)
		switch a {
		case answerOK:
			return roleCredentials(out, accountID, role)
		case answerCanceled:
			if ctx.Err() != nil {
				return Credentials{}, ctx.Err()
			}
			return Credentials{}, err
		case answerSignIn:
			return Credentials{}, fmt.Errorf("get credentials for role %s in account %s: the access portal refused the token of %s (401): %w", role, accountID, s.Name, ErrSignInAgain)
		case answerForbidden:
			return Credentials{}, fmt.Errorf("no access to role %s in account %s", role, accountID)
		case answerGarbage:
			return Credentials{}, fmt.Errorf("get credentials for role %s in account %s: the access portal at %s answered with something that is not its API: %w", role, accountID, s.Region, err)
		case answerOther:
			return Credentials{}, fmt.Errorf("get credentials for role %s in account %s: %w", role, accountID, err)
		}
		if attempt == credentialsRetries {
			return Credentials{}, fmt.Errorf("get credentials for role %s in account %s: the access portal at %s kept refusing or failing (%d attempts): %w", role, accountID, s.Region, attempt+1, err)
		}
		wait := time.Duration(random() * float64(credentialsBackoff<<attempt))
		wait = max(wait, min(after, maxRetryAfter))
		if err := clock.Wait(ctx, wait); err != nil {
			return Credentials{}, err
		}
	}
}

// roleCredentials checks GetRoleCredentials' reply; the error names what
// is missing, never a value.
func roleCredentials(out *sso.GetRoleCredentialsOutput, accountID, role string) (Credentials, error) {
	if out == nil || out.RoleCredentials == nil {
		return Credentials{}, fmt.Errorf("get credentials for role %s in account %s: the reply has no roleCredentials", role, accountID)
	}
	rc := out.RoleCredentials
	c := Credentials{
		AccessKeyID:     aws.ToString(rc.AccessKeyId),
		SecretAccessKey: aws.ToString(rc.SecretAccessKey),
		SessionToken:    aws.ToString(rc.SessionToken),
		Expiration:      time.UnixMilli(rc.Expiration).UTC(),
	}
	var missing []string
	for _, f := range []struct{ name, v string }{
		{"accessKeyId", c.AccessKeyID}, {"secretAccessKey", c.SecretAccessKey}, {"sessionToken", c.SessionToken},
	} {
		if f.v == "" {
			missing = append(missing, f.name)
		}
	}
	if rc.Expiration == 0 {
		missing = append(missing, "expiration")
	}
	if missing != nil {
		return Credentials{}, fmt.Errorf("get credentials for role %s in account %s: the reply has no %v", role, accountID, missing)
	}
	return c, nil
}
