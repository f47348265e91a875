package console_test

import (
	"testing"

	"github.com/ssotray/ssotray/console"
)

func TestShortcutURL(t *testing.T) {
	tests := []struct {
		name, start, account, role, dest, want string
	}{
		{"account and role", startURL, "123456789012", "AWSAdministratorAccess", "",
			startURL + "/#/console?account_id=123456789012&role_name=AWSAdministratorAccess"},
		{"destination encoded", startURL + "/", "123456789012", "ReadOnly", "https://console.aws.amazon.com/s3/home?region=eu-west-1",
			startURL + "/#/console?account_id=123456789012&role_name=ReadOnly&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Fs3%2Fhome%3Fregion%3Deu-west-1"},
		{"account only", startURL + "#/", "123456789012", "", "",
			startURL + "/#/console?account_id=123456789012"},
		{"role with spaces and +", "https://ssoins-1234567890abcdef.portal.eu-west-1.app.aws", "123456789012", "Data Eng+Ops", "",
			"https://ssoins-1234567890abcdef.portal.eu-west-1.app.aws/#/console?account_id=123456789012&role_name=Data%20Eng%2BOps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := console.ShortcutURL(tt.start, tt.account, tt.role, tt.dest); got != tt.want {
				t.Errorf("ShortcutURL = %s\nwant          %s", got, tt.want)
			}
		})
	}
}
