package monitor

import (
	"context"

	"github.com/ssotray/ssotray/flow"
	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// Lister reads every sign-in's status; *signin.Manager is one.
type Lister interface {
	Statuses() ([]signin.Status, *storage.Config, error)
}

// Refresher refreshes one sign-in's token by name; *signin.Manager is one.
type Refresher interface {
	Refresh(ctx context.Context, name string) (flow.Token, error)
}

var (
	_ Lister    = (*signin.Manager)(nil)
	_ Refresher = (*signin.Manager)(nil)
)
