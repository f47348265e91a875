package console_test

import (
	"context"
	"fmt"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/console"
)

// The login URL opens the console in eu-west-1 as the role whose
// credentials were passed. It is a secret: open it, never log it.
func ExampleSignInURL() {
	var creds accounts.Credentials // from GetRoleCredentials
	loginURL, err := console.SignInURL(context.Background(), creds, func(o *console.Options) {
		o.Region = "eu-west-1"
		o.Issuer = "https://d-1234567890.awsapps.com/start"
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = loginURL // pass to the browser
}

func ExampleShortcutURL() {
	fmt.Println(console.ShortcutURL("https://d-1234567890.awsapps.com/start", "123456789012", "ReadOnly", ""))
	// Output: https://d-1234567890.awsapps.com/start/#/console?account_id=123456789012&role_name=ReadOnly
}

func ExampleConsoleHome() {
	home, _ := console.ConsoleHome("us-gov-east-1")
	fmt.Println(home)
	// Output: https://us-gov-east-1.console.amazonaws-us-gov.com/console/home?region=us-gov-east-1
}
