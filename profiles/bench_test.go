package profiles

import (
	"fmt"
	"testing"

	"github.com/ssotray/ssotray/accounts"
)

// BenchmarkNewPlan1000 re-plans a file that already has the 2,500 profiles
// of 1,000 accounts, the scale the issue asks for.
func BenchmarkNewPlan1000(b *testing.B) {
	var accts []accounts.Account
	for i := range 1000 {
		roles := []string{"ReadOnly", "Admin"}
		if i%2 == 0 {
			roles = append(roles, "PowerUser")
		}
		accts = append(accts, acct(fmt.Sprintf("%012d", 100000000000+i), fmt.Sprintf("Team %d / Prod", i), roles...))
	}
	l := list(accts...)
	first, err := NewPlan([]byte(sessionConfig), corp, l, Options{})
	if err != nil {
		b.Fatal(err)
	}
	config := first.Bytes()
	b.ReportAllocs()
	for b.Loop() {
		p, err := NewPlan(config, corp, l, Options{})
		if err != nil || p.Changed() || len(p.Unchanged) != 2500 {
			b.Fatalf("%v %s", err, p.Summary()[:80])
		}
	}
}
