package vanity_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/vanity"
	"github.com/ssotray/ssotray/vanity/vanitytest"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		name      string
		handler   func(http.ResponseWriter, *http.Request)
		start     string
		want      vanity.Portal
		wantLog   []string
		wantError string
	}{
		{
			name:    "one redirect to an awsapps portal",
			handler: vanitytest.RedirectTo("https://d-1234567890.awsapps.com/start/#/", http.StatusFound),
			start:   "https://aws.example.com/start",
			want:    vanity.Portal{URL: "https://d-1234567890.awsapps.com/start", Redirects: 1},
			wantLog: []string{"HEAD aws.example.com/start"},
		},
		{
			name:    "a regional portal names its Region",
			handler: vanitytest.RedirectTo("https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com/?x=1", http.StatusMovedPermanently),
			start:   "https://aws.example.com/",
			want:    vanity.Portal{URL: "https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com/", Region: "eu-west-1", Redirects: 1},
		},
		{
			name: "HEAD not allowed: GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodHead {
					w.WriteHeader(http.StatusMethodNotAllowed)
					return
				}
				http.Redirect(w, r, "https://acme.awsapps.com/start", http.StatusFound)
			},
			start:   "https://aws.example.com/start",
			want:    vanity.Portal{URL: "https://acme.awsapps.com/start", Redirects: 1},
			wantLog: []string{"HEAD aws.example.com/start", "GET aws.example.com/start"},
		},
		{
			name: "a hop through the company's own sign-in page",
			handler: func(w http.ResponseWriter, r *http.Request) {
				if r.Host == "aws.example.com" {
					http.Redirect(w, r, "https://sso.example.com/go", http.StatusFound)
					return
				}
				http.Redirect(w, r, "https://acme.awsapps.com/start", http.StatusFound)
			},
			start: "https://aws.example.com/start",
			want:  vanity.Portal{URL: "https://acme.awsapps.com/start", Redirects: 2},
		},
		{
			name:      "no redirect",
			handler:   func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("welcome")) },
			start:     "https://aws.example.com/start",
			wantError: "the address https://aws.example.com/start does not lead to an AWS access portal: aws.example.com answered HTTP 200 and no redirect",
		},
		{
			name:      "to a host that is not AWS",
			handler:   vanitytest.RedirectTo("https://evil.example.net/start", http.StatusFound),
			start:     "https://aws.example.com/start",
			wantError: "redirects more than 3 times",
		},
		{
			name:      "to http",
			handler:   vanitytest.RedirectTo("http://acme.awsapps.com/start", http.StatusFound),
			start:     "https://aws.example.com/start",
			wantError: "the address https://aws.example.com/start redirects to http://acme.awsapps.com/start, which is not https",
		},
		{
			name:      "an http start URL",
			handler:   vanitytest.RedirectTo("https://acme.awsapps.com/start", http.StatusFound),
			start:     "http://aws.example.com/start",
			wantError: "the start URL must begin with https://",
		},
		{
			name:      "to a malformed portal address",
			handler:   vanitytest.RedirectTo("https://d-123.awsapps.com/start", http.StatusFound),
			start:     "https://aws.example.com/start",
			wantError: "exactly 10 letters or digits",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := vanitytest.NewCompany(t, tt.handler)
			got, err := c.Resolver().Resolve(context.Background(), tt.start)
			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("err = %v, want %q", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Resolve = %+v, want %+v", got, tt.want)
			}
			if tt.wantLog != nil && strings.Join(c.Requests(), ", ") != strings.Join(tt.wantLog, ", ") {
				t.Errorf("requests: %v, want %v", c.Requests(), tt.wantLog)
			}
		})
	}
}

func TestResolveAnAWSPortalMakesNoRequest(t *testing.T) {
	c := vanitytest.NewCompany(t, vanitytest.RedirectTo("https://evil.example.net/", http.StatusFound))
	got, err := c.Resolver().Resolve(context.Background(), "https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com")
	if err != nil || got.URL != "https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com" || got.Region != "eu-west-1" || len(c.Requests()) != 0 {
		t.Errorf("Resolve = %+v, %v after %v", got, err, c.Requests())
	}
}

func TestResolveUntrustedCertificate(t *testing.T) {
	c := vanitytest.NewCompany(t, vanitytest.RedirectTo("https://acme.awsapps.com/start", http.StatusFound))
	r := c.Resolver()
	r.Client.Transport.(*http.Transport).TLSClientConfig.RootCAs = nil // the system's roots
	_, err := r.Resolve(context.Background(), "https://aws.example.com/start")
	if err == nil || !strings.Contains(err.Error(), "cannot reach aws.example.com") || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("err = %v", err)
	}
}

func TestResolveGivesUpInTime(t *testing.T) {
	block := make(chan struct{})
	c := vanitytest.NewCompany(t, func(w http.ResponseWriter, r *http.Request) { <-block })
	defer close(block)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Resolver().Resolve(ctx, "https://aws.example.com/start")
	if err == nil || !strings.Contains(err.Error(), "no answer from aws.example.com in time") {
		t.Errorf("err = %v", err)
	}
}
