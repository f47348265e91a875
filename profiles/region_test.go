package profiles

import "testing"

func TestRegionFor(t *testing.T) {
	const config = `[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1

[profile mine]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = ReadOnly
region = ap-southeast-2

[profile renamed]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = Admin
region = us-west-2
ssotray_managed = corp/222222222222/Admin

[profile other-session]
sso_session = elsewhere
sso_account_id = 333333333333
sso_role_name = Admin
region = sa-east-1

[profile no-region]
sso_session = corp
sso_account_id = 444444444444
sso_role_name = Admin
`
	for _, tt := range []struct{ account, role, want string }{
		{"111111111111", "ReadOnly", "ap-southeast-2"}, // the person's own profile
		{"222222222222", "Admin", "us-west-2"},         // ssotray's, renamed
		{"333333333333", "Admin", ""},                  // another sign-in's
		{"444444444444", "Admin", ""},                  // no region key
		{"111111111111", "Admin", ""},                  // no profile
	} {
		if got := RegionFor([]byte(config), corp, tt.account, tt.role); got != tt.want {
			t.Errorf("RegionFor(%s, %s) = %q, want %q", tt.account, tt.role, got, tt.want)
		}
	}
}
