package flow

// Store keeps client registrations and tokens. storage implements it on the
// AWS CLI's own cache files; main wires the two, so flow never imports storage.
type Store interface {
	// LoadRegistration returns the cached registration for t. Any error
	// (none cached, unreadable) makes the flow register a new client.
	LoadRegistration(t Target) (Registration, error)
	// SaveRegistration caches r for t.
	SaveRegistration(t Target, r Registration) error
	// LoadToken returns t's current token as stored now.
	LoadToken(t Target) (Token, error)
	// SaveToken stores tok as t's token.
	SaveToken(t Target, tok Token) error
}
