package accounts_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/internal/filetest"
)

func role(n int) accounts.Role {
	return accounts.Role{AccountID: fmt.Sprintf("%012d", n), AccountName: fmt.Sprintf("Account %d", n), RoleName: "ReadOnlyAccess"}
}

func names(qs []accounts.QuickRole) string {
	var s []string
	for _, q := range qs {
		p := ""
		if q.Pinned {
			p = "*"
		}
		s = append(s, p+q.AccountName)
	}
	return strings.Join(s, ", ")
}

func TestRecent(t *testing.T) {
	r := accounts.Recent{Path: filepath.Join(t.TempDir(), "ssotray", "recent-roles.json")}
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	if q, err := r.Quick("corp", 5); err != nil || len(q) != 0 {
		t.Fatalf("Quick with no file = %v, %v", q, err)
	}
	for i := 1; i <= 4; i++ {
		if err := r.Touch("corp", role(i), now.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Touch("other", role(9), now); err != nil {
		t.Fatal(err)
	}
	if err := r.SetPinned("corp", role(2), true); err != nil {
		t.Fatal(err)
	}
	if err := r.SetPinned("corp", role(7), true); err != nil { // pinned, never used
		t.Fatal(err)
	}
	q, err := r.Quick("corp", 4)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(q), "*Account 2, *Account 7, Account 4, Account 3"; got != want {
		t.Errorf("Quick = %s, want %s", got, want)
	}
	if !q[0].UsedAt.Equal(now.Add(2*time.Minute)) || !q[1].UsedAt.IsZero() {
		t.Errorf("UsedAt = %v, %v", q[0].UsedAt, q[1].UsedAt)
	}
	// Using again moves a role to the front of the unpinned ones.
	if err := r.Touch("corp", role(1), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Unpinning a role never used forgets it; unpinning a used one keeps it.
	if err := r.SetPinned("corp", role(7), false); err != nil {
		t.Fatal(err)
	}
	if err := r.SetPinned("corp", role(2), false); err != nil {
		t.Fatal(err)
	}
	q, _ = r.Quick("corp", 10)
	if got, want := names(q), "Account 1, Account 4, Account 3, Account 2"; got != want {
		t.Errorf("Quick = %s, want %s", got, want)
	}
	if q, _ := r.Quick("other", 10); names(q) != "Account 9" {
		t.Errorf("other sign-in: %s", names(q))
	}
	filetest.Mode(t, r.Path, 0o600)
}

func TestRecentKeepsAtMost20(t *testing.T) {
	r := accounts.Recent{Path: filepath.Join(t.TempDir(), "recent.json")}
	now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	if err := r.SetPinned("corp", role(0), true); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 30; i++ {
		if err := r.Touch("corp", role(i), now.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	q, _ := r.Quick("corp", 100)
	if len(q) != 21 || !q[0].Pinned || q[1].AccountName != "Account 30" || q[20].AccountName != "Account 11" {
		t.Errorf("kept %d: %s; want the pin and the 20 most recent", len(q), names(q))
	}
}

func TestRecentMalformed(t *testing.T) {
	r := accounts.Recent{Path: filepath.Join(t.TempDir(), "recent.json")}
	if err := os.WriteFile(r.Path, []byte("{broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Quick("corp", 5); err == nil || !strings.Contains(err.Error(), r.Path) {
		t.Fatalf("Quick on a malformed file = %v, want an error naming it", err)
	}
	if err := r.Touch("corp", role(1), time.Now()); err != nil {
		t.Fatalf("Touch over a malformed file: %v", err)
	}
	if b, err := os.ReadFile(r.Path + ".bad"); err != nil || string(b) != "{broken" {
		t.Errorf("malformed file not kept as .bad: %q, %v", b, err)
	}
	if q, err := r.Quick("corp", 5); err != nil || len(q) != 1 {
		t.Errorf("Quick after Touch = %v, %v", q, err)
	}
}
