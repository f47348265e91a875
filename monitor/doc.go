// Package monitor keeps watch over every sign-in: it re-reads the token cache
// when files change on disk and at least once a minute, refreshes refreshable
// tokens in the background before they expire, and says when a session is
// about to end or has ended.
//
// The GUI subscribes to it; it has no UI of its own and never imports Fyne.
// State leaves the monitor as immutable snapshots on channels that never
// block it (the latest snapshot wins), and as events on a buffered channel
// that drops the oldest when nobody reads.
package monitor
