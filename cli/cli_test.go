package cli_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"

	"github.com/ssotray/ssotray/cli"
	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

var t0 = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

type clients struct{ oidc *flowtest.OIDC }

func (c clients) OIDC(context.Context, string) (flow.OIDC, error)       { return c.oidc, nil }
func (c clients) Portal(context.Context, string) (signin.Portal, error) { return nil, context.Canceled }

func setup(t *testing.T, api *flowtest.OIDC) (cli.Env, *bytes.Buffer, *bytes.Buffer, *[]string) {
	t.Helper()
	return setupWithClock(t, api, flowtest.NewClock(t0))
}

// setupWithClock is setup with the manager's clock, and options.
func setupWithClock(t *testing.T, api *flowtest.OIDC, clock flow.Clock, optFns ...func(*signin.Options)) (cli.Env, *bytes.Buffer, *bytes.Buffer, *[]string) {
	t.Helper()
	paths := storage.PathsFromHome(t.TempDir())
	os.MkdirAll(filepath.Dir(paths.ConfigFile), 0o700)
	os.WriteFile(paths.ConfigFile, []byte("[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n"), 0o600)
	var stdout, stderr bytes.Buffer
	var opened []string
	m := signin.New(paths, func(o *signin.Options) {
		o.Clock = clock
		o.Clients = clients{api}
		o.Settings = filepath.Join(paths.Home, ".config", "ssotray", "settings.json")
		o.Secrets = &storage.MemSecrets{}
		for _, fn := range optFns {
			fn(o)
		}
	})
	env := cli.Env{Stdout: &stdout, Stderr: &stderr, Manager: m, OpenBrowser: func(u string) error { opened = append(opened, u); return nil }}
	return env, &stdout, &stderr, &opened
}

func script(final flowtest.Reply[ssooidc.CreateTokenOutput]) *flowtest.OIDC {
	return &flowtest.OIDC{
		RegisterReplies: []flowtest.Reply[ssooidc.RegisterClientOutput]{{Out: &ssooidc.RegisterClientOutput{ClientId: aws.String("cid"), ClientSecret: aws.String("CLIENT-SECRET")}}},
		StartReplies: []flowtest.Reply[ssooidc.StartDeviceAuthorizationOutput]{{Out: &ssooidc.StartDeviceAuthorizationOutput{
			DeviceCode: aws.String("DEVICE-SECRET"), UserCode: aws.String("WXYZ-ABCD"), ExpiresIn: 600, Interval: 1,
			VerificationUri:         aws.String("https://device.sso.eu-west-1.amazonaws.com/"),
			VerificationUriComplete: aws.String("https://device.sso.eu-west-1.amazonaws.com/?user_code=WXYZ-ABCD"),
		}}},
		TokenReplies: []flowtest.Reply[ssooidc.CreateTokenOutput]{{Err: &types.AuthorizationPendingException{}}, final},
	}
}

func TestLogin(t *testing.T) {
	ok := flowtest.Reply[ssooidc.CreateTokenOutput]{Out: &ssooidc.CreateTokenOutput{AccessToken: aws.String("ACCESS-SECRET"), RefreshToken: aws.String("REFRESH-SECRET"), ExpiresIn: 3600}}
	api := script(ok)
	env, stdout, stderr, opened := setup(t, api)
	// The approval waits until the code is on screen, as a person's would;
	// otherwise a slow reader could see only the final state.
	shown := make(chan struct{})
	env.Stdout = &watchWriter{w: stdout, want: "WXYZ-ABCD", seen: shown}
	api.BeforeToken = func(_ context.Context, n int) {
		if n == 2 {
			select {
			case <-shown:
			case <-time.After(10 * time.Second):
			}
		}
	}
	if code := cli.Run(context.Background(), env, []string{"login", "corp", "--use-device-code"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out := stdout.String()
	for _, want := range []string{"Signing in to corp (https://d-1234567890.awsapps.com/start, eu-west-1)", "\n    WXYZ-ABCD\n", "?user_code=WXYZ-ABCD", "▀", "Opened your browser.", "corp: signed in until "} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if len(*opened) != 1 || (*opened)[0] != "https://device.sso.eu-west-1.amazonaws.com/?user_code=WXYZ-ABCD" {
		t.Errorf("opened %v", *opened)
	}
	for _, secret := range []string{"ACCESS-SECRET", "REFRESH-SECRET", "CLIENT-SECRET", "DEVICE-SECRET"} {
		if strings.Contains(out+stderr.String(), secret) {
			t.Errorf("output shows %s", secret)
		}
	}
}

// watchWriter writes to w and closes seen once want has been written.
type watchWriter struct {
	w    io.Writer
	want string
	seen chan struct{}
	got  strings.Builder
	done bool
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.got.Write(p)
	if !w.done && strings.Contains(w.got.String(), w.want) {
		w.done = true
		close(w.seen)
	}
	return w.w.Write(p)
}

func TestLoginNoBrowserAndFlagOrder(t *testing.T) {
	ok := flowtest.Reply[ssooidc.CreateTokenOutput]{Out: &ssooidc.CreateTokenOutput{AccessToken: aws.String("a"), ExpiresIn: 3600}}
	for _, args := range [][]string{{"login", "corp", "--no-browser", "--use-device-code"}, {"login", "--use-device-code", "--no-browser", "corp"}} {
		env, _, stderr, opened := setup(t, script(ok))
		if code := cli.Run(context.Background(), env, args); code != cli.ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if len(*opened) != 0 {
			t.Errorf("%v opened a browser", args)
		}
	}
}

func TestLoginFailureIsOneLine(t *testing.T) {
	denied := flowtest.Reply[ssooidc.CreateTokenOutput]{Err: &types.AccessDeniedException{}}
	env, _, stderr, _ := setup(t, script(denied))
	if code := cli.Run(context.Background(), env, []string{"login", "corp", "--use-device-code"}); code != cli.ExitFailed {
		t.Fatalf("exit %d", code)
	}
	if got := stderr.String(); got != "ssotray: sign-in to corp failed: sign-in was denied in the browser\n" {
		t.Errorf("stderr = %q", got)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"login"}, "login needs the name"},
		{[]string{"login", "a", "b"}, "login takes one name"},
		{[]string{"login", "--bogus", "corp"}, "login has no option --bogus\nUsage:\n  ssotray login NAME"},
		{[]string{"status", "--jsn"}, "status has no option --jsn\nUsage:\n  ssotray status [--json]     list every sign-in and its time left\n"},
		{[]string{"accounts", "corp", "--jsno"}, "  ssotray accounts NAME [--json] [--refresh]\n"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"add", "--name", "x"}, "add needs --name and --start-url"},
		{[]string{"status", "x"}, "status takes no names"},
	}
	for _, tc := range tests {
		env, _, stderr, _ := setup(t, &flowtest.OIDC{})
		if code := cli.Run(context.Background(), env, tc.args); code != cli.ExitUsage {
			t.Errorf("%v: exit %d, want %d", tc.args, code, cli.ExitUsage)
		}
		if !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, stderr, tc.want)
		}
	}
}

func TestLoginCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	api := script(flowtest.Reply[ssooidc.CreateTokenOutput]{})
	api.BeforeToken = func(context.Context, int) { cancel() }
	env, _, stderr, _ := setup(t, api)
	if code := cli.Run(ctx, env, []string{"login", "corp", "--no-browser", "--use-device-code"}); code != cli.ExitCancelled {
		t.Errorf("exit %d (%s), want %d", code, stderr, cli.ExitCancelled)
	}
}

func TestRefresh(t *testing.T) {
	api := &flowtest.OIDC{TokenReplies: []flowtest.Reply[ssooidc.CreateTokenOutput]{{Out: &ssooidc.CreateTokenOutput{AccessToken: aws.String("NEW-ACCESS"), ExpiresIn: 3600}}}}
	env, stdout, stderr, _ := setup(t, api)
	// Nothing to refresh yet: one plain line.
	if code := cli.Run(context.Background(), env, []string{"refresh", "corp"}); code != cli.ExitFailed || !strings.Contains(stderr.String(), "corp is signed out") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	stderr.Reset()
	cache := storage.NewTokenCache(env.Manager.Paths().CacheDir())
	if err := cache.Save("corp", storage.Token{AccessToken: "OLD", ExpiresAt: t0.Add(time.Minute), RefreshToken: "R", ClientID: "c", ClientSecret: "s"}); err != nil {
		t.Fatal(err)
	}
	if code := cli.Run(context.Background(), env, []string{"refresh", "corp"}); code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout.String(), "corp: refreshed, signed in until ") || strings.Contains(stdout.String(), "NEW-ACCESS") {
		t.Errorf("stdout %q", stdout)
	}
	// Times for people read one way, as in the window: "17:42", "Tue
	// 09:05" or "2 Jan 09:05", local, with no zone or year.
	if !regexp.MustCompile(`signed in until (\d\d:\d\d|[A-Z][a-z]{2} \d\d:\d\d|\d{1,2} [A-Z][a-z]{2} \d\d:\d\d)\n$`).MatchString(stdout.String()) {
		t.Errorf("the time is not in the app's style: %q", stdout)
	}
	if tok, _ := cache.Load("corp"); tok.AccessToken != "NEW-ACCESS" {
		t.Error("the cache was not updated")
	}
}

// TestAddCleansAPastedStartURL: the address as copied from the browser's
// address bar is saved without the portal page's #/ part, and said so.
func TestAddCleansAPastedStartURL(t *testing.T) {
	env, stdout, stderr, _ := setup(t, nil)
	code := cli.Run(context.Background(), env, []string{"add", "--headless", "--name", "acme",
		"--start-url", "https://acme.awsapps.com/start/#/", "--region", "eu-west-1"})
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(env.Manager.Paths().ConfigFile)
	if !strings.Contains(string(data), "sso_start_url = https://acme.awsapps.com/start\n") || strings.Contains(string(data), "#") {
		t.Errorf("config:\n%s", data)
	}
	if !strings.Contains(stderr.String(), "Using https://acme.awsapps.com/start") || !strings.Contains(stdout.String(), "(https://acme.awsapps.com/start, eu-west-1)") {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
}

// TestAddSaysThePortalIsConfigured: a second sign-in for a portal already
// configured is added, with a word about the first.
func TestAddSaysThePortalIsConfigured(t *testing.T) {
	env, _, stderr, _ := setup(t, nil)
	code := cli.Run(context.Background(), env, []string{"add", "--headless", "--name", "again",
		"--start-url", "https://d-1234567890.awsapps.com/start/", "--region", "eu-west-1"})
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "Note: corp already signs in to this portal (ssotray login corp); again was added beside it.\n"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
}

// TestRefreshSignedOut says a signed-out sign-in is signed out, and how to
// sign in, not which cache file is missing.
func TestRefreshSignedOut(t *testing.T) {
	env, _, stderr, _ := setup(t, &flowtest.OIDC{})
	if code := cli.Run(context.Background(), env, []string{"refresh", "corp"}); code != cli.ExitFailed {
		t.Fatalf("exit %d", code)
	}
	if want := "ssotray: corp is signed out, so there is nothing to refresh; sign in with: ssotray login corp\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}
