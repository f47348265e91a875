package storage

import (
	"slices"
	"testing"
)

func TestKnownRegions(t *testing.T) {
	got := KnownRegions()
	if len(got) != 39 {
		t.Errorf("%d regions, want 39", len(got))
	}
	if !slices.IsSorted(got) {
		t.Error("not sorted")
	}
	for _, r := range []string{"us-east-1", "eu-west-1", "cn-northwest-1", "us-gov-west-1", "eusc-de-east-1", "ap-southeast-7", "mx-central-1"} {
		if !slices.Contains(got, r) {
			t.Errorf("%s missing", r)
		}
	}
	got[0] = "changed"
	if KnownRegions()[0] == "changed" {
		t.Error("KnownRegions returns shared memory")
	}
	for _, r := range got[1:] {
		if err := ValidateRegion(r); err != nil {
			t.Errorf("ValidateRegion(%q) = %v", r, err)
		}
	}
}

func TestValidateRegion(t *testing.T) {
	tests := []struct {
		region string
		want   string // "" when valid
	}{
		{"us-east-1", ""},
		{"eu-west-1", ""},
		{"us-gov-east-1", ""},
		{"eusc-de-east-1", ""},
		{"ap-northwest-9", ""}, // not launched, but fits the aws partition
		{"cn-south-2", ""},
		{"us-gov-central-3", ""},
		{"eusc-de-west-2", ""},
		{"", "choose a Region"},
		{"  ", "choose a Region"},
		{"xx-1", `"xx-1" is not an AWS Region; for example us-east-1 or eu-west-1`},
		{"US-EAST-1", `"US-EAST-1" is not an AWS Region; for example us-east-1 or eu-west-1`},
		{"us-east-1 ", `"us-east-1 " is not an AWS Region; for example us-east-1 or eu-west-1`},
		{"us-east-1\n", `"us-east-1\n" is not an AWS Region; for example us-east-1 or eu-west-1`},
		{"eusc-fr-east-1", `"eusc-fr-east-1" is not an AWS Region; for example us-east-1 or eu-west-1`},
		{"zz-east-1", `"zz-east-1" is not an AWS Region; for example us-east-1 or eu-west-1`},
		{"us-east", `"us-east" is not an AWS Region; for example us-east-1 or eu-west-1`},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			err := ValidateRegion(tt.region)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("ValidateRegion(%q) = %q, want %q", tt.region, got, tt.want)
			}
		})
	}
}

func TestRegionFromHost(t *testing.T) {
	tests := []struct {
		host, want string
	}{
		{"ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com", "eu-west-1"},
		{"ssoins-1.cn-north-1.portal.amazonaws.com.cn", "cn-north-1"},
		{"ssoins-1.eusc-de-east-1.portal.amazonaws.eu", "eusc-de-east-1"},
		{"ssoins-x.portal.us-east-2.app.aws", "us-east-2"},
		{"SSOINS-X.PORTAL.US-EAST-2.APP.AWS.", "us-east-2"},
		{"ssoins-x.portal.cn-northwest-1.app.amazonwebservices.com.cn", "cn-northwest-1"},
		{"ssoins-x.portal.eusc-de-east-1.api.amazonwebservices.eu", "eusc-de-east-1"},
		{"d-1234567890.awsapps.com", ""},
		{"a.b.eu-west-1.portal.amazonaws.com", ""},
		{"portal.us-east-2.app.aws", ""},
		{"evil.com", ""},
	}
	for _, tt := range tests {
		if got := RegionFromHost(tt.host); got != tt.want {
			t.Errorf("RegionFromHost(%q) = %q, want %q", tt.host, got, tt.want)
		}
	}
}
