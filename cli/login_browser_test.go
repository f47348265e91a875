package cli_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/cli"
	"github.com/ssotray/ssotray/flow/flowtest"
)

// browserScript is an Identity Center for one browser sign-in.
func browserScript() *flowtest.OIDC {
	return &flowtest.OIDC{
		Endpoint:        "https://oidc.eu-west-1.amazonaws.com",
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{{Out: &ssooidc.RegisterClientOutput{ClientId: aws.String("cid"), ClientSecret: aws.String("CLIENT-SECRET")}}},
		TokenReplies:    []flowtest.Reply[ssooidc.CreateTokenOutput]{{Out: &ssooidc.CreateTokenOutput{AccessToken: aws.String("ACCESS-SECRET"), RefreshToken: aws.String("REFRESH-SECRET"), ExpiresIn: 3600}}},
	}
}

// comeBack plays the browser: it follows page's redirect_uri with a code
// and the page's state, as Identity Center's redirect would.
func comeBack(t *testing.T, page string) {
	u, err := url.Parse(page)
	if err != nil {
		t.Errorf("page %q: %v", page, err)
		return
	}
	q := u.Query()
	resp, err := http.Get(q.Get("redirect_uri") + "?" + url.Values{"code": {"CODE"}, "state": {q.Get("state")}}.Encode())
	if err != nil {
		t.Errorf("browser: %v", err)
		return
	}
	resp.Body.Close()
}

func TestLoginInTheBrowser(t *testing.T) {
	t.Setenv("DISPLAY", ":99") // a browser can open here
	t.Setenv("SSH_CONNECTION", "")
	api := browserScript()
	env, stdout, stderr, opened := setupWithClock(t, api, flowtest.NewManualClock(t0))
	env.OpenBrowser = func(page string) error {
		*opened = append(*opened, page)
		go comeBack(t, page)
		return nil
	}
	if code := cli.Run(context.Background(), env, []string{"login", "corp"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if len(*opened) != 1 || !strings.HasPrefix((*opened)[0], "https://oidc.eu-west-1.amazonaws.com/authorize?response_type=code&client_id=cid&") {
		t.Fatalf("opened %v", *opened)
	}
	out := stdout.String()
	for _, want := range []string{"Continue in your browser. If no page opened, open this one:", (*opened)[0], "Waiting for the browser until ", "corp: signed in until "} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "▀") || len(api.Starts) != 0 {
		t.Error("a browser sign-in showed a QR code or asked for a device code")
	}
}

func TestLoginNoBrowserPrintsThePage(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22")
	api := browserScript()
	env, stdout, stderr, opened := setupWithClock(t, api, flowtest.NewManualClock(t0))
	env.Stdout = &pageWatcher{t: t, w: stdout}
	if code := cli.Run(context.Background(), env, []string{"login", "corp", "--no-browser"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := stdout.String()
	for _, want := range []string{"Open this page in a browser on this machine:", "This is an SSH session", "--use-device-code"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if len(*opened) != 0 {
		t.Errorf("--no-browser opened %v", *opened)
	}
}

// pageWatcher plays the browser for the first authorize page written.
type pageWatcher struct {
	t    *testing.T
	w    interface{ Write([]byte) (int, error) }
	done bool
}

func (p *pageWatcher) Write(b []byte) (int, error) {
	if !p.done {
		for _, f := range strings.Fields(string(b)) {
			if strings.Contains(f, "/authorize?") {
				p.done = true
				go comeBack(p.t, f)
			}
		}
	}
	return p.w.Write(b)
}

func TestLoginInTheBrowserTimesOut(t *testing.T) {
	t.Setenv("DISPLAY", ":99")
	clock := flowtest.NewManualClock(t0)
	env, stdout, stderr, _ := setupWithClock(t, browserScript(), clock)
	env.OpenBrowser = func(string) error { return nil } // a browser that never comes back
	done := make(chan int)
	go func() { done <- cli.Run(context.Background(), env, []string{"login", "corp"}) }()
	clock.AwaitWaiters(1)
	clock.Advance(10 * time.Minute)
	if code := <-done; code != cli.ExitFailed {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	want := "ssotray: sign-in to corp failed: the browser did not come back before the sign-in timed out; if your browser is on another device, use: ssotray login corp --use-device-code\n"
	if got := stderr.String(); got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}
