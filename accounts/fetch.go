package accounts

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sso"
)

const (
	// pageSize is the most the portal returns per page; it refuses more
	// with 400 InvalidRequestException since ~May 2026.
	pageSize = 100
	// DefaultMaxConcurrency is FetchOptions.MaxConcurrency's default.
	DefaultMaxConcurrency = 8
	// maxTransientRetries bounds the retries of one call after 5xx answers
	// or network errors; 429s are retried without limit.
	maxTransientRetries = 5
)

// FetchOptions are Fetch's optional settings; the zero value of each field
// is its default.
type FetchOptions struct {
	// Clock tells the time and waits between requests. Nil means the wall
	// clock.
	Clock Clock

	// Progress, if set, is called after each page of accounts, after each
	// account's roles, and once at the end with Done set. It is called from
	// the listing's goroutines, one call at a time, and must return quickly.
	Progress func(Progress)

	// MaxConcurrency is the most requests in flight at once. The default is
	// DefaultMaxConcurrency (8); the limiter starts at 4 and adapts below
	// this ceiling.
	MaxConcurrency int

	// Logf, if set, receives a line for each slow-down and retry. It never
	// receives the token or a credential.
	Logf func(format string, args ...any)

	// rand, if set, replaces the jitter's random source (tests).
	rand func() float64
}

// Progress is how far a listing has come.
type Progress struct {
	// AccountsFound counts the accounts listed so far; AccountsDone those
	// whose roles are listed too.
	AccountsFound, AccountsDone int
	// AllFound is set once the last page of accounts has come, so that
	// AccountsFound is the total.
	AllFound bool
	// Throttled counts the 429 answers so far.
	Throttled int
	// Done is set on the last call, when the listing has ended.
	Done bool
}

// Stats describe how a listing went.
type Stats struct {
	// Requests counts every request sent, retries included.
	Requests int
	// Throttled counts the 429 answers; Retries every request sent again
	// (after a 429, a 5xx or a network error).
	Throttled, Retries int
	// MaxConcurrency is the most requests that were in flight at once.
	MaxConcurrency int
	// Elapsed is the listing's duration.
	Elapsed time.Duration
}

// Fetch lists every account behind s and each account's roles: ListAccounts
// page by page (100 a page), and ListAccountRoles for every account through
// a bounded pool of workers. Every request goes through an adaptive limiter
// that paces and bounds them and learns the portal's throttle: a 429 slows
// it down (honouring Retry-After) and is retried for as long as ctx lives, so
// a listing never fails because of throttling. A 5xx or network error is
// retried a few times with backoff and then reported. A refused token (401)
// stops everything at once with an error wrapping ErrSignInAgain. An account
// whose roles the portal forbids (403) is listed with no roles.
//
// The List's accounts are sorted by name, then ID, with sorted roles. The
// Stats are filled in even when an error is returned.
func Fetch(ctx context.Context, s Session, optFns ...func(*FetchOptions)) (List, Stats, error) {
	var o FetchOptions
	for _, fn := range optFns {
		fn(&o)
	}
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	if o.MaxConcurrency <= 0 {
		o.MaxConcurrency = DefaultMaxConcurrency
	}
	if s.API == nil {
		return List{}, Stats{}, errors.New("list accounts: no portal client")
	}
	f := &fetcher{
		s:    s,
		o:    o,
		lim:  newLimiter(o.Clock, o.MaxConcurrency, o.rand),
		jobs: make(chan *Account, pageSize),
	}
	start := o.Clock.Now()
	list, err := f.run(ctx)
	f.mu.Lock()
	st := f.stats
	f.mu.Unlock()
	st.Elapsed = o.Clock.Now().Sub(start)
	f.report(func(p *Progress) { p.Done = true })
	if err != nil {
		return List{}, st, err
	}
	list.Name, list.StartURL, list.Region = s.Name, s.StartURL, s.Region
	list.FetchedAt = o.Clock.Now()
	return list, st, nil
}

// fetcher is one listing in progress.
type fetcher struct {
	s    Session
	o    FetchOptions
	lim  *limiter
	jobs chan *Account

	mu       sync.Mutex
	stats    Stats
	active   int
	progress Progress
}

