package profiles

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzNewPlanKeepsBytes: in a file with no ssotray section, a plan only
// appends; on its output a second plan changes nothing.
func FuzzNewPlanKeepsBytes(f *testing.F) {
	for _, s := range []string{
		sessionConfig,
		strings.TrimSuffix(sessionConfig, "\n"),
		strings.ReplaceAll(sessionConfig, "\n", "\r\n"),
		"# c\n" + sessionConfig + "[profile A.Admin]\ns3 =\n  x = 1\n",
		sessionConfig + "\n\n\n[profile x]\n; c\n",
	} {
		f.Add(s)
	}
	l := list(acct("111111111111", "A", "Admin"), acct("222222222222", "b/c d", "ReadOnly"))
	f.Fuzz(func(t *testing.T, config string) {
		if strings.Contains(config, MarkerKey) {
			return
		}
		p, err := NewPlan([]byte(config), corp, l, Options{})
		if err != nil {
			return
		}
		out := p.Bytes()
		if !bytes.HasPrefix(out, []byte(config)) || len(p.Add) != 2 {
			t.Fatalf("the plan changed existing bytes or added %d:\n%q\n->\n%q", len(p.Add), config, out)
		}
		again, err := NewPlan(out, corp, l, Options{})
		if err != nil {
			t.Fatalf("plan on the output: %v\n%q", err, out)
		}
		if again.Changed() {
			t.Fatalf("a second plan changes the output:\n%s\n%q", again.Summary(), out)
		}
	})
}
