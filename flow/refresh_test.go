package flow_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc/types"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/flow/flowtest"
)

func storedToken() flow.Token {
	return flow.Token{
		AccessToken: "OLD-ACCESS", ExpiresAt: t0.Add(5 * time.Minute), RefreshToken: "OLD-REFRESH",
		ClientID: "cid-1", ClientSecret: "CLIENT-SECRET", RegistrationExpiresAt: t0.Add(24 * time.Hour),
	}
}

func TestRefresh(t *testing.T) {
	api := &flowtest.OIDC{TokenReplies: []tokenReply{granted()}}
	store := flowtest.NewStore()
	store.SetToken("corp", storedToken())
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	tok, err := f.Refresh(context.Background(), corp)
	if err != nil {
		t.Fatal(err)
	}
	in := api.Tokens[0]
	if aws.ToString(in.GrantType) != "refresh_token" || aws.ToString(in.RefreshToken) != "OLD-REFRESH" ||
		aws.ToString(in.ClientId) != "cid-1" || aws.ToString(in.ClientSecret) != "CLIENT-SECRET" {
		t.Errorf("CreateToken input = grant %q refresh %q client %q", aws.ToString(in.GrantType), aws.ToString(in.RefreshToken), aws.ToString(in.ClientId))
	}
	saved, _ := store.Token("corp")
	if saved != tok {
		t.Errorf("stored %v, returned %v", saved, tok)
	}
	if saved.AccessToken != "ACCESS-SECRET" || saved.RefreshToken != "REFRESH-SECRET" || !saved.ExpiresAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("stored token: new access %v, rotated refresh %v, expiry %v", saved.AccessToken == "ACCESS-SECRET", saved.RefreshToken == "REFRESH-SECRET", saved.ExpiresAt)
	}
	if saved.ClientID != "cid-1" || !saved.RegistrationExpiresAt.Equal(t0.Add(24*time.Hour)) {
		t.Errorf("refresh lost the registration: %v", saved)
	}
}

func TestRefreshKeepsRefreshTokenWhenNoneReturned(t *testing.T) {
	api := &flowtest.OIDC{TokenReplies: []tokenReply{{Out: &ssooidc.CreateTokenOutput{AccessToken: aws.String("NEW"), ExpiresIn: 3600}}}}
	store := flowtest.NewStore()
	store.SetToken("corp", storedToken())
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	if _, err := f.Refresh(context.Background(), corp); err != nil {
		t.Fatal(err)
	}
	if saved, _ := store.Token("corp"); saved.RefreshToken != "OLD-REFRESH" || saved.AccessToken != "NEW" {
		t.Errorf("stored %+v", saved)
	}
}

func TestRefreshRefusals(t *testing.T) {
	noRefresh := storedToken()
	noRefresh.RefreshToken = ""
	oldReg := storedToken()
	oldReg.RegistrationExpiresAt = t0.Add(-time.Minute)
	tests := []struct {
		name    string
		stored  *flow.Token
		reply   tokenReply
		wantErr error
	}{
		{name: "nothing stored", wantErr: flowtest.ErrNotFound},
		{name: "no refresh token", stored: &noRefresh, wantErr: flow.ErrNotRefreshable},
		{name: "registration expired", stored: &oldReg, wantErr: flow.ErrRegistrationExpired},
		{name: "refresh token refused", stored: ptr(storedToken()), reply: tokenReply{Err: &types.InvalidGrantException{}}, wantErr: flow.ErrSessionEnded},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			api := &flowtest.OIDC{}
			if tc.reply.Err != nil {
				api.TokenReplies = []tokenReply{tc.reply}
			}
			store := flowtest.NewStore()
			if tc.stored != nil {
				store.SetToken("corp", *tc.stored)
			}
			f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
			_, err := f.Refresh(context.Background(), corp)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			assertNoSecrets(t, "error", err)
			if tc.stored != nil {
				if saved, _ := store.Token("corp"); saved != *tc.stored {
					t.Error("a refused refresh changed the stored token")
				}
			}
		})
	}
}

func TestRefreshRecoversWhenAnotherProgramRotatedTheToken(t *testing.T) {
	theirs := flow.Token{AccessToken: "THEIRS", ExpiresAt: t0.Add(time.Hour), RefreshToken: "THEIR-REFRESH", ClientID: "cid-1", ClientSecret: "CLIENT-SECRET"}
	api := &flowtest.OIDC{TokenReplies: []tokenReply{{Err: &types.InvalidGrantException{}}}}
	store := flowtest.NewStore()
	store.SetToken("corp", storedToken())
	// The AWS CLI refreshes between our read and our request.
	api.BeforeToken = func(context.Context, int) { store.SetToken("corp", theirs) }
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	tok, err := f.Refresh(context.Background(), corp)
	if err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	if tok != theirs {
		t.Errorf("got %v, want the other program's token", tok)
	}
	if store.Saves != 0 {
		t.Errorf("wrote the cache %d times, want 0", store.Saves)
	}
}

