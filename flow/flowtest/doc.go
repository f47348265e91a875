// Package flowtest has in-memory fakes for flow's dependencies: a virtual
// clock, a scripted OIDC API that records what it was sent, and a store.
// Tests of flow and of everything built on it (the CLI, the GUI) use them to
// run a whole sign-in without a network or the wall clock.
package flowtest
