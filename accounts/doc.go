// Package accounts reaches the AWS accounts and roles behind a sign-in
// through the AWS access portal API: it lists them at any scale the portal
// allows (pages of 100, throttle-aware concurrency that backs off on 429 and
// speeds up again), keeps the list on disk so it shows at once on the next
// start, finds an account by ID or exact name, gets a role's credentials,
// and remembers the roles a person uses.
//
// It never imports Fyne: the command line and the desktop both call it, so
// every command and every window shares one implementation. It depends on
// the small API interface below, in the SDK's shape, so tests pass a fake
// or the local Identity Center.
package accounts
