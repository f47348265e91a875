package console_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/console"
	"github.com/ssotray/ssotray/flow/idctest"
)

// roleCredentials gets a role's credentials from the local Identity Center
// with the SDK's sso client, as ssotray does from the real portal.
func roleCredentials(t *testing.T, srv *idctest.Server, accountID, role string) accounts.Credentials {
	t.Helper()
	client := sso.New(sso.Options{
		Region:       "eu-west-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  aws.AnonymousCredentials{},
	})
	out, err := client.GetRoleCredentials(context.Background(), &sso.GetRoleCredentialsInput{
		AccessToken: aws.String(srv.SignInDirect("sso:account:access").AccessToken),
		AccountId:   aws.String(accountID),
		RoleName:    aws.String(role),
	})
	if err != nil {
		t.Fatalf("GetRoleCredentials: %v", err)
	}
	rc := out.RoleCredentials
	return accounts.Credentials{
		AccessKeyID:     aws.ToString(rc.AccessKeyId),
		SecretAccessKey: aws.ToString(rc.SecretAccessKey),
		SessionToken:    aws.ToString(rc.SessionToken),
		Expiration:      time.UnixMilli(rc.Expiration).UTC(),
	}
}

func openPage(t *testing.T, loginURL string) (int, string) {
	t.Helper()
	resp, err := http.Get(loginURL)
	if err != nil {
		t.Fatalf("GET the login URL: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestSignInURLAgainstLocalIdentityCenter goes from role credentials to the
// console page through the local Identity Center's federation endpoint.
func TestSignInURLAgainstLocalIdentityCenter(t *testing.T) {
	srv := idctest.NewServer(func(o *idctest.Options) {
		o.Accounts = []idctest.Account{
			{ID: "123456789012", Name: "Données Prod", Email: "prod@example.com", Roles: []string{"AdministratorAccess", "ReadOnly"}},
			{ID: "210987654321", Name: "Sandbox", Email: "sb@example.com", Roles: []string{"ReadOnly"}},
		}
	})
	t.Cleanup(srv.Close)
	creds := roleCredentials(t, srv, "123456789012", "AdministratorAccess")

	loginURL, err := console.SignInURL(context.Background(), creds, func(o *console.Options) {
		o.Region = "eu-west-1"
		o.Issuer = startURL
		o.Endpoint = srv.URL + "/federation"
		o.SessionDuration = 2 * time.Hour
	})
	if err != nil {
		t.Fatalf("SignInURL: %v", err)
	}
	assertNoSecretIn(t, loginURL, creds)

	status, page := openPage(t, loginURL)
	if status != http.StatusOK {
		t.Fatalf("login page = %d:\n%s", status, page)
	}
	for _, want := range []string{
		"<title>AWS console (local Identity Center)</title>",
		"in account Données Prod (123456789012) as role AdministratorAccess",
		"<dt>Region</dt><dd>eu-west-1</dd>",
		"7200 s asked",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}

	// The credentials only ever travelled in a POST body.
	for _, r := range srv.Requests() {
		if r.Op != idctest.OpFederation {
			continue
		}
		assertNoSecretIn(t, r.Path+"?"+r.Query.Encode(), creds)
		if r.Query.Get("Action") == "getSigninToken" || (r.Method == http.MethodPost && r.Body["Action"] != "getSigninToken") {
			t.Errorf("getSigninToken request = %s %v %v", r.Method, r.Query, r.Body)
		}
	}
}

// TestSignInURLEnvAgainstLocalIdentityCenter is the demo's wiring:
// SSOTRAY_FEDERATION_ENDPOINT set to the server's /federation.
func TestSignInURLEnvAgainstLocalIdentityCenter(t *testing.T) {
	srv := idctest.NewServer()
	t.Cleanup(srv.Close)
	t.Setenv(console.EndpointEnv, srv.URL+"/federation")
	creds := roleCredentials(t, srv, idctest.DefaultAccountID, "ReadOnly")

	loginURL, err := console.SignInURL(context.Background(), creds, func(o *console.Options) { o.Region = "us-east-1" })
	if err != nil {
		t.Fatalf("SignInURL: %v", err)
	}
	status, page := openPage(t, loginURL)
	if status != http.StatusOK || !strings.Contains(page, "in account Demo ("+idctest.DefaultAccountID+") as role ReadOnly") ||
		!strings.Contains(page, "https://console.aws.amazon.com/console/home?region=us-east-1") {
		t.Errorf("login page = %d:\n%s", status, page)
	}

	// Credentials the server did not issue are refused, without a secret in
	// the error.
	forged := creds
	forged.SecretAccessKey = "forged/" + creds.SecretAccessKey
	_, err = console.SignInURL(context.Background(), forged, func(o *console.Options) { o.Region = "us-east-1" })
	if fe, ok := errors.AsType[*console.FederationError](err); !ok || fe.StatusCode != http.StatusBadRequest {
		t.Fatalf("forged credentials: error = %v, want a 400 FederationError", err)
	}
	assertNoSecretIn(t, err.Error(), forged)
}

func assertNoSecretIn(t *testing.T, s string, c accounts.Credentials) {
	t.Helper()
	for _, secret := range []string{c.AccessKeyID, c.SecretAccessKey, c.SessionToken} {
		if strings.Contains(s, secret) {
			t.Errorf("%q holds a credential", s)
		}
	}
}
