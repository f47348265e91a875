package ui

import "testing"

func TestVerificationURLAllowed(t *testing.T) {
	tests := []struct {
		name string
		url  string
		demo bool
		want bool
	}{
		{"identity center device page", "https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH", false, true},
		{"upper-case host", "https://DEVICE.SSO.EU-WEST-1.AMAZONAWS.COM/", false, true},
		{"explicit port 443", "https://device.sso.us-east-1.amazonaws.com:443/", false, true},
		{"china", "https://device.sso.cn-north-1.amazonaws.com.cn/", false, true},
		{"european sovereign cloud", "https://device.sso.eusc-de-east-1.amazonaws.eu/", false, true},
		{"regional sign-in", "https://ap-southeast-2.signin.aws/platform/authorize", false, true},
		{"dual-stack portal", "https://ssoins-111111h2222j33pp.portal.us-east-1.app.aws/start", false, true},
		// Not Identity Center's hosts, though under AWS domains (flow's
		// table has the rest).
		{"s3 bucket", "https://evil.s3.amazonaws.com/device", false, false},
		{"made-up aws tld host", "https://device.sso.us-east-1.signin.aws/", false, false},
		{"made-up app.aws host", "https://d-1234567890.app.aws/start", false, false},
		{"awsapps portal", "https://d-1234567890.awsapps.com/start/#/device", false, true},
		{"awsapps china", "https://start.home.awsapps.cn/directory/x", false, true},

		{"http on aws", "http://device.sso.eu-west-1.amazonaws.com/", false, false},
		{"lookalike suffix", "https://device.sso.eu-west-1.amazonaws.com.evil.io/", false, false},
		{"lookalike label", "https://evilamazonaws.com/", false, false},
		{"bare domain", "https://amazonaws.com/", false, false},
		{"aws in the path", "https://evil.io/device.sso.eu-west-1.amazonaws.com/", false, false},
		{"aws in the query", "https://evil.io/?next=https://device.sso.eu-west-1.amazonaws.com", false, false},
		{"user info before the host", "https://device.sso.eu-west-1.amazonaws.com@evil.io/", false, false},
		{"user info on an aws host", "https://evil.io@device.sso.eu-west-1.amazonaws.com/", false, false},
		{"other port", "https://device.sso.eu-west-1.amazonaws.com:8443/", false, false},
		{"trailing dot", "https://device.sso.eu-west-1.amazonaws.com./", false, false},
		{"empty label", "https://device..amazonaws.com/", false, false},
		{"cyrillic a", "https://device.sso.eu-west-1.\u0430mazonaws.com/", false, false},
		{"punycode lookalike", "https://xn--amazonws-4cb.com/", false, false},
		{"ip address", "https://52.94.236.248/", false, false},
		{"javascript", "javascript:alert(1)//.amazonaws.com", false, false},
		{"file", "file:///etc/passwd", false, false},
		{"no scheme", "device.sso.eu-west-1.amazonaws.com/", false, false},
		{"empty", "", false, false},
		{"garbage", "https://%zz", false, false},

		{"loopback outside demo", "http://127.0.0.1:4566/device?user_code=ABCD-EFGH", false, false},
		{"localhost outside demo", "https://localhost:4566/device", false, false},
		{"demo loopback http", "http://127.0.0.1:4566/device?user_code=ABCD-EFGH", true, true},
		{"demo localhost", "http://localhost:8080/device", true, true},
		{"demo ipv6 loopback", "http://[::1]:8080/device", true, true},
		{"demo 127.0.0.2", "http://127.0.0.2/device", true, true},
		{"demo still allows aws", "https://device.sso.eu-west-1.amazonaws.com/", true, true},
		{"demo other host", "http://192.168.1.10:4566/device", true, false},
		{"demo localhost lookalike", "http://localhost.evil.io/device", true, false},
		{"demo http aws", "http://device.sso.eu-west-1.amazonaws.com/", true, false},
		{"demo ftp loopback", "ftp://127.0.0.1/device", true, false},
		{"demo user info", "http://evil.io@127.0.0.1/", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := verificationURLAllowed(tt.url, tt.demo); got != tt.want {
				t.Errorf("verificationURLAllowed(%q, %t) = %t, want %t", tt.url, tt.demo, got, tt.want)
			}
		})
	}
}
