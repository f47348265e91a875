package flow

import "context"

// AuthorizeEndpoint exposes Flow.authorizeEndpoint to the external tests.
func AuthorizeEndpoint(ctx context.Context, f *Flow) (string, error) { return f.authorizeEndpoint(ctx) }
