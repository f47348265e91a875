package accounts

import "github.com/ssotray/ssotray/flow"

// Clock tells the time and waits: flow's, so flowtest.Clock fits. Fetch and
// GetCredentials never read the wall clock or sleep except through it, so
// tests run in virtual time.
type Clock = flow.Clock

// realClock is the wall clock.
type realClock = flow.RealClock
