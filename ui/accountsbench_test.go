package ui

import (
	"context"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/ssotray/ssotray/accounts"
)

// diskRoles serves the list kept on disk, as *signin.Manager does: each
// CachedAccounts reads and decodes the file.
type diskRoles struct {
	*fakeRoles
	cache accounts.Cache
}

func (d diskRoles) CachedAccounts(string) (accounts.List, error) { return d.cache.Load("corp") }

// BenchmarkAccountsViewFromDisk opens the accounts view of a sign-in with
// 1,000 accounts (about 2,500 roles) kept on disk, as at the app's start:
// from the click to the list on screen, the file read and decoded, the
// lines built and the window laid out. The issue asks for under 100 ms.
func BenchmarkAccountsViewFromDisk(b *testing.B) {
	cache := accounts.Cache{Dir: b.TempDir()}
	if err := cache.Save("corp", manyAccounts(1000, t0)); err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex // do runs UI work on the benchmark's goroutine's terms
	u := &UI{app: a, ctx: ctx, accountsWins: map[string]*accountsWindow{},
		opts: Options{Roles: diskRoles{&fakeRoles{}, cache}},
		do:   func(fn func()) { mu.Lock(); defer mu.Unlock(); fn() },
		now:  func() time.Time { return t0 }, every: func(context.Context, time.Duration, func()) {}}
	var worst time.Duration
	for b.Loop() {
		start := time.Now()
		mu.Lock()
		w := u.accountsFor("corp")
		w.win.Resize(fyne.NewSize(760, 600))
		mu.Unlock()
		for {
			mu.Lock()
			shown := w.hasList && w.busy == 0
			mu.Unlock()
			if shown {
				break
			}
			time.Sleep(50 * time.Microsecond)
		}
		if d := time.Since(start); d > worst {
			worst = d
		}
		mu.Lock()
		if n := len(w.rows); n < 3000 {
			b.Fatalf("%d lines on screen, want over 3,000", n)
		}
		w.win.Close()
		delete(u.accountsWins, "corp")
		mu.Unlock()
	}
	u.tasks.Wait()
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms-list-on-screen")
	b.ReportMetric(float64(worst.Microseconds())/1000, "max-ms-list-on-screen")
}
