package flow_test

import (
	"fmt"
	"testing"

	"github.com/ssotray/ssotray/flow"
)

func TestTrustedVerificationURL(t *testing.T) {
	tests := []struct {
		name     string
		url      string
		loopback bool
		want     bool
	}{
		// The device page in each partition.
		{"device page", "https://device.sso.us-west-2.amazonaws.com/?user_code=PMPJ-VZCJ", false, true},
		{"device page no path", "https://device.sso.eu-west-1.amazonaws.com", false, true},
		{"device page new region", "https://device.sso.ap-southeast-7.amazonaws.com/", false, true},
		{"device page govcloud", "https://device.sso.us-gov-west-1.amazonaws.com/", false, true},
		{"device page china", "https://device.sso.cn-north-1.amazonaws.com.cn/", false, true},
		{"device page eusc", "https://device.sso.eusc-de-east-1.amazonaws.eu/", false, true},
		{"regional sign-in", "https://ap-southeast-2.signin.aws/platform/authorize?request_uri=x", false, true},
		// The access portal's own device page.
		{"portal", "https://d-1234567890.awsapps.com/start/#/device?user_code=PMPJ-VZCJ", false, true},
		{"portal alias", "https://my-company.awsapps.com/start", false, true},
		{"portal china", "https://d-1234567890.awsapps.cn/start", false, true},
		{"portal china directory form", "https://start.home.awsapps.cn/directory/d-1234567890", false, true},
		{"portal govcloud", "https://start.us-gov-home.awsapps.com/directory/d-1234567890", false, true},
		{"regional portal", "https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com/", false, true},
		{"regional portal hex id", "https://ssoins-7223a1b2c3d4e5f6.us-east-1.portal.amazonaws.com/", false, true},
		{"regional portal china", "https://ssoins-111111h2222j33pp.cn-northwest-1.portal.amazonaws.com.cn/", false, true},
		{"regional portal eusc", "https://ssoins-111111h2222j33pp.eusc-de-east-1.portal.amazonaws.eu/", false, true},
		{"dual-stack portal", "https://ssoins-111111h2222j33pp.portal.us-east-1.app.aws/", false, true},
		{"dual-stack portal china", "https://ssoins-111111h2222j33pp.portal.cn-north-1.app.amazonwebservices.com.cn/", false, true},
		{"dual-stack portal eusc", "https://ssoins-111111h2222j33pp.portal.eusc-de-east-1.api.amazonwebservices.eu/", false, true},
		{"upper case", "https://DEVICE.SSO.US-EAST-1.AMAZONAWS.COM/", false, true},
		{"explicit port 443", "https://device.sso.us-east-1.amazonaws.com:443/", false, true},

		// Customers' own pages under AWS domains.
		{"s3 virtual host", "https://evil.s3.amazonaws.com/device.html", false, false},
		{"s3 regional", "https://evil.s3.us-east-1.amazonaws.com/device.html", false, false},
		{"s3 path style", "https://s3.amazonaws.com/evil/device.html", false, false},
		{"s3 website", "https://evil.s3-website-us-east-1.amazonaws.com/", false, false},
		{"s3 website dot", "https://evil.s3-website.eu-west-1.amazonaws.com/", false, false},
		{"api gateway", "https://abc123.execute-api.us-east-1.amazonaws.com/prod/device", false, false},
		{"ec2 public dns", "https://ec2-52-94-236-248.compute-1.amazonaws.com/", false, false},
		{"ec2 public dns regional", "https://ec2-3-8-1-2.eu-west-2.compute.amazonaws.com/", false, false},
		{"elb", "https://my-lb-123.us-east-1.elb.amazonaws.com/", false, false},
		{"lambda function url", "https://abcdef.lambda-url.us-east-1.on.aws/", false, false},
		{"cloudfront", "https://d111111abcdef8.cloudfront.net/device", false, false},
		{"amplify", "https://main.d1234.amplifyapp.com/", false, false},
		{"app runner", "https://abc.us-east-1.awsapprunner.com/", false, false},
		{"made-up app.aws host", "https://d-1234567890.app.aws/start", false, false},
		{"made-up signin.aws host", "https://device.sso.us-east-1.signin.aws/", false, false},
		{"oidc api host", "https://oidc.us-east-1.amazonaws.com/device_verification", false, false},
		{"portal api host", "https://portal.sso.us-east-1.amazonaws.com/", false, false},
		{"two labels under awsapps", "https://evil.d-1234567890.awsapps.com/start", false, false},
		{"bare awsapps", "https://awsapps.com/start", false, false},

		// Look-alikes and tricks.
		{"suffix appended", "https://device.sso.us-east-1.amazonaws.com.evil.com/", false, false},
		{"prefix on the label", "https://evil-device.sso.us-east-1.amazonaws.com/", false, false},
		{"label before", "https://evil.device.sso.us-east-1.amazonaws.com/", false, false},
		{"bad region", "https://device.sso.evil.amazonaws.com/", false, false},
		{"region and domain of other partitions", "https://device.sso.cn-north-1.amazonaws.com/", false, false},
		{"gov region in china", "https://device.sso.us-gov-west-1.amazonaws.com.cn/", false, false},
		{"short ssoins id", "https://ssoins-1234.eu-west-1.portal.amazonaws.com/", false, false},
		{"http", "http://device.sso.us-east-1.amazonaws.com/", false, false},
		{"other port", "https://device.sso.us-east-1.amazonaws.com:8443/", false, false},
		{"port 80", "https://device.sso.us-east-1.amazonaws.com:80/", false, false},
		{"user info before", "https://device.sso.us-east-1.amazonaws.com@evil.com/", false, false},
		{"user info on aws host", "https://evil.com@device.sso.us-east-1.amazonaws.com/", false, false},
		{"backslash user info", `https://device.sso.us-east-1.amazonaws.com\@evil.com/`, false, false},
		{"trailing dot", "https://device.sso.us-east-1.amazonaws.com./", false, false},
		{"percent-escaped dot", "https://device%2esso.us-east-1.amazonaws.com/", false, false},
		{"cyrillic a", "https://device.sso.us-east-1.\u0430mazonaws.com/", false, false},
		{"punycode look-alike", "https://xn--amazonws-4cb.com/", false, false},
		{"punycode portal alias", "https://xn--d-1234567890-abc.awsapps.com/start", false, false},
		{"aws in the path", "https://evil.com/device.sso.us-east-1.amazonaws.com/", false, false},
		{"aws in the query", "https://evil.com/?next=https://device.sso.us-east-1.amazonaws.com/", false, false},
		{"ip address", "https://52.94.236.248/", false, false},
		{"no scheme", "device.sso.us-east-1.amazonaws.com/", false, false},
		{"opaque", "https:device.sso.us-east-1.amazonaws.com", false, false},
		{"javascript", "javascript:alert(1)//.amazonaws.com", false, false},
		{"space", "https://device.sso.us-east-1.amazonaws.com /", false, false},
		{"empty", "", false, false},
		{"garbage", "https://%zz", false, false},
		{"evil example", "http://evil.example.com/phish?user_code=PMPJ-VZCJ", false, false},

		// Loopback, for a local Identity Center only.
		{"loopback by default", "http://127.0.0.1:4566/device?user_code=X", false, false},
		{"localhost by default", "https://localhost/device", false, false},
		{"loopback allowed", "http://127.0.0.1:4566/device?user_code=X", true, true},
		{"127.0.0.2 allowed", "http://127.0.0.2/device", true, true},
		{"localhost allowed", "http://localhost:8080/device", true, true},
		{"ipv6 loopback allowed", "http://[::1]:8080/device", true, true},
		{"aws still trusted", "https://device.sso.us-east-1.amazonaws.com/", true, true},
		{"other host with loopback allowed", "http://evil.example.com/phish", true, false},
		{"private address", "http://192.168.1.10:4566/device", true, false},
		{"localhost look-alike", "http://localhost.evil.com/device", true, false},
		{"ftp loopback", "ftp://127.0.0.1/device", true, false},
		{"user info on loopback", "http://evil.com@127.0.0.1/", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flow.TrustedVerificationURL(tt.url, func(o *flow.VerifyOptions) { o.AllowLoopback = tt.loopback })
			if got != tt.want {
				t.Errorf("TrustedVerificationURL(%q, loopback %t) = %t, want %t", tt.url, tt.loopback, got, tt.want)
			}
		})
	}
}

