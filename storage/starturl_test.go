package storage

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestValidateStartURLGood(t *testing.T) {
	tests := []struct {
		in   string
		want StartURL
	}{
		{"https://d-1234567890.awsapps.com/start", StartURL{URL: "https://d-1234567890.awsapps.com/start", Host: "d-1234567890.awsapps.com", AWSOwned: true}},
		{"  https://d-abcdef1234.awsapps.com/start/  ", StartURL{URL: "https://d-abcdef1234.awsapps.com/start/", Host: "d-abcdef1234.awsapps.com", AWSOwned: true}},
		{"https://D-ABCDEF1234.AWSAPPS.COM/start", StartURL{URL: "https://D-ABCDEF1234.AWSAPPS.COM/start", Host: "d-abcdef1234.awsapps.com", AWSOwned: true}},
		{"https://my-company.awsapps.com/start", StartURL{URL: "https://my-company.awsapps.com/start", Host: "my-company.awsapps.com", AWSOwned: true}},
		{"https://d-1234567890.awsapps.cn/start", StartURL{URL: "https://d-1234567890.awsapps.cn/start", Host: "d-1234567890.awsapps.cn", AWSOwned: true}},
		{"https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com", StartURL{URL: "https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com", Host: "ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com", Region: "eu-west-1", AWSOwned: true}},
		{"https://ssoins-x.portal.us-east-2.app.aws", StartURL{URL: "https://ssoins-x.portal.us-east-2.app.aws", Host: "ssoins-x.portal.us-east-2.app.aws", Region: "us-east-2", AWSOwned: true}},
		{"https://ssoins-x.cn-north-1.portal.amazonaws.com.cn", StartURL{URL: "https://ssoins-x.cn-north-1.portal.amazonaws.com.cn", Host: "ssoins-x.cn-north-1.portal.amazonaws.com.cn", Region: "cn-north-1", AWSOwned: true}},
		{"https://ssoins-x.portal.cn-northwest-1.app.amazonwebservices.com.cn/start", StartURL{URL: "https://ssoins-x.portal.cn-northwest-1.app.amazonwebservices.com.cn/start", Host: "ssoins-x.portal.cn-northwest-1.app.amazonwebservices.com.cn", Region: "cn-northwest-1", AWSOwned: true}},
		{"https://ssoins-x.eusc-de-east-1.portal.amazonaws.eu", StartURL{URL: "https://ssoins-x.eusc-de-east-1.portal.amazonaws.eu", Host: "ssoins-x.eusc-de-east-1.portal.amazonaws.eu", Region: "eusc-de-east-1", AWSOwned: true}},
		{"https://ssoins-x.portal.eusc-de-east-1.api.amazonwebservices.eu", StartURL{URL: "https://ssoins-x.portal.eusc-de-east-1.api.amazonwebservices.eu", Host: "ssoins-x.portal.eusc-de-east-1.api.amazonwebservices.eu", Region: "eusc-de-east-1", AWSOwned: true}},
		// A portal host whose Region part is not a Region still passes; Region is left empty.
		{"https://ssoins-x.portal.moon-1.app.aws", StartURL{URL: "https://ssoins-x.portal.moon-1.app.aws", Host: "ssoins-x.portal.moon-1.app.aws", AWSOwned: true}},
		{"https://identitycenter.amazonaws.com/ssoins-1234", StartURL{URL: "https://identitycenter.amazonaws.com/ssoins-1234", Host: "identitycenter.amazonaws.com", AWSOwned: true}},
		// Pasted from the browser's address bar: the page route goes.
		{"https://d-1234567890.awsapps.com/start/#/", StartURL{URL: "https://d-1234567890.awsapps.com/start", Cleaned: "https://d-1234567890.awsapps.com/start/#/", Host: "d-1234567890.awsapps.com", AWSOwned: true}},
		{" https://acme.awsapps.com/start#/console?account_id=111111111111 ", StartURL{URL: "https://acme.awsapps.com/start", Cleaned: "https://acme.awsapps.com/start#/console?account_id=111111111111", Host: "acme.awsapps.com", AWSOwned: true}},
		{"HTTPS://d-1234567890.awsapps.com/start?x=1", StartURL{URL: "HTTPS://d-1234567890.awsapps.com/start?x=1", Host: "d-1234567890.awsapps.com", AWSOwned: true}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ValidateStartURL(tt.in)
			if err != nil {
				t.Fatalf("ValidateStartURL: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateStartURLBad(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the message, or a part of it
		notAWS   bool
	}{
		{"empty", "", "enter the start URL of your AWS access portal", false},
		{"spaces", "   ", "enter the start URL", false},
		{"http", "http://d-1234567890.awsapps.com/start", "the start URL must begin with https://", false},
		{"ftp", "ftp://d-1234567890.awsapps.com/start", "must begin with https://", false},
		{"no scheme", "d-1234567890.awsapps.com/start", "must begin with https://", false},
		{"garbage", "garbage", "must begin with https://", false},
		{"not a URL", "https://d-1234567890\x7f.awsapps.com/start", "the start URL is not a valid web address; it should look like https://d-xxxxxxxxxx.awsapps.com/start", false},
		{"line break", "https://d-1234567890.awsapps.com/start\n[x]", "not a valid web address", false},
		{"space inside", "https://d-1234567890 .awsapps.com/start", `the start URL must not contain " "`, false},
		{"semicolon", "https://d-1234567890.awsapps.com/start;x", `must not contain ";"`, false},
		{"backslash", `https://d-1234567890.awsapps.com/start\n`, `must not contain "\\"`, false},
		{"quote", `https://d-1234567890.awsapps.com/"start"`, `must not contain "\""`, false},
		{"bad escape", "https://d-1234567890.awsapps.com/%zz", "not a valid web address", false},
		{"not UTF-8", "https://\xff.app.aws", "not valid text", false},
		{"non-ASCII host", "https://dé.awsapps.com/start", "host name can contain only letters, digits, dots and hyphens", false},
		{"IPv6 host", "https://[::1]/start", "host name can contain only", false},
		{"no host", "https:///start", "the start URL has no host name", false},
		{"opaque", "https:d-1234567890.awsapps.com", "no host name", false},
		{"user info", "https://user:pw@d-1234567890.awsapps.com/start", "must not contain a user name or password", false},
		{"user", "https://user@d-1234567890.awsapps.com/start", "must not contain a user name", false},
		{"port", "https://d-1234567890.awsapps.com:8443/start", "must not include a port number", false},
		{"empty port", "https://d-1234567890.awsapps.com:/start", "must not include a port number", false},
		{"evil host", "https://evil.com/start", `"evil.com" is not an AWS access portal address; it should look like https://d-xxxxxxxxxx.awsapps.com/start or https://ssoins-….portal.REGION.app.aws`, true},
		{"suffix trick", "https://awsapps.com.evil.com/start", `"awsapps.com.evil.com" is not an AWS access portal address`, true},
		{"no dot before suffix", "https://evilawsapps.com/start", "is not an AWS access portal address", true},
		{"IP address", "https://127.0.0.1/start", "is not an AWS access portal address", true},
		{"short directory ID", "https://d-123.awsapps.com/start", "exactly 10 letters or digits after d-", false},
		{"long directory ID", "https://d-12345678901.awsapps.com/start", "exactly 10 letters or digits after d-", false},
		{"symbol in directory ID", "https://d-12345-7890.awsapps.com/start", "exactly 10 letters or digits after d-", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ValidateStartURL(tt.in)
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
			if got := errors.Is(err, ErrNotAWSHost); got != tt.notAWS {
				t.Errorf("errors.Is(err, ErrNotAWSHost) = %v, want %v", got, tt.notAWS)
			}
			if strings.Contains(err.Error(), "pw@") {
				t.Errorf("error %q repeats the password", err)
			}
		})
	}
}

func TestIsAWSOwnedHost(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"d-1234567890.awsapps.com", true},
		{"awsapps.com", true},
		{"AWSAPPS.CN", true},
		{"x.awsapps.com.", true},
		{"app.aws", true},
		{"x.portal.us-east-1.app.aws", true},
		{"x.us-east-1.portal.amazonaws.com", true},
		{"x.cn-north-1.portal.amazonaws.com.cn", true},
		{"x.portal.cn-north-1.app.amazonwebservices.com.cn", true},
		{"x.eusc-de-east-1.portal.amazonaws.eu", true},
		{"x.portal.eusc-de-east-1.api.amazonwebservices.eu", true},
		{"identitycenter.amazonaws.com", true},
		{"identitycenter.us-gov.amazonaws.com", true},
		{"amazonaws.com", false},
		{"x.identitycenter.amazonaws.com", false},
		{"awsapps.com.evil.com", false},
		{"evilawsapps.com", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsAWSOwnedHost(tt.host); got != tt.want {
			t.Errorf("IsAWSOwnedHost(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}
