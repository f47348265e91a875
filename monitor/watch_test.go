package monitor_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/ssotray/ssotray/monitor"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// The one test on the wall clock: a real signin.Manager over a temporary
// home, with the cache directory watched and the poll set to an hour, so
// only the watcher can make the changes show. The cache directory does not
// exist at first, as on a machine that never signed in.
func TestWatchTheRealCache(t *testing.T) {
	const within = 3 * time.Second
	goroutines := runtime.NumGoroutine()
	paths := storage.PathsFromHome(t.TempDir())
	if err := os.MkdirAll(filepath.Dir(paths.ConfigFile), 0o700); err != nil {
		t.Fatal(err)
	}
	config := "[sso-session corp]\nsso_start_url = https://d-1234567890.awsapps.com/start\nsso_region = eu-west-1\n\n" +
		"[profile corp-dev]\nsso_session = corp\n"
	if err := os.WriteFile(paths.ConfigFile, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	mgr := signin.New(paths)
	mon := monitor.New(mgr, mgr, func(o *monitor.Options) {
		o.Poll = time.Hour
		o.WatchDir = paths.CacheDir()
		o.Logf = t.Logf
	})
	snaps := mon.Subscribe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- mon.Run(ctx) }()
	stop := sync.OnceValue(func() error {
		cancel()
		return <-done
	})
	defer stop()

	corp := func(s monitor.Snapshot) signin.State { return s.Statuses[0].State }
	if s := receive(t, snaps); corp(s) != signin.SignedOut {
		t.Fatalf("at start corp is %v", corp(s))
	}

	// Signed in by another program: the directory and the file appear.
	exp := time.Now().Add(8 * time.Hour).Truncate(time.Second)
	save := func() {
		t.Helper()
		err := storage.NewTokenCache(paths.CacheDir()).Save("corp", storage.Token{
			StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1",
			AccessToken: "access", ExpiresAt: exp,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	save()
	if s := waitFor(t, snaps, within, func(s monitor.Snapshot) bool { return corp(s) == signin.SignedIn }); !s.Statuses[0].ExpiresAt.Equal(exp) {
		t.Errorf("signed in until %v, want %v", s.Statuses[0].ExpiresAt, exp)
	}

	// aws sso logout deletes the token file.
	if err := os.Remove(filepath.Join(paths.CacheDir(), storage.CacheFileName("corp"))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, snaps, within, func(s monitor.Snapshot) bool { return corp(s) == signin.SignedOut })
	select {
	case e := <-mon.Events():
		if e.Kind != monitor.Ended || e.Name != "corp" || !e.ExpiresAt.Equal(exp) {
			t.Errorf("event %v %s %v, want corp ended", e.Kind, e.Name, e.ExpiresAt)
		}
	case <-time.After(within):
		t.Error("no Ended event")
	}

	// The whole cache directory goes and comes back: still watched.
	if err := os.RemoveAll(paths.CacheDir()); err != nil {
		t.Fatal(err)
	}
	save()
	waitFor(t, snaps, within, func(s monitor.Snapshot) bool { return corp(s) == signin.SignedIn })

	// Run leaves nothing behind: the watcher and its goroutines are gone.
	if err := stop(); !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v", err)
	}
	deadline := time.Now().Add(within)
	for runtime.NumGoroutine() > goroutines && time.Now().Before(deadline) {
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines after Run, %d before", n, goroutines)
	}
}

// waitFor returns the first snapshot that satisfies ok, failing the test
// if none comes within d.
func waitFor(t *testing.T, ch <-chan monitor.Snapshot, d time.Duration, ok func(monitor.Snapshot) bool) monitor.Snapshot {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case s, open := <-ch:
			if !open {
				t.Fatal("subscription closed")
			}
			if ok(s) {
				return s
			}
		case <-timeout:
			t.Fatalf("nothing noticed within %v", d)
		}
	}
}