func (f *fetcher) run(ctx context.Context) (List, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	var wg sync.WaitGroup
	for range f.o.MaxConcurrency {
		wg.Go(func() {
			for a := range f.jobs {
				if err := f.listRoles(ctx, a); err != nil {
					cancel(err)
				}
				f.report(func(p *Progress) { p.AccountsDone++ })
			}
		})
	}
	accounts, err := f.listAccounts(ctx)
	close(f.jobs)
	wg.Wait()
	if err != nil {
		cancel(err)
	}
	if err := context.Cause(ctx); err != nil {
		return List{}, err
	}
	out := make([]Account, len(accounts))
	for i, a := range accounts {
		slices.Sort(a.Roles)
		out[i] = *a
	}
	slices.SortFunc(out, func(a, b Account) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return List{Accounts: out}, nil
}

// listAccounts pages through ListAccounts, handing each account to the
// workers as soon as its page arrives.
func (f *fetcher) listAccounts(ctx context.Context) ([]*Account, error) {
	var all []*Account
	var next *string
	for {
		var out *sso.ListAccountsOutput
		err := f.call(ctx, "list accounts", func(ctx context.Context) (err error) {
			out, err = f.s.API.ListAccounts(ctx, &sso.ListAccountsInput{
				AccessToken: aws.String(f.s.Token),
				MaxResults:  aws.Int32(pageSize),
				NextToken:   next,
			}, noSDKRetries)
			return err
		})
		if err != nil {
			return all, err
		}
		page := make([]*Account, 0, len(out.AccountList))
		for _, ai := range out.AccountList {
			page = append(page, &Account{
				ID:    aws.ToString(ai.AccountId),
				Name:  aws.ToString(ai.AccountName),
				Email: aws.ToString(ai.EmailAddress),
				Roles: []string{},
			})
		}
		all = append(all, page...)
		last := aws.ToString(out.NextToken) == ""
		f.report(func(p *Progress) { p.AccountsFound += len(page); p.AllFound = last })
		for _, a := range page {
			select {
			case f.jobs <- a:
			case <-ctx.Done():
				return all, context.Cause(ctx)
			}
		}
		if aws.ToString(out.NextToken) == "" {
			return all, nil
		}
		next = out.NextToken
	}
}

// listRoles pages through ListAccountRoles for a, filling a.Roles. A 403
// leaves the account with no roles.
func (f *fetcher) listRoles(ctx context.Context, a *Account) error {
	var next *string
	what := "list the roles of account " + a.ID
	for {
		var out *sso.ListAccountRolesOutput
		err := f.call(ctx, what, func(ctx context.Context) (err error) {
			out, err = f.s.API.ListAccountRoles(ctx, &sso.ListAccountRolesInput{
				AccessToken: aws.String(f.s.Token),
				AccountId:   aws.String(a.ID),
				MaxResults:  aws.Int32(pageSize),
				NextToken:   next,
			}, noSDKRetries)
			return err
		})
		if errors.Is(err, errForbidden) {
			f.logf("accounts: no access to the roles of account %s (403); listing it with none", a.ID)
			a.Roles = []string{}
			return nil
		}
		if err != nil {
			return err
		}
		for _, r := range out.RoleList {
			a.Roles = append(a.Roles, aws.ToString(r.RoleName))
		}
		if aws.ToString(out.NextToken) == "" {
			return nil
		}
		next = out.NextToken
	}
}

// errForbidden marks a 403 answer, which listRoles turns into no roles.
var errForbidden = errors.New("no access (403 ForbiddenException)")

// call sends one request through the limiter, retrying it as its answer
// says: 429 for as long as ctx lives, 5xx and network errors up to
// maxTransientRetries times.
func (f *fetcher) call(ctx context.Context, what string, send func(context.Context) error) error {
	failures := 0
	for {
		t, err := f.lim.acquire(ctx)
		if err != nil {
			return context.Cause(ctx)
		}
		f.started()
		err = fromBetween(send(ctx))
		f.finished()
		a, after := classify(ctx, err)
		f.lim.done(t, a.outcome(), after)
		switch a {
		case answerOK:
			return nil
		case answerForbidden:
			return errForbidden
		case answerCanceled:
			return context.Cause(ctx)
		case answerSignIn:
			return fmt.Errorf("%s: the access portal refused the token of %s (401): %w", what, f.s.Name, ErrSignInAgain)
		case answerGarbage:
			return fmt.Errorf("%s: the access portal at %s answered with something that is not its API: %w", what, f.s.Region, err)
		case answerOther:
			return fmt.Errorf("%s: %w", what, err)
		case answerThrottled:
			f.count(func(st *Stats) { st.Throttled++ })
			f.report(func(p *Progress) { p.Throttled++ })
			st := f.lim.state()
			f.logf("accounts: %s: throttled (429); now %.1f requests/s, %d in flight", what, st.Rate, st.Window)
		case answerTransient:
			failures++
			if failures > maxTransientRetries {
				return fmt.Errorf("%s: the access portal at %s kept failing (%d attempts): %w", what, f.s.Region, failures, err)
			}
			f.logf("accounts: %s: attempt %d failed, retrying: %v", what, failures, err)
		}
		f.count(func(st *Stats) { st.Retries++ })
		if err := f.o.Clock.Wait(ctx, f.lim.retryDelay(a.outcome(), failures)); err != nil {
			return context.Cause(ctx)
		}
	}
}

// noSDKRetries turns off the SDK's own retries for one call, so that the
// limiter sees every 429 and the SDK's retry quota cannot fail a listing.
func noSDKRetries(o *sso.Options) { o.Retryer = aws.NopRetryer{} }

func (f *fetcher) started() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stats.Requests++
	f.active++
	f.stats.MaxConcurrency = max(f.stats.MaxConcurrency, f.active)
}

func (f *fetcher) finished() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.active--
}

func (f *fetcher) count(fn func(*Stats)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(&f.stats)
}

// report updates the progress and calls Progress with it. The lock is held
// during the call so that calls never overlap or go back in time.
func (f *fetcher) report(fn func(*Progress)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(&f.progress)
	if f.o.Progress != nil {
		f.o.Progress(f.progress)
	}
}

func (f *fetcher) logf(format string, args ...any) {
	if f.o.Logf != nil {
		f.o.Logf(format, args...)
	}
}
