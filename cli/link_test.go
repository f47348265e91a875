package cli_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/addlink"
	"github.com/ssotray/ssotray/cli"
)

func TestLinkPrintsTheLinkAndAQRCode(t *testing.T) {
	env, stdout, stderr, _ := setup(t, nil)
	code := cli.Run(context.Background(), env, []string{"link", "--name", "corp", "--start-url", "https://d-1234567890.awsapps.com/start", "--region", "eu-west-1"})
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	first, rest, _ := strings.Cut(stdout.String(), "\n")
	r, err := addlink.Parse(first)
	if err != nil {
		t.Fatalf("the printed link %q does not parse: %v", first, err)
	}
	if want := (addlink.Request{Name: "corp", StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1"}); r != want {
		t.Errorf("link = %+v, want %+v", r, want)
	}
	// The QR code is drawn with half blocks, one text line per two rows.
	if !strings.Contains(rest, "█") || strings.Count(rest, "\n") < 15 {
		t.Errorf("no QR code after the link:\n%s", rest)
	}
}

func TestLinkRefusesWhatTheWizardWould(t *testing.T) {
	for _, args := range [][]string{
		{"link", "--name", "corp", "--start-url", "http://d-1234567890.awsapps.com/start", "--region", "eu-west-1"},
		{"link", "--name", "<script>", "--start-url", "https://d-1234567890.awsapps.com/start", "--region", "eu-west-1"},
		{"link", "--name", "corp", "--start-url", "https://d-1234567890.awsapps.com/start", "--region", "moon-1"},
	} {
		env, stdout, stderr, _ := setup(t, nil)
		if code := cli.Run(context.Background(), env, args); code != cli.ExitFailed {
			t.Errorf("%v: exit %d, want %d", args, code, cli.ExitFailed)
		}
		if stdout.Len() != 0 || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("%v: stdout %q, stderr %q; want one line on stderr only", args, stdout, stderr)
		}
	}
	for _, args := range [][]string{
		{"link", "--start-url", "https://d-1234567890.awsapps.com/start", "--region", "eu-west-1"},
		{"link", "--name", "corp", "--start-url", "https://d-1234567890.awsapps.com/start"}, // no Region anywhere
	} {
		env, stdout, stderr, _ := setup(t, nil)
		if code := cli.Run(context.Background(), env, args); code != cli.ExitUsage || stdout.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q (%s)", args, code, stdout, stderr)
		}
	}
	// The Region may be left out when the start URL names it.
	env, stdout, _, _ := setup(t, nil)
	if code := cli.Run(context.Background(), env, []string{"link", "--name", "apps", "--start-url", "https://ssoins-1234567890abcdef.portal.eu-central-1.app.aws"}); code != cli.ExitOK ||
		!strings.HasPrefix(stdout.String(), "ssotray://add?name=apps&start_url=") {
		t.Errorf("exit %d: %s", code, stdout)
	}
}

// Where no window can open, a link is explained, with the command that
// adds the same sign-in, and nothing is written.
func TestLinkArgumentWithoutDisplay(t *testing.T) {
	env, _, stderr, _ := setup(t, nil)
	before, err := os.ReadFile(env.Manager.Paths().ConfigFile)
	if err != nil {
		t.Fatal(err)
	}
	link := "ssotray://add?start_url=https%3A%2F%2Fd-0000000000.awsapps.com%2Fstart&region=us-east-1&name=other"
	if code := cli.Run(context.Background(), env, []string{link}); code != cli.ExitFailed {
		t.Fatalf("exit %d", code)
	}
	if want := "ssotray add --name other --start-url https://d-0000000000.awsapps.com/start --region us-east-1 --headless"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
	after, _ := os.ReadFile(env.Manager.Paths().ConfigFile)
	if string(after) != string(before) {
		t.Error("a link changed the config")
	}
	stderr.Reset()
	cli.Run(context.Background(), env, []string{"ssotray://add?start_url=http://evil.example.com/"})
	if !strings.Contains(stderr.String(), "this link cannot be used: the link's start URL cannot be used: the start URL must begin with https://") {
		t.Errorf("stderr %q", stderr)
	}
}

func TestForAppLink(t *testing.T) {
	link := "ssotray://add?start_url=https://d-1234567890.awsapps.com/start"
	if !cli.ForApp([]string{link}, true) {
		t.Error("a link with a display does not go to the app")
	}
	if cli.ForApp([]string{link}, false) {
		t.Error("a link without a display goes to the app")
	}
	if !cli.ForApp([]string{"ssotray://add?start_url=http://x"}, true) {
		t.Error("a bad link with a display does not go to the app, which shows its problem")
	}
}
