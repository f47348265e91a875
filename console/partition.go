package console

import (
	"fmt"
	"regexp"
	"strings"
)

// Partition is an AWS partition that has a public console, with the domain
// its sign-in and console hosts sit under.
type Partition struct {
	// ID is the partition's name: "aws", "aws-us-gov", "aws-cn" or
	// "aws-eusc".
	ID string
	// Domain is what follows "signin." and "console." in its hosts, such as
	// "aws.amazon.com".
	Domain string
}

// The partitions with a public console (accounts-roles.md §1.3).
var (
	PartitionAWS   = Partition{ID: "aws", Domain: "aws.amazon.com"}
	PartitionUSGov = Partition{ID: "aws-us-gov", Domain: "amazonaws-us-gov.com"}
	PartitionChina = Partition{ID: "aws-cn", Domain: "amazonaws.cn"}
	PartitionEUSC  = Partition{ID: "aws-eusc", Domain: "amazonaws-eusc.eu"}
)

// regionPattern is the shape of every AWS region name ("us-east-1",
// "us-gov-west-1", "eusc-de-east-1"). Checking it keeps anything else out of
// the host names built from a region.
var regionPattern = regexp.MustCompile(`^[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}$`)

// PartitionOf returns the partition of region, as Granted picks it: "cn-" is
// aws-cn, "eusc-" aws-eusc, "<area>-gov-" aws-us-gov and anything else aws.
// The ISO partitions ("<area>-iso-", "<area>-isob-") have no public console
// and are an error, as is a string that is not a region name.
func PartitionOf(region string) (Partition, error) {
	if !regionPattern.MatchString(region) {
		return Partition{}, fmt.Errorf("console: %q is not an AWS Region name", region)
	}
	parts := strings.Split(region, "-")
	switch {
	case parts[0] == "cn":
		return PartitionChina, nil
	case parts[0] == "eusc":
		return PartitionEUSC, nil
	case parts[1] == "iso" || parts[1] == "isob":
		return Partition{}, fmt.Errorf("console: Region %s is in an isolated partition, which has no public console", region)
	case parts[1] == "gov":
		return PartitionUSGov, nil
	}
	return PartitionAWS, nil
}

// regionPrefix is "<region>." for the regional sign-in and console hosts,
// and "" for the Regions whose hosts have none: us-east-1, us-gov-west-1 and
// cn-north-1 (Granted's rule, pkg/console/partition.go).
func regionPrefix(region string) string {
	switch region {
	case "us-east-1", "us-gov-west-1", "cn-north-1":
		return ""
	}
	return region + "."
}

// FederationEndpoint returns the AWS federation endpoint for region, such as
// "https://signin.aws.amazon.com/federation" for us-east-1 and
// "https://eu-west-1.signin.aws.amazon.com/federation" for eu-west-1.
func FederationEndpoint(region string) (string, error) {
	p, err := PartitionOf(region)
	if err != nil {
		return "", err
	}
	return "https://" + regionPrefix(region) + "signin." + p.Domain + "/federation", nil
}

// ConsoleHome returns the console's home page in region, such as
// "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1";
// the default Destination of [SignInURL].
func ConsoleHome(region string) (string, error) {
	p, err := PartitionOf(region)
	if err != nil {
		return "", err
	}
	return "https://" + regionPrefix(region) + "console." + p.Domain + "/console/home?region=" + region, nil
}
