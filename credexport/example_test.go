package credexport_test

import (
	"os"
	"time"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/credexport"
)

func ExampleWrite() {
	c := accounts.Credentials{
		AccessKeyID:     "ASIAEXAMPLE",
		SecretAccessKey: "secret",
		SessionToken:    "token",
		Expiration:      time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC),
	}
	_ = credexport.Write(os.Stdout, c, "process")
	// Output:
	// {
	//   "Version": 1,
	//   "AccessKeyId": "ASIAEXAMPLE",
	//   "SecretAccessKey": "secret",
	//   "SessionToken": "token",
	//   "Expiration": "2030-01-02T03:04:05+00:00"
	// }
}