func TestEndpointIsLoopback(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want bool
	}{
		{"none", nil, false},
		{"oidc override", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:4566"}, true},
		{"localhost", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "http://localhost:4566/"}, true},
		{"ipv6", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "http://[::1]:4566"}, true},
		{"global override", map[string]string{"AWS_ENDPOINT_URL": "http://127.0.0.1:4566"}, true},
		{"service override wins", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "https://oidc.us-east-1.amazonaws.com", "AWS_ENDPOINT_URL": "http://127.0.0.1:4566"}, false},
		{"real endpoint", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "https://oidc.us-east-1.amazonaws.com"}, false},
		{"remote proxy", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "http://proxy.example.com:8080"}, false},
		{"ignored", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1:4566", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, false},
		{"not a url", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "127.0.0.1:4566"}, false},
		{"user info", map[string]string{"AWS_ENDPOINT_URL_SSO_OIDC": "http://127.0.0.1@evil.com"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			if got := flow.EndpointIsLoopback(getenv); got != tt.want {
				t.Errorf("EndpointIsLoopback(%v) = %t, want %t", tt.env, got, tt.want)
			}
		})
	}
}

func ExampleTrustedVerificationURL() {
	fmt.Println(flow.TrustedVerificationURL("https://device.sso.us-west-2.amazonaws.com/?user_code=PMPJ-VZCJ"))
	fmt.Println(flow.TrustedVerificationURL("https://evil.s3.amazonaws.com/?user_code=PMPJ-VZCJ"))
	// Output:
	// true
	// false
}
