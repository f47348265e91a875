package ui

import (
	"context"
	"errors"
	"net/url"
	"time"

	"github.com/ssotray/ssotray/vanity"
)

// resolveDelay is how long the address must stay unchanged before the
// wizard follows it: a person typing a company's address would otherwise
// send a request for every letter.
const resolveDelay = 600 * time.Millisecond

// errFollowing stands for an address on a company's own domain that the
// wizard is still following to the AWS access portal: Add waits for it.
var errFollowing = errors.New("checking where this address leads")

// followed is where a company's address led: the portal, or why not.
type followed struct {
	portal vanity.Portal
	err    error
}

// portalOf returns where url was found to lead, if it has been followed.
func (w *wizard) portalOf(url string) (vanity.Portal, error, bool) {
	f, ok := w.followed[url]
	return f.portal, f.err, ok
}

// follow starts following url to the AWS access portal once it has stayed
// the wizard's address for resolveDelay, unless that is already under way.
// validate runs again with the outcome.
func (w *wizard) follow(url string) {
	if w.following == url {
		return
	}
	w.following = url
	u := w.u
	time.AfterFunc(resolveDelay, func() {
		u.do(func() {
			if w.closed || w.following != url {
				return
			}
			u.goTask(func() {
				ctx, cancel := context.WithTimeout(u.ctx, vanity.DefaultTimeout)
				defer cancel()
				p, err := u.m.ResolveStartURL(ctx, url)
				u.do(func() {
					w.followed[url] = followed{p, err}
					if w.following == url {
						w.following = ""
					}
					if !w.closed {
						w.validate()
					}
				})
			})
		})
	})
}

// hostOf is the host of a checked URL, for a note.
func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return raw
}
