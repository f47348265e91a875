package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ssotray/ssotray/flow/idctest"
)

// botocoreRefreshLoop refreshes the my-sso token N times through botocore's
// own token provider (every token lives 5 minutes, so each load refreshes),
// printing "ok" or the error class per round.
const botocoreRefreshLoop = `
import sys, botocore.session
from botocore.tokens import SSOTokenProvider
for _ in range(int(sys.argv[1])):
    try:
        s = botocore.session.Session(profile="dev")
        SSOTokenProvider(s).load_token().get_frozen_token()
        print("ok", flush=True)
    except Exception as e:
        print("err", type(e).__name__, flush=True)
`

// The AWS CLI and SDKs refresh and rotate the same cache file ssotray does.
// With botocore and ssotray refreshing at the same time for many rounds, and
// a reader watching the file throughout, the file is never torn and the
// session is never lost: the refresh token on disk always still works.
func TestRefreshBesideBotocore(t *testing.T) {
	h := newHome(t, sessionConfig, func(o *idctest.Options) { o.AccessTokenTTL = 5 * time.Minute })
	if res := h.login(t, "dev", approve(h, t)); res.code != 0 {
		t.Fatalf("login: %s", res.stderr)
	}
	const rounds = 25
	path := h.cacheFile(sessionTokenFile)

	stop := make(chan struct{})
	var reads, torn int
	var readerDone sync.WaitGroup
	readerDone.Add(1)
	go func() {
		defer readerDone.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			data, err := os.ReadFile(path)
			if err != nil {
				torn++ // the file must never be missing: both writers rename over it
				continue
			}
			var m map[string]any
			if json.Unmarshal(data, &m) != nil || m["accessToken"] == nil || m["refreshToken"] == nil {
				torn++
			}
			reads++
		}
	}()

	var wg sync.WaitGroup
	var pyOut []byte
	var pyErr error
	wg.Add(2)
	go func() {
		defer wg.Done()
		cmd := exec.Command(python, "-c", botocoreRefreshLoop, "25")
		cmd.Env = h.env("AWS_PROFILE=dev")
		pyOut, pyErr = cmd.CombinedOutput()
	}()
	// Three ssotray refreshers besides botocore, so that refreshes collide
	// and rotated-away refresh tokens get refused.
	const workers = 3
	var ours []result
	var oursMu sync.Mutex
	wg.Add(workers - 1)
	for w := 0; w < workers; w++ {
		go func() {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				r := h.run(t, "refresh", "my-sso")
				oursMu.Lock()
				ours = append(ours, r)
				oursMu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(stop)
	readerDone.Wait()

	if pyErr != nil {
		t.Fatalf("botocore loop: %v\n%s", pyErr, pyOut)
	}
	if torn != 0 {
		t.Errorf("%d of %d reads saw a missing, torn or incomplete cache file", torn, reads)
	}
	oursOK := 0
	for _, r := range ours {
		if r.code == 0 {
			oursOK++
		} else {
			t.Errorf("ssotray refresh failed: %s", r.stderr)
		}
	}
	final := readCache(t, path)
	if !h.srv.RefreshTokenValid(final["refreshToken"].(string)) {
		t.Fatal("the session was lost: the refresh token on disk no longer works")
	}
	if !h.srv.AccessTokenValid(final["accessToken"].(string)) {
		t.Error("the access token on disk does not work")
	}
	// And both programs can still refresh afterwards.
	if r := h.run(t, "refresh", "my-sso"); r.code != 0 {
		t.Errorf("ssotray refresh after the race: %s", r.stderr)
	}
	refreshes := 0
	for _, r := range h.srv.Requests() {
		if r.Op == idctest.OpCreateToken && r.Body["grantType"] == "refresh_token" {
			refreshes++
		}
	}
	// Refreshes that collided: the same refresh token sent more than once.
	sent := map[string]int{}
	for _, r := range h.srv.Requests() {
		if r.Op == idctest.OpCreateToken && r.Body["grantType"] == "refresh_token" {
			sent[r.Body["refreshToken"].(string)]++
		}
	}
	collided := 0
	for _, n := range sent {
		if n > 1 {
			collided += n - 1
		}
	}
	t.Logf("%d reads; ssotray %d/%d ok; botocore: %s; %d refresh grants at the server, %d of them collided",
		reads, oursOK, workers*rounds, strings.Join(strings.Fields(string(pyOut)), " "), refreshes, collided)
	if oursOK == 0 || !strings.Contains(string(pyOut), "ok") {
		t.Error("one side never refreshed: the rounds did not overlap as intended")
	}
}

// Eight `ssotray refresh` started at once, with single-use refresh tokens:
// each refresh token works once, so all but one of those that sent the same
// one are refused, and must take the token another one stored instead of
// saying the session has ended (even when it expires in the same second as
// the one they used). Three rounds, so that later rounds start from a
// token that was itself the result of a race.
func TestEightParallelRefreshes(t *testing.T) {
	h := newHome(t, sessionConfig)
	if res := h.login(t, "dev", approve(h, t)); res.code != 0 {
		t.Fatalf("login: %s", res.stderr)
	}
	const rounds, parallel = 3, 8
	failed := 0
	for round := 0; round < rounds; round++ {
		cmds := make([]*exec.Cmd, parallel)
		outs := make([]*strings.Builder, parallel)
		for i := range cmds {
			cmds[i] = h.command(t, binary, nil, "refresh", "my-sso")
			outs[i] = &strings.Builder{}
			cmds[i].Stderr = outs[i]
		}
		for _, c := range cmds {
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
		}
		for i, c := range cmds {
			if err := c.Wait(); err != nil {
				failed++
				t.Errorf("round %d: ssotray refresh: %v: %s", round+1, err, outs[i])
			}
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d refreshes failed", failed, rounds*parallel)
	}
	final := readCache(t, h.cacheFile(sessionTokenFile))
	if !h.srv.RefreshTokenValid(final["refreshToken"].(string)) || !h.srv.AccessTokenValid(final["accessToken"].(string)) {
		t.Error("the tokens on disk no longer work")
	}
	// Refresh tokens sent more than once: all but one of those sends were
	// refused.
	sent := map[any]int{}
	for _, r := range h.srv.Requests() {
		if r.Op == idctest.OpCreateToken && r.Body["grantType"] == "refresh_token" {
			sent[r.Body["refreshToken"]]++
		}
	}
	refused := 0
	for _, n := range sent {
		refused += n - 1
	}
	t.Logf("%d refresh grants, %d of them refused at the server", len(sent)+refused, refused)
	if refused == 0 {
		t.Error("no refresh was refused: the refreshes did not race as intended")
	}
}
