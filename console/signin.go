package console

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ssotray/ssotray/accounts"
)

// maxBodyBytes caps the federation endpoint's reply, as x/oauth2 does.
const maxBodyBytes = 1 << 20

// SignInURL trades creds, a role's temporary credentials, for a console
// sign-in token at the federation endpoint and returns the login URL that
// opens the console: endpoint?Action=login&Issuer=…&Destination=…&SigninToken=….
//
// The credentials travel in the body of a POST (as aws-sso-util sends them),
// never in a URL. The returned URL grants console access for 15 minutes: it
// is a secret, to open in a browser or print where the person asked, never to
// log. Errors never contain the credentials, the token or the URL.
func SignInURL(ctx context.Context, creds accounts.Credentials, optFns ...func(*Options)) (string, error) {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	if creds.AccessKeyID == "" || creds.SecretAccessKey == "" || creds.SessionToken == "" {
		return "", errors.New("console sign-in: the role credentials are incomplete (key ID, secret and session token are all needed)")
	}
	endpoint, destination, err := o.resolve()
	if err != nil {
		return "", err
	}
	client := o.HTTPClient
	if client == nil {
		client = &http.Client{
			Timeout: defaultTimeout,
			// A 307 or 308 would resend the credentials to wherever it
			// points; the federation endpoint answers directly.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}

	duration := clampDuration(o.SessionDuration)
	token, err := getSigninToken(ctx, client, endpoint, creds, duration)
	if fe, ok := errors.AsType[*FederationError](err); ok && fe.StatusCode == http.StatusBadRequest && duration > 0 {
		// SessionDuration is refused for some credentials (role chaining,
		// odd values: accounts-roles.md §1.2); the credentials' own lifetime
		// is the next best.
		token, err = getSigninToken(ctx, client, endpoint, creds, 0)
	}
	if err != nil {
		return "", err
	}

	q := url.Values{}
	q.Set("Action", "login")
	if o.Issuer != "" {
		q.Set("Issuer", o.Issuer)
	}
	q.Set("Destination", destination)
	q.Set("SigninToken", token)
	return endpoint + "?" + q.Encode(), nil
}

// getSigninToken is step A of the IAM User Guide's custom broker: the
// Session JSON has exactly the keys sessionId, sessionKey and sessionToken.
func getSigninToken(ctx context.Context, client HTTPClient, endpoint string, creds accounts.Credentials, duration time.Duration) (string, error) {
	session, err := json.Marshal(struct {
		ID    string `json:"sessionId"`
		Key   string `json:"sessionKey"`
		Token string `json:"sessionToken"`
	}{creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken})
	if err != nil {
		return "", fmt.Errorf("get console sign-in token: %w", err)
	}
	form := url.Values{}
	form.Set("Action", "getSigninToken")
	form.Set("Session", string(session))
	if duration > 0 {
		form.Set("SessionDuration", strconv.Itoa(int(duration/time.Second)))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("get console sign-in token: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")

	resp, err := client.Do(req)
	if err != nil {
		// *url.Error names the method and the endpoint, neither secret.
		return "", fmt.Errorf("get console sign-in token: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	if err != nil {
		return "", fmt.Errorf("get console sign-in token: read the reply: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", &FederationError{StatusCode: resp.StatusCode}
	}
	var reply struct {
		SigninToken string `json:"SigninToken"`
	}
	if json.Unmarshal(body, &reply) != nil || reply.SigninToken == "" {
		return "", &FederationError{StatusCode: resp.StatusCode}
	}
	return reply.SigninToken, nil
}
