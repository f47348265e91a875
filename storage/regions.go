package storage

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// knownRegions are the Regions where the sso-oidc and portal.sso services
// exist (botocore data/endpoints.json; aws-sdk-go-v2 ssooidc endpoints).
var knownRegions = []string{
	// aws
	"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2",
	"ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1",
	"ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
	"ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1",
	"eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
	"eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1",
	"me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2",
	"us-west-1", "us-west-2",
	// aws-cn
	"cn-north-1", "cn-northwest-1",
	// aws-us-gov
	"us-gov-east-1", "us-gov-west-1",
	// aws-eusc
	"eusc-de-east-1",
}

func init() {
	slices.Sort(knownRegions)
}

// partitionRegion matches the partitions' regionRegex values, so that a
// Region launched after this list was written is still accepted. Compiled
// on first use: every `ssotray` start pays for package variables, and most
// commands never check a Region.
var partitionRegion = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:(?:us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+|cn-\w+-\d+|us-gov-\w+-\d+|eusc-de-\w+-\d+)$`)
})

// KnownRegions returns the 39 Regions that have IAM Identity Center sign-in
// endpoints, sorted. The caller may modify the slice.
func KnownRegions() []string {
	return slices.Clone(knownRegions)
}

// ValidateRegion checks that region names an AWS Region: one of KnownRegions,
// or a name that fits an AWS partition's pattern (a newer Region). Its errors
// are plain sentences for the person who typed the value.
func ValidateRegion(region string) error {
	if strings.TrimSpace(region) == "" {
		return errors.New("choose a Region")
	}
	if _, ok := slices.BinarySearch(knownRegions, region); ok || partitionRegion().MatchString(region) {
		return nil
	}
	return fmt.Errorf("%q is not an AWS Region; for example us-east-1 or eu-west-1", region)
}

// regionHostPatterns are the host forms that carry a Region, from the AWS CLI
// (awscli/customizations/sso/resolve.py) and the spec, §6. Compiled on first
// use, as partitionRegion is.
var regionHostPatterns = sync.OnceValue(func() []*regexp.Regexp {
	return []*regexp.Regexp{
		regexp.MustCompile(`^[^.]+\.portal\.([a-z0-9-]+)\.app\.aws$`),
		regexp.MustCompile(`^[^.]+\.([a-z0-9-]+)\.portal\.amazonaws\.com$`),
		regexp.MustCompile(`^[^.]+\.([a-z0-9-]+)\.portal\.amazonaws\.com\.cn$`),
		regexp.MustCompile(`^[^.]+\.([a-z0-9-]+)\.portal\.amazonaws\.eu$`),
		regexp.MustCompile(`^[^.]+\.portal\.([a-z0-9-]+)\.app\.amazonwebservices\.com\.cn$`),
		regexp.MustCompile(`^[^.]+\.portal\.([a-z0-9-]+)\.api\.amazonwebservices\.eu$`),
	}
})

// RegionFromHost returns the Region written in an access portal host name,
// such as eu-west-1 in ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com
// or us-east-2 in ssoins-x.portal.us-east-2.app.aws, or "" when the host has
// none (awsapps.com hosts never do). Like the AWS CLI it ignores case and
// trailing dots, and does not check that the Region exists.
func RegionFromHost(host string) string {
	host = normalizeHost(host)
	for _, re := range regionHostPatterns() {
		if m := re.FindStringSubmatch(host); m != nil {
			return m[1]
		}
	}
	return ""
}

// normalizeHost lower-cases host and drops trailing dots, as the CLI does.
func normalizeHost(host string) string {
	return strings.TrimRight(strings.ToLower(host), ".")
}
