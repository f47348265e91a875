package accounts

// GetCredentialsWithClock is getCredentials for the external tests, which
// run its retries on a virtual clock.
var GetCredentialsWithClock = getCredentials
