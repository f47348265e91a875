package accounts_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/flow/idctest"
)

// logSink collects Logf lines.
type logSink struct {
	mu    sync.Mutex
	lines []string
}

func (l *logSink) Logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *logSink) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// TestFetchThrottled lists 250 generated accounts from a portal throttled
// to 200 requests a second with a small burst: every account and role
// arrives, the throttle answered 429s, and Fetch saw each one and failed on
// none.
func TestFetchThrottled(t *testing.T) {
	gen := idctest.GenerateAccounts(250)
	srv, s := newPortal(t, func(o *idctest.Options) {
		o.Accounts = gen
		o.PortalRate = 200
		o.PortalBurst = 5
	})
	var logs logSink
	var mu sync.Mutex
	var progress []accounts.Progress
	list, st, err := accounts.Fetch(context.Background(), s, func(o *accounts.FetchOptions) {
		o.Logf = logs.Logf
		o.Progress = func(p accounts.Progress) {
			mu.Lock()
			defer mu.Unlock()
			progress = append(progress, p)
		}
	})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if diff := cmp.Diff(wantList(gen), list.Accounts); diff != "" {
		t.Errorf("accounts (-want +got):\n%s", diff)
	}
	if list.Name != "corp" || list.StartURL != testStartURL || list.Region != testRegion || list.FetchedAt.IsZero() {
		t.Errorf("list header = %q %q %q %v", list.Name, list.StartURL, list.Region, list.FetchedAt)
	}
	if srv.Throttled() == 0 {
		t.Error("the throttle never answered 429; the test shows nothing")
	}
	if st.Throttled != srv.Throttled() {
		t.Errorf("Stats.Throttled = %d, the server sent %d 429s", st.Throttled, srv.Throttled())
	}
	// 3 pages of accounts, one page of roles each, two for the large account.
	if want := 3 + 250 + 1; st.Requests-st.Throttled != want {
		t.Errorf("%d requests answered, want %d", st.Requests-st.Throttled, want)
	}
	if st.Retries != st.Throttled || st.MaxConcurrency < 1 || st.MaxConcurrency > accounts.DefaultMaxConcurrency {
		t.Errorf("stats = %+v", st)
	}
	last := progress[len(progress)-1]
	if !last.Done || last.AccountsFound != 250 || last.AccountsDone != 250 || last.Throttled != st.Throttled {
		t.Errorf("last progress = %+v", last)
	}
	for i := 1; i < len(progress); i++ {
		if progress[i].AccountsDone < progress[i-1].AccountsDone {
			t.Fatalf("progress went back: %+v then %+v", progress[i-1], progress[i])
		}
	}
	// AccountsFound is the total from the moment AllFound is set, and not
	// before: the first pages are not all of 250.
	for _, p := range progress {
		if p.AllFound != (p.AccountsFound == 250) {
			t.Fatalf("progress %+v: AllFound does not say whether the 250 accounts are all found", p)
		}
	}
	for _, r := range srv.Requests() {
		if mr := r.Query.Get("max_result"); mr != "100" {
			t.Fatalf("%s sent max_result=%q, want 100", r.Op, mr)
		}
	}
	if strings.Contains(logs.String(), s.Token) {
		t.Error("a log line holds the token")
	}
	c := accounts.Cache{Dir: t.TempDir()}
	if err := c.Save(s.Key, list); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(c.Path(s.Key)); err != nil || strings.Contains(string(b), s.Token) {
		t.Errorf("the kept list holds the token (or cannot be read: %v)", err)
	}
}

// TestFetchSignInAgain: a refused token ends the listing at once with
// ErrSignInAgain, without retrying, whether the first call or a later one
// is refused.
func TestFetchSignInAgain(t *testing.T) {
	t.Run("logged out", func(t *testing.T) {
		srv, s := newPortal(t)
		if r := srv.Requests(); len(r) != 0 {
			t.Fatal("requests before the test")
		}
		logout(t, srv, s.Token)
		start := time.Now()
		_, st, err := accounts.Fetch(context.Background(), s)
		if !errors.Is(err, accounts.ErrSignInAgain) {
			t.Fatalf("err = %v, want ErrSignInAgain", err)
		}
		if st.Requests != 1 || time.Since(start) > 2*time.Second {
			t.Errorf("%d requests in %v; want 1, at once", st.Requests, time.Since(start))
		}
		if strings.Contains(err.Error(), s.Token) {
			t.Error("the error holds the token")
		}
	})
	t.Run("403 with the session message", func(t *testing.T) {
		srv, s := newPortal(t)
		srv.InjectFault(idctest.OpListAccounts, idctest.Fault{Status: http.StatusForbidden,
			Header: http.Header{"X-Amzn-Errortype": {"ForbiddenException"}},
			Body:   `{"message":"Session token not found or invalid","__type":"com.amazonaws.switchboard.portal#ForbiddenException"}`})
		_, st, err := accounts.Fetch(context.Background(), s)
		if !errors.Is(err, accounts.ErrSignInAgain) || st.Requests != 1 {
			t.Fatalf("err = %v after %d requests, want ErrSignInAgain after 1", err, st.Requests)
		}
	})
	t.Run("mid-listing", func(t *testing.T) {
		srv, s := newPortal(t, func(o *idctest.Options) { o.Accounts = idctest.GenerateAccounts(300) })
		srv.InjectFault(idctest.OpListAccountRoles, idctest.Fault{Status: http.StatusUnauthorized})
		_, st, err := accounts.Fetch(context.Background(), s)
		if !errors.Is(err, accounts.ErrSignInAgain) {
			t.Fatalf("err = %v, want ErrSignInAgain", err)
		}
		if st.Retries != 0 || st.Requests > 50 {
			t.Errorf("stats %+v: the other workers went on after the 401", st)
		}
	})
}

