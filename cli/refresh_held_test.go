package cli_test

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/cli"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/internal/filetest"
	"github.com/ssotray/ssotray/storage"
)

// `ssotray refresh` while another program holds the token file: on
// Windows it says so, waits, and writes the new token once the file is
// released, before it ends; on Unix the holder changes nothing.
func TestRefreshWaitsForAHeldTokenFile(t *testing.T) {
	api := &flowtest.OIDC{TokenReplies: []flowtest.Reply[ssooidc.CreateTokenOutput]{{Out: &ssooidc.CreateTokenOutput{
		AccessToken: aws.String("NEW-ACCESS"), RefreshToken: aws.String("NEW-REFRESH"), ExpiresIn: 3600,
	}}}}
	env, stdout, stderr, _ := setup(t, api)
	cache := storage.NewTokenCache(env.Manager.Paths().CacheDir())
	if err := cache.Save("corp", storage.Token{AccessToken: "OLD", ExpiresAt: t0.Add(time.Minute), RefreshToken: "R", ClientID: "c", ClientSecret: "s"}); err != nil {
		t.Fatal(err)
	}
	release := filetest.Hold(t, cache.Path("corp"))
	waiting := &watchWriter{w: stderr, want: "Waiting up to a minute", seen: make(chan struct{})}
	env.Stderr = waiting
	done := make(chan int, 1)
	go func() { done <- cli.Run(context.Background(), env, []string{"refresh", "corp"}) }()
	if runtime.GOOS == "windows" {
		<-waiting.seen
	}
	release()
	if code := <-done; code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if runtime.GOOS == "windows" {
		msg := stderr.String()
		if !strings.Contains(msg, "another program has "+cache.Path("corp")+" open") || !strings.Contains(msg, "the new token is written") {
			t.Errorf("stderr %q", msg)
		}
	} else if stderr.Len() != 0 {
		t.Errorf("stderr %q, want nothing", stderr)
	}
	if !strings.Contains(stdout.String(), "corp: refreshed") {
		t.Errorf("stdout %q", stdout)
	}
	if tok, err := cache.Load("corp"); err != nil || tok.RefreshToken != "NEW-REFRESH" {
		t.Errorf("cache after refresh: %v; want the new refresh token", err)
	}
}
