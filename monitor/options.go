package monitor

import (
	"time"

	"github.com/ssotray/ssotray/flow"
)

// Defaults of Options.
const (
	DefaultPoll         = time.Minute
	DefaultRefreshAhead = 15 * time.Minute
	DefaultWarnAhead    = 15 * time.Minute
)

// Options tune a Monitor. The zero value of every field is the real default.
type Options struct {
	// Clock tells the time and waits; every wait of the monitor goes
	// through it. Default: flow.RealClock{}.
	Clock flow.Clock
	// Poll is the longest the monitor goes without re-reading the token
	// cache. It also bounds how late the monitor notices a change after the
	// computer wakes from sleep. Default: DefaultPoll (1 minute).
	Poll time.Duration
	// RefreshAhead is how early a refreshable token is refreshed: once this
	// much or less is left. Default: DefaultRefreshAhead (15 minutes, the
	// AWS CLI's advisory refresh window).
	RefreshAhead time.Duration
	// WarnAhead is how early an ExpiringSoon event comes for a session that
	// cannot be refreshed. Default: DefaultWarnAhead (15 minutes).
	WarnAhead time.Duration
	// WatchDir is the token cache directory, watched for changes so that a
	// token written or deleted by another program (aws sso login, aws sso
	// logout) shows within a second. A directory that does not exist yet is
	// watched from its nearest existing parent until it appears. Default:
	// "", no watching; the cache is then re-read every Poll.
	WatchDir string
	// Logf receives debug lines, which never hold tokens or secrets. It may
	// be called from two goroutines at once. Default: none.
	Logf func(format string, args ...any)
}
