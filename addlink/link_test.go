package addlink_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/addlink"
)

const portal = "https://d-1234567890.awsapps.com/start"

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		link    string
		want    addlink.Request
		wantErr string // a part of the message; "" for none
	}{
		{name: "all three", link: "ssotray://add?start_url=https%3A%2F%2Fd-1234567890.awsapps.com%2Fstart&region=eu-west-1&name=corp",
			want: addlink.Request{Name: "corp", StartURL: portal, Region: "eu-west-1"}},
		{name: "start URL only", link: "ssotray://add?start_url=" + portal, want: addlink.Request{StartURL: portal}},
		{name: "Region in the host", link: "ssotray://add?start_url=https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws",
			want: addlink.Request{StartURL: "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws"}},
		{name: "a browser's slash", link: "ssotray://add/?start_url=" + portal, want: addlink.Request{StartURL: portal}},
		{name: "scheme and verb in capitals", link: "SSOTRAY://ADD?start_url=" + portal, want: addlink.Request{StartURL: portal}},
		{name: "opaque form", link: "ssotray:add?start_url=" + portal, want: addlink.Request{StartURL: portal}},
		{name: "unknown parameters ignored", link: "ssotray://add?start_url=" + portal + "&utm_source=mail&name=corp&autologin=1",
			want: addlink.Request{Name: "corp", StartURL: portal}},

		{name: "http", link: "ssotray://add?start_url=http://d-1234567890.awsapps.com/start", wantErr: "must begin with https://"},
		{name: "not an AWS host", link: "ssotray://add?start_url=https://evil.example.com/start", wantErr: `"evil.example.com" is not an AWS access portal address`},
		{name: "a port", link: "ssotray://add?start_url=https://d-1234567890.awsapps.com:8443/start", wantErr: "port"},
		{name: "user info", link: "ssotray://add?start_url=https://me@d-1234567890.awsapps.com/start", wantErr: "user name"},
		{name: "a portal page", link: "ssotray://add?start_url=https://d-1234567890.awsapps.com/start%23/console", wantErr: "page of the portal"},
		{name: "no start URL", link: "ssotray://add?name=corp", wantErr: "no start_url"},
		{name: "script in the name", link: "ssotray://add?start_url=" + portal + "&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E", wantErr: "the link's name cannot be used"},
		{name: "unknown Region", link: "ssotray://add?start_url=" + portal + "&region=mars-1", wantErr: `"mars-1" is not an AWS Region`},
		{name: "Region against the host's", link: "ssotray://add?start_url=https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws&region=us-east-1", wantErr: "differs from eu-central-1"},
		{name: "start URL twice", link: "ssotray://add?start_url=" + portal + "&start_url=https://d-0000000000.awsapps.com/start", wantErr: "start_url more than once"},
		{name: "name twice", link: "ssotray://add?start_url=" + portal + "&name=a&name=b", wantErr: "name more than once"},
		{name: "another verb", link: "ssotray://remove?name=corp", wantErr: "can only open the add-a-sign-in window"},
		{name: "a path", link: "ssotray://add/login?start_url=" + portal, wantErr: "can only open the add-a-sign-in window"},
		{name: "another scheme", link: "https://d-1234567890.awsapps.com/start", wantErr: "not an ssotray://add link"},
		{name: "bad escape", link: "ssotray://add?start_url=%zz", wantErr: "not correctly encoded"},
		{name: "10 kB parameter", link: "ssotray://add?start_url=" + portal + "&name=" + strings.Repeat("a", 10<<10), wantErr: "far more than a sign-in link needs"},
		{name: "invalid text", link: "ssotray://add?start_url=" + portal + "&name=\xff", wantErr: "not valid text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := addlink.Parse(tt.link)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if got != tt.want {
					t.Fatalf("Parse = %+v, want %+v", got, tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Parse error = %v, want one containing %q", err, tt.wantErr)
			}
			if got != (addlink.Request{}) {
				t.Errorf("a refused link still gave %+v", got)
			}
		})
	}
}

func TestParseNotLinkIs(t *testing.T) {
	_, err := addlink.Parse("ssotray://logout?name=corp")
	if !errors.Is(err, addlink.ErrNotLink) {
		t.Fatalf("error %v does not wrap ErrNotLink", err)
	}
}

// A long hostile host is named in the problem, but only in part.
func TestParseQuotesLittle(t *testing.T) {
	host := strings.Repeat("x", 1500) + ".example.com"
	_, err := addlink.Parse("ssotray://add?start_url=https://" + host + "/start")
	if err == nil {
		t.Fatal("a non-AWS host was accepted")
	}
	if len(err.Error()) > 300 || !strings.Contains(err.Error(), "xxxx…") {
		t.Fatalf("problem is %d bytes: %.400s", len(err.Error()), err)
	}
}

func TestBuildRoundTrip(t *testing.T) {
	for _, r := range []addlink.Request{
		{Name: "corp", StartURL: portal, Region: "eu-west-1"},
		{StartURL: portal},
		{Name: "dev.team_2", StartURL: "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws"},
	} {
		link, err := addlink.Build(r)
		if err != nil {
			t.Fatalf("Build(%+v): %v", r, err)
		}
		if !strings.HasPrefix(link, "ssotray://add?") {
			t.Errorf("link %s", link)
		}
		got, err := addlink.Parse(link)
		if err != nil || got != r {
			t.Errorf("Parse(Build(%+v)) = %+v, %v", r, got, err)
		}
	}
}

func TestBuildRefusesWhatParseWould(t *testing.T) {
	if _, err := addlink.Build(addlink.Request{Name: "corp", StartURL: "http://d-1234567890.awsapps.com/start"}); err == nil {
		t.Fatal("Build made a link with an http start URL")
	}
	if _, err := addlink.Build(addlink.Request{Name: "a b", StartURL: portal}); err == nil {
		t.Fatal("Build made a link with a name that has a space")
	}
}

func TestIsLink(t *testing.T) {
	for _, tt := range []struct {
		arg  string
		want bool
	}{{"ssotray://add?x", true}, {"SSOtray:add", true}, {"add", false}, {"--hidden", false}, {"https://x", false}} {
		arg, want := tt.arg, tt.want
		if got := addlink.IsLink(arg); got != want {
			t.Errorf("IsLink(%q) = %v", arg, got)
		}
	}
}

func ExampleBuild() {
	link, _ := addlink.Build(addlink.Request{Name: "corp", StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1"})
	fmt.Println(link)
	// Output: ssotray://add?name=corp&region=eu-west-1&start_url=https%3A%2F%2Fd-1234567890.awsapps.com%2Fstart
}