func TestRefreshNeverWritesOlderOverNewer(t *testing.T) {
	newer := flow.Token{AccessToken: "NEWER", ExpiresAt: t0.Add(2 * time.Hour), RefreshToken: "R2", ClientID: "cid-1", ClientSecret: "CLIENT-SECRET"}
	api := &flowtest.OIDC{TokenReplies: []tokenReply{granted()}} // ours lasts 1 h
	store := flowtest.NewStore()
	store.SetToken("corp", storedToken())
	api.BeforeToken = func(context.Context, int) { store.SetToken("corp", newer) }
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	tok, err := f.Refresh(context.Background(), corp)
	if err != nil {
		t.Fatal(err)
	}
	if saved, _ := store.Token("corp"); saved != newer || tok != newer {
		t.Errorf("stored %v, returned %v; want the newer token kept", saved, tok)
	}
}

func ptr[T any](v T) *T { return &v }

func TestRefreshWaitsForAnotherProgramsTokenToLand(t *testing.T) {
	theirs := flow.Token{AccessToken: "THEIRS", ExpiresAt: t0.Add(time.Hour), RefreshToken: "THEIR-REFRESH", ClientID: "cid-1", ClientSecret: "CLIENT-SECRET"}
	api := &flowtest.OIDC{TokenReplies: []tokenReply{{Err: &types.InvalidGrantException{}}}}
	store := flowtest.NewStore()
	store.SetToken("corp", storedToken())
	clock := flowtest.NewClock(t0)
	// The other program writes its token on our third look after the refusal.
	store.OnLoadToken = func(n int) {
		if n == 4 {
			store.SetToken("corp", theirs)
		}
	}
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = clock })
	tok, err := f.Refresh(context.Background(), corp)
	if err != nil || tok != theirs {
		t.Fatalf("Refresh = %v, %v; want the other program's token", tok, err)
	}
	if waits := clock.Waits(); len(waits) != 2 {
		t.Errorf("waited %v, want two short waits", waits)
	}
}

// Two programs that refresh within the same second store the same expiry
// (the cache keeps whole seconds). A refused refresh takes the other's
// token even so: it is another token, not an older one.
func TestRefreshTakesAnotherTokenWithTheSameExpirySecond(t *testing.T) {
	used := storedToken()
	theirs := used
	theirs.AccessToken, theirs.RefreshToken = "THEIRS", "THEIR-REFRESH"
	api := &flowtest.OIDC{TokenReplies: []tokenReply{{Err: &types.InvalidGrantException{}}}}
	store := flowtest.NewStore()
	store.SetToken("corp", used)
	api.BeforeToken = func(context.Context, int) { store.SetToken("corp", theirs) }
	f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
	tok, err := f.Refresh(context.Background(), corp)
	if err != nil {
		t.Fatalf("Refresh: %v; want the other program's token", err)
	}
	if tok != theirs || store.Saves != 0 {
		t.Errorf("got %v after %d saves, want the other program's token and no write", tok, store.Saves)
	}
}

// A refused refresh whose cache still holds the very token used, or one
// that has expired, means the session has ended.
func TestRefreshRefusedWithNoOtherToken(t *testing.T) {
	expired := storedToken()
	expired.AccessToken, expired.RefreshToken, expired.ExpiresAt = "THEIRS", "THEIR-REFRESH", t0.Add(-time.Second)
	for _, tc := range []struct {
		name  string
		after *flow.Token
	}{
		{name: "same token"},
		{name: "another token, expired", after: &expired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := &flowtest.OIDC{TokenReplies: []tokenReply{{Err: &types.InvalidGrantException{}}}}
			store := flowtest.NewStore()
			store.SetToken("corp", storedToken())
			if tc.after != nil {
				api.BeforeToken = func(context.Context, int) { store.SetToken("corp", *tc.after) }
			}
			f := flow.New(api, store, func(o *flow.Options) { o.Clock = flowtest.NewClock(t0) })
			if _, err := f.Refresh(context.Background(), corp); !errors.Is(err, flow.ErrSessionEnded) {
				t.Fatalf("Refresh = %v, want ErrSessionEnded", err)
			}
		})
	}
}
