package profiles

import "testing"

func TestSmoke(t *testing.T) {
	p := mustPlan(t, sessionConfig, corp, list(acct("111111111111", "Data Lake", "Admin", "ReadOnly"), acct("222222222222", "data/lake", "Admin"), acct("333333333333", "Überprüfung Prod", "ReadOnly")), Options{})
	t.Logf("%s\n---\n%s", p.Summary(), p.Bytes())
}
