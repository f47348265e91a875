package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/ui"
)

func TestLinkPrefill(t *testing.T) {
	good := "ssotray://add?start_url=https%3A%2F%2Fd-1234567890.awsapps.com%2Fstart&region=eu-west-1&name=corp&utm=x"
	if got, want := linkPrefill(good), (ui.Prefill{Name: "corp", StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1"}); got != want {
		t.Errorf("good link: %+v, want %+v", got, want)
	}
	for _, link := range []string{
		"ssotray://add?start_url=http://d-1234567890.awsapps.com/start&name=corp",
		"ssotray://add?start_url=https://evil.example.com/start&name=corp",
		"ssotray://add?start_url=https://d-1234567890.awsapps.com/start&name=" + strings.Repeat("A", 10<<10),
		"ssotray://add?start_url=https://d-1234567890.awsapps.com/start&name=<script>alert(1)</script>",
	} {
		p := linkPrefill(link)
		if p.Problem == "" || p.Name != "" || p.StartURL != "" || p.Region != "" {
			t.Errorf("%.80s: %+v; want only a problem", link, p)
		}
		// It fits the single-instance channel with room to spare.
		if b, err := json.Marshal(addMessage(p)); err != nil || len(b) > 1024 {
			t.Errorf("message is %d bytes (%v)", len(b), err)
		}
	}
}
