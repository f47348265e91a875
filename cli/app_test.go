package cli_test

import (
	"testing"

	"github.com/ssotray/ssotray/cli"
)

func TestForApp(t *testing.T) {
	add := []string{"add", "--name", "corp", "--start-url", "https://d-1234567890.awsapps.com/start"}
	tests := []struct {
		args    []string
		display bool
		want    bool
	}{
		{nil, false, true},
		{[]string{"--hidden"}, false, true},
		{[]string{"demo"}, false, true},
		{[]string{"demo", "--hidden"}, true, true},
		{[]string{"demo", "--server-only"}, false, true},
		{[]string{"demo", "--server-only", "127.0.0.1:8080"}, true, true},
		{add, true, true},
		{add, false, false},
		{append(add, "--headless"), true, false},
		{[]string{"add", "--headless=false", "--name", "corp"}, true, true},
		// A command line that does not parse is reported by the headless
		// command, not by a window.
		{[]string{"add", "--bogus"}, true, false},
		{[]string{"add", "stray"}, true, false},
		{[]string{"login", "corp"}, true, false},
		{[]string{"status"}, true, false},
		{[]string{"help"}, true, false},
	}
	for _, tc := range tests {
		if got := cli.ForApp(tc.args, tc.display); got != tc.want {
			t.Errorf("ForApp(%q, display %v) = %v, want %v", tc.args, tc.display, got, tc.want)
		}
	}
}

func TestParseAddArgs(t *testing.T) {
	a, err := cli.ParseAddArgs([]string{"--start-url", "https://x.awsapps.com/start", "--name=corp", "--headless", "--region", "eu-west-1"})
	want := cli.AddArgs{Name: "corp", StartURL: "https://x.awsapps.com/start", Region: "eu-west-1", Headless: true}
	if err != nil || a != want {
		t.Errorf("ParseAddArgs = %+v, %v; want %+v", a, err, want)
	}
	if _, err := cli.ParseAddArgs([]string{"--name"}); err == nil {
		t.Error("a flag without its value parsed")
	}
}
