package monitor_test

import (
	"context"
	"fmt"
	"time"

	"github.com/ssotray/ssotray/flow/flowtest"
	"github.com/ssotray/ssotray/monitor"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// oneSession is a config with one sign-in whose token cannot be refreshed.
type oneSession struct {
	clock     *flowtest.Clock
	expiresAt time.Time
}

func (o oneSession) Statuses() ([]signin.Status, *storage.Config, error) {
	s := signin.Status{SignIn: storage.SignIn{Name: "corp"}, State: signin.SignedIn, ExpiresAt: o.expiresAt}
	if !o.clock.Now().Before(o.expiresAt) {
		s.State = signin.Expired
	}
	return []signin.Status{s}, &storage.Config{}, nil
}

// The app passes its *signin.Manager as both Lister and Refresher, runs the
// monitor for as long as it lives, and turns events into notifications.
// Here a virtual clock runs two hours at once.
func ExampleNew() {
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	clock := flowtest.NewClock(start)
	ctx, cancel := context.WithCancel(context.Background())
	clock.OnWait = func(int) {
		if clock.Now().Sub(start) >= 2*time.Hour {
			cancel()
		}
	}
	m := monitor.New(oneSession{clock, start.Add(time.Hour)}, nil, func(o *monitor.Options) {
		o.Clock = clock
		// In the app: o.WatchDir = manager.Paths().CacheDir()
	})
	events := m.Events()
	_ = m.Run(ctx) // in the app: go m.Run(ctx), then range over m.Subscribe()
	for e := range events {
		fmt.Println(e.At.Format("15:04"), e.Kind, e.Name)
	}
	// Output:
	// 09:45 expiring-soon corp
	// 10:00 ended corp
}