// TestFetchForbiddenAccount: a 403 on one account's roles lists that
// account with no roles, and the listing succeeds.
func TestFetchForbiddenAccount(t *testing.T) {
	gen := idctest.GenerateAccounts(20)
	srv, s := newPortal(t, func(o *idctest.Options) { o.Accounts = gen })
	srv.InjectFault(idctest.OpListAccountRoles, idctest.Fault{Status: http.StatusForbidden})
	list, _, err := accounts.Fetch(context.Background(), s)
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	empty := 0
	for _, a := range list.Accounts {
		if len(a.Roles) == 0 {
			empty++
		}
	}
	if len(list.Accounts) != 20 || empty != 1 {
		t.Errorf("%d accounts, %d with no roles; want 20 and 1", len(list.Accounts), empty)
	}
}

// TestFetchFailures: a portal that is down, keeps failing or answers
// garbage gives one clear error; 5xx answers are retried a bounded number
// of times on a virtual clock.
func TestFetchFailures(t *testing.T) {
	tests := []struct {
		name     string
		fault    *idctest.Fault
		closed   bool
		wantErr  string
		wantReqs int
	}{
		{name: "down", closed: true, wantErr: "kept failing (6 attempts)", wantReqs: 6},
		{name: "500s", fault: &idctest.Fault{Status: 500, Count: 100}, wantErr: "kept failing (6 attempts)", wantReqs: 6},
		{name: "html", fault: &idctest.Fault{Body: "<html>Sign in to continue</html>", ContentType: "text/html"}, wantErr: "not its API", wantReqs: 1},
		{name: "truncated JSON", fault: &idctest.Fault{Body: `{"accountList":[{"accountId":`}, wantErr: "not its API", wantReqs: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, s := newPortal(t)
			if tt.fault != nil {
				srv.InjectFault(idctest.OpListAccounts, *tt.fault)
			}
			if tt.closed {
				srv.Close()
			}
			clock := flowtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))
			_, st, err := accounts.Fetch(context.Background(), s, func(o *accounts.FetchOptions) { o.Clock = clock })
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), "list accounts: ") || strings.Contains(err.Error(), s.Token) {
				t.Errorf("err = %q: want it to say what failed, without the token", err)
			}
			if errors.Is(err, accounts.ErrSignInAgain) {
				t.Error("a portal failure says to sign in again")
			}
			if st.Requests != tt.wantReqs {
				t.Errorf("%d requests, want %d", st.Requests, tt.wantReqs)
			}
			for _, w := range clock.Waits() {
				if w > 5*time.Second {
					t.Errorf("backoff %v, over the 5 s ceiling", w)
				}
			}
		})
	}
}

// TestFetchRetriesTransient: two 500s, then the listing succeeds.
func TestFetchRetriesTransient(t *testing.T) {
	srv, s := newPortal(t)
	srv.InjectFault(idctest.OpListAccountRoles, idctest.Fault{Status: http.StatusServiceUnavailable, Count: 2})
	clock := flowtest.NewClock(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC))
	list, st, err := accounts.Fetch(context.Background(), s, func(o *accounts.FetchOptions) { o.Clock = clock })
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if len(list.Accounts) != 1 || len(list.Accounts[0].Roles) != 2 || st.Retries != 2 || st.Requests != 4 {
		t.Errorf("list %+v, stats %+v; want the account with 2 roles after 2 retries", list.Accounts, st)
	}
}

// TestFetchRetryAfter: a 429 with Retry-After pauses the listing that long
// (on the virtual clock), and the 429 is retried.
func TestFetchRetryAfter(t *testing.T) {
	srv, s := newPortal(t)
	srv.InjectFault(idctest.OpListAccounts, idctest.Fault{Status: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"3"}}})
	start := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	clock := flowtest.NewClock(start)
	list, st, err := accounts.Fetch(context.Background(), s, func(o *accounts.FetchOptions) { o.Clock = clock })
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if len(list.Accounts) != 1 || st.Throttled != 1 {
		t.Errorf("%d accounts, %d throttled; want 1 and 1", len(list.Accounts), st.Throttled)
	}
	if waited := clock.Now().Sub(start); waited < 3*time.Second || waited > 4*time.Second {
		t.Errorf("waited %v in all, want Retry-After's 3 s plus at most its tenth of jitter and pacing", waited)
	}
}

// TestFetchCanceled: a canceled context ends the listing with
// context.Canceled, untouched.
func TestFetchCanceled(t *testing.T) {
	_, s := newPortal(t, func(o *idctest.Options) { o.Accounts = idctest.GenerateAccounts(50) })
	ctx, cancel := context.WithCancel(context.Background())
	_, _, err := accounts.Fetch(ctx, s, func(o *accounts.FetchOptions) {
		o.Progress = func(p accounts.Progress) {
			if p.AccountsDone == 5 {
				cancel()
			}
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func logout(t *testing.T, srv *idctest.Server, token string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/logout", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-amz-sso_bearer_token", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
}
