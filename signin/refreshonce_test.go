package signin_test

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/storage"
)

// Several refreshes of one sign-in in one process (the monitor, a window, a
// command) make one request to Identity Center; the others wait for it and
// share its token, instead of sending a refresh token that the first one
// used up.
func TestConcurrentRefreshesShareOne(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		api := &flowtest.OIDC{
			TokenReplies: []flowtest.Reply[ssooidc.CreateTokenOutput]{{Out: &ssooidc.CreateTokenOutput{
				AccessToken: aws.String("ACCESS-1"), ExpiresIn: 3600, RefreshToken: aws.String("REFRESH-1"),
			}}},
			BeforeToken: func(context.Context, int) { <-release },
		}
		m, paths, _ := newManager(t, fakeClients{oidc: api})
		if err := paths.TokenCache().Save("corp", storage.Token{
			StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1", AccessToken: "ACCESS-0", ExpiresAt: t0.Add(time.Minute),
			ClientID: "CLIENT-ID", ClientSecret: "CLIENT-SECRET", RegistrationExpiresAt: t0.Add(48 * time.Hour), RefreshToken: "REFRESH-0",
		}); err != nil {
			t.Fatal(err)
		}
		const n = 4
		toks := make([]flow.Token, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() { toks[i], errs[i] = m.Refresh(context.Background(), "corp") })
		}
		synctest.Wait() // every refresh is in the request or waiting for it
		close(release)
		wg.Wait()
		for i := range n {
			if errs[i] != nil || toks[i].AccessToken != "ACCESS-1" {
				t.Errorf("refresh %d: %v", i, errs[i])
			}
		}
		if len(api.Tokens) != 1 {
			t.Errorf("%d CreateToken requests, want 1", len(api.Tokens))
		}
	})
}

// A refresh waiting for another gives up when its own context ends; the
// one it waited for goes on.
func TestRefreshWaitingForAnotherCanBeCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		api := &flowtest.OIDC{
			TokenReplies: []flowtest.Reply[ssooidc.CreateTokenOutput]{{Out: &ssooidc.CreateTokenOutput{
				AccessToken: aws.String("ACCESS-1"), ExpiresIn: 3600, RefreshToken: aws.String("REFRESH-1"),
			}}},
			BeforeToken: func(context.Context, int) { <-release },
		}
		m, paths, _ := newManager(t, fakeClients{oidc: api})
		if err := paths.TokenCache().Save("corp", storage.Token{
			StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1", AccessToken: "ACCESS-0", ExpiresAt: t0.Add(time.Minute),
			ClientID: "CLIENT-ID", ClientSecret: "CLIENT-SECRET", RegistrationExpiresAt: t0.Add(48 * time.Hour), RefreshToken: "REFRESH-0",
		}); err != nil {
			t.Fatal(err)
		}
		var first error
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, first = m.Refresh(context.Background(), "corp")
		}()
		synctest.Wait()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := m.Refresh(ctx, "corp"); err != context.Canceled {
			t.Errorf("cancelled waiter: %v, want context.Canceled", err)
		}
		close(release)
		<-done
		if first != nil || len(api.Tokens) != 1 {
			t.Errorf("the refresh waited for: %v after %d requests", first, len(api.Tokens))
		}
	})
}
