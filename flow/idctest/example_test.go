package idctest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"

	"github.com/ssotray/ssotray/flow/idctest"
)

// A device sign-in against the local Identity Center with the real SDK
// client: the first poll is pending, then the test approves the code as a
// person would on the verification page, and the next poll gets a token.
func ExampleNewServer() {
	s := idctest.NewServer()
	defer s.Close()

	client := ssooidc.New(ssooidc.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.URL),
		Credentials:  aws.AnonymousCredentials{},
	})
	ctx := context.Background()

	reg, err := client.RegisterClient(ctx, &ssooidc.RegisterClientInput{
		ClientName: aws.String("ssotray"),
		ClientType: aws.String("public"),
		Scopes:     []string{"sso:account:access"},
	})
	if err != nil {
		log.Fatal(err)
	}
	dev, err := client.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
		ClientId:     reg.ClientId,
		ClientSecret: reg.ClientSecret,
		StartUrl:     aws.String("https://d-1234567890.awsapps.com/start"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("user code:", aws.ToString(dev.UserCode), "interval:", dev.Interval)

	poll := func() (*ssooidc.CreateTokenOutput, error) {
		return client.CreateToken(ctx, &ssooidc.CreateTokenInput{
			ClientId:     reg.ClientId,
			ClientSecret: reg.ClientSecret,
			GrantType:    aws.String("urn:ietf:params:oauth:grant-type:device_code"),
			DeviceCode:   dev.DeviceCode,
		})
	}
	_, err = poll()
	var pending *types.AuthorizationPendingException
	fmt.Println("pending:", errors.As(err, &pending))

	if err := s.Approve(aws.ToString(dev.UserCode)); err != nil {
		log.Fatal(err)
	}
	tok, err := poll()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("token:", aws.ToString(tok.TokenType), tok.ExpiresIn, s.AccessTokenValid(aws.ToString(tok.AccessToken)))
	fmt.Println("refresh token:", tok.RefreshToken != nil)
	// Output:
	// user code: DCMW-XTVL interval: 1
	// pending: true
	// token: Bearer 3600 true
	// refresh token: true
}

// Faults script what a flaky network or service does; the SDK's standard
// retryer absorbs a single 500.
func ExampleServer_InjectFault() {
	s := idctest.NewServer()
	defer s.Close()
	s.InjectFault(idctest.OpRegisterClient, idctest.Fault{Status: 500})

	client := ssooidc.New(ssooidc.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.URL),
		Credentials:  aws.AnonymousCredentials{},
	})
	_, err := client.RegisterClient(context.Background(), &ssooidc.RegisterClientInput{
		ClientName: aws.String("ssotray"),
		ClientType: aws.String("public"),
	})
	fmt.Println("error:", err)
	for _, r := range s.Requests() {
		fmt.Println(r.Method, r.Path, r.Op)
	}
	// Output:
	// error: <nil>
	// POST /client/register RegisterClient
	// POST /client/register RegisterClient
}

// SignInDirect gives a ready-made sign-in, for tests of code that only reads
// the token cache or calls the portal.
func ExampleServer_SignInDirect() {
	s := idctest.NewServer()
	defer s.Close()
	signed := s.SignInDirect("sso:account:access")

	portal := sso.New(sso.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.URL),
		Credentials:  aws.AnonymousCredentials{},
	})
	out, err := portal.ListAccountRoles(context.Background(), &sso.ListAccountRolesInput{
		AccessToken: aws.String(signed.AccessToken),
		AccountId:   aws.String(idctest.DefaultAccountID),
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range out.RoleList {
		fmt.Println(aws.ToString(r.AccountId), aws.ToString(r.RoleName))
	}
	// Output:
	// 111111111111 ReadOnly
	// 111111111111 Admin
}
