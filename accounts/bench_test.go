package accounts_test

import (
	"context"
	"testing"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/flow/idctest"
)

// Throttle of the 1,000-account benchmark: the 20 requests a second the
// Identity Center quota page names, and a bucket of one second's worth.
const (
	benchRate  = 20
	benchBurst = 20
)

// BenchmarkList1000Throttled lists 1,000 generated accounts (about 2,500
// roles, one account with two pages of roles) from a local portal that
// allows 20 requests a second, and reports the time, its ratio to the
// throttle's minimum (requests ÷ rate), the 429s, the concurrency reached
// and the failures. It takes about a minute per iteration; run it with
// -benchtime=1x (make bench does).
func BenchmarkList1000Throttled(b *testing.B) {
	want := idctest.GenerateAccounts(1000)
	for b.Loop() {
		srv, s := newPortal(b, func(o *idctest.Options) {
			o.Accounts = want
			o.PortalRate = benchRate
			o.PortalBurst = benchBurst
		})
		list, st, err := accounts.Fetch(context.Background(), s)
		failures := 0
		if err != nil {
			failures = 1
			b.Errorf("Fetch: %v", err)
		}
		roles := 0
		for _, a := range list.Accounts {
			roles += len(a.Roles)
		}
		if err == nil && (len(list.Accounts) != len(want) || roles < 2400) {
			failures++
			b.Errorf("listed %d accounts and %d roles, want %d accounts and about 2,500 roles", len(list.Accounts), roles, len(want))
		}
		ok := st.Requests - st.Throttled
		minimum := float64(ok) / benchRate
		b.ReportMetric(st.Elapsed.Seconds(), "s")
		b.ReportMetric(st.Elapsed.Seconds()/minimum, "x-min")
		b.ReportMetric(float64(ok), "requests")
		b.ReportMetric(float64(st.Throttled), "429s")
		b.ReportMetric(float64(srv.Throttled()), "server-429s")
		b.ReportMetric(float64(st.MaxConcurrency), "max-concurrency")
		b.ReportMetric(float64(roles), "roles")
		b.ReportMetric(float64(failures), "failures")
		b.ReportMetric(0, "ns/op")
	}
}
