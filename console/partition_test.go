package console_test

import (
	"strings"
	"testing"

	"github.com/ssotray/ssotray/console"
)

func TestPartitionHosts(t *testing.T) {
	tests := []struct {
		region, partition, federation, home string
	}{
		{"us-east-1", "aws", "https://signin.aws.amazon.com/federation", "https://console.aws.amazon.com/console/home?region=us-east-1"},
		{"us-east-2", "aws", "https://us-east-2.signin.aws.amazon.com/federation", "https://us-east-2.console.aws.amazon.com/console/home?region=us-east-2"},
		{"eu-west-1", "aws", "https://eu-west-1.signin.aws.amazon.com/federation", "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"},
		{"ap-southeast-5", "aws", "https://ap-southeast-5.signin.aws.amazon.com/federation", "https://ap-southeast-5.console.aws.amazon.com/console/home?region=ap-southeast-5"},
		{"us-gov-west-1", "aws-us-gov", "https://signin.amazonaws-us-gov.com/federation", "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1"},
		{"us-gov-east-1", "aws-us-gov", "https://us-gov-east-1.signin.amazonaws-us-gov.com/federation", "https://us-gov-east-1.console.amazonaws-us-gov.com/console/home?region=us-gov-east-1"},
		{"cn-north-1", "aws-cn", "https://signin.amazonaws.cn/federation", "https://console.amazonaws.cn/console/home?region=cn-north-1"},
		{"cn-northwest-1", "aws-cn", "https://cn-northwest-1.signin.amazonaws.cn/federation", "https://cn-northwest-1.console.amazonaws.cn/console/home?region=cn-northwest-1"},
		{"eusc-de-east-1", "aws-eusc", "https://eusc-de-east-1.signin.amazonaws-eusc.eu/federation", "https://eusc-de-east-1.console.amazonaws-eusc.eu/console/home?region=eusc-de-east-1"},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			p, err := console.PartitionOf(tt.region)
			if err != nil || p.ID != tt.partition {
				t.Errorf("PartitionOf = %+v, %v; want %s", p, err, tt.partition)
			}
			if got, err := console.FederationEndpoint(tt.region); err != nil || got != tt.federation {
				t.Errorf("FederationEndpoint = %q, %v; want %q", got, err, tt.federation)
			}
			if got, err := console.ConsoleHome(tt.region); err != nil || got != tt.home {
				t.Errorf("ConsoleHome = %q, %v; want %q", got, err, tt.home)
			}
		})
	}
}

func TestPartitionRejects(t *testing.T) {
	tests := []struct{ region, want string }{
		{"", "not an AWS Region name"},
		{"us-iso-east-1", "isolated partition"},
		{"us-isob-east-1", "isolated partition"},
		{"evil.example.com/x", "not an AWS Region name"},
		{"US-EAST-1", "not an AWS Region name"},
		{"us-east-1.attacker", "not an AWS Region name"},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			if _, err := console.PartitionOf(tt.region); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("PartitionOf(%q) error = %v, want one containing %q", tt.region, err, tt.want)
			}
			if got, err := console.FederationEndpoint(tt.region); err == nil {
				t.Errorf("FederationEndpoint(%q) = %q, want an error", tt.region, got)
			}
		})
	}
}
