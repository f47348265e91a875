package accounts_test

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/internal/filetest"
)

func sampleList() accounts.List {
	return accounts.List{
		Name: "corp", StartURL: testStartURL, Region: testRegion,
		FetchedAt: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC),
		Accounts: []accounts.Account{
			{ID: "222222222222", Name: "Zürich Analytics Prod", Email: "z@example.com", Roles: []string{"AdministratorAccess", "ReadOnlyAccess"}},
			{ID: "111111111111", Name: "東京 Prod", Email: "t@example.com", Roles: []string{}},
		},
	}
}

func TestCacheRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "accounts")
	c := accounts.Cache{Dir: dir}
	const key = "https://d-1234567890.awsapps.com/start"
	if _, err := c.Load(key); !errors.Is(err, accounts.ErrNotCached) {
		t.Fatalf("Load before Save = %v, want ErrNotCached", err)
	}
	want := sampleList()
	if err := c.Save(key, want); err != nil {
		t.Fatalf("Save: %v", err)
	}
	got, err := c.Load(key)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	sum := sha1.Sum([]byte(key))
	path := filepath.Join(dir, hex.EncodeToString(sum[:])+".json")
	if c.Path(key) != path {
		t.Errorf("Path = %s, want %s", c.Path(key), path)
	}
	filetest.Mode(t, path, 0o600)
	filetest.Mode(t, dir, 0o700)
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want just the list", len(entries))
	}
}

// TestCacheMalformed: a file that is not a list is reported with its name
// and kept as .bad when Save replaces it.
func TestCacheMalformed(t *testing.T) {
	for _, body := range []string{"{not json", `{"accounts":[]}`, `{"fetchedAt":"2026-11-28T09:00:00Z","accounts":[{"accountName":"x"}]}`} {
		c := accounts.Cache{Dir: t.TempDir()}
		path := c.Path("corp")
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := c.Load("corp")
		if err == nil || errors.Is(err, accounts.ErrNotCached) || !strings.Contains(err.Error(), path) {
			t.Fatalf("Load of %q = %v, want an error naming %s", body, err, path)
		}
		if err := c.Save("corp", sampleList()); err != nil {
			t.Fatalf("Save over a malformed file: %v", err)
		}
		kept, err := os.ReadFile(path + ".bad")
		if err != nil || string(kept) != body {
			t.Errorf("the malformed file was not kept as .bad: %q, %v", kept, err)
		}
		if _, err := c.Load("corp"); err != nil {
			t.Errorf("Load after Save: %v", err)
		}
	}
}

func TestListAge(t *testing.T) {
	l := sampleList()
	if got := l.Age(l.FetchedAt.Add(90 * time.Minute)); got != 90*time.Minute {
		t.Errorf("Age = %v, want 1h30m", got)
	}
	if got := l.Age(l.FetchedAt.Add(-time.Minute)); got != 0 {
		t.Errorf("Age before FetchedAt = %v, want 0", got)
	}
	if got := (accounts.List{}).Age(time.Now()); got < 100*365*24*time.Hour {
		t.Errorf("Age of a list never fetched = %v, want very old", got)
	}
}
