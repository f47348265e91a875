package profiles

import (
	"fmt"
	"slices"

	"github.com/ssotray/ssotray/storage"
)

// ProblemError is Plan's error when the config file has problems it will
// not write over. Nothing is written.
type ProblemError struct {
	// Problems are the problems, with file and line, sorted by line.
	Problems []storage.Problem
}

// Error returns the first problem and how many more there are, on one line.
func (e *ProblemError) Error() string {
	msg := "profiles: fix the config file first: " + e.Problems[0].Error()
	if n := len(e.Problems) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more)", n)
	}
	return msg
}

// problemsAt returns a *ProblemError for the 1-based lines: storage's
// problems on them, or fallback where storage has none.
func problemsAt(cfg *storage.Config, file string, lines []int, fallback string) error {
	var out []storage.Problem
	for _, n := range slices.Compact(slices.Sorted(slices.Values(lines))) {
		found := false
		for _, p := range cfg.Problems {
			if p.Line == n {
				out = append(out, p)
				found = true
			}
		}
		if !found {
			out = append(out, storage.Problem{File: file, Line: n, Msg: fallback})
		}
	}
	return &ProblemError{Problems: out}
}

// problemsIn returns a *ProblemError for storage's problems inside the
// sections ssotray edits or removes, and inside other sections of the same
// name (which the AWS tools combine in different ways), or nil. A problem on
// a line the edit rewrites whole is left out: it is about a value ssotray
// sets (a profile pointing at another sso-session, say).
func problemsIn(cfg *storage.Config, sc *scanned, touched []*profileSection, rewritten map[int]string) error {
	names := map[string]bool{}
	for _, s := range touched {
		names[s.name] = true
	}
	var out []storage.Problem
	for _, p := range cfg.Problems {
		if _, ok := rewritten[p.Line-1]; ok {
			continue
		}
		for _, s := range sc.sections {
			if names[s.name] && p.Line > s.header && p.Line <= s.end { // 1-based lines of [header, end)
				out = append(out, p)
				break
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return &ProblemError{Problems: out}
}
