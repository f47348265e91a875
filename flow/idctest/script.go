package idctest

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Errors returned by the scripting methods.
var (
	// ErrUnknownUserCode means no device authorization has this user code.
	ErrUnknownUserCode = errors.New("idctest: unknown user code")
	// ErrNotPending means the device authorization was already approved,
	// denied, used or has expired.
	ErrNotPending = errors.New("idctest: device authorization is not pending")
)

// Approve approves the device authorization with userCode, as a person would
// on the web page; the next poll gets a token. The code is matched
// case-insensitively, with or without its dash.
func (s *Server) Approve(userCode string) error {
	return s.decide(userCode, deviceApproved)
}

// Deny denies the device authorization with userCode; polls then answer
// access_denied.
func (s *Server) Deny(userCode string) error {
	return s.decide(userCode, deviceDenied)
}

func (s *Server) decide(userCode string, to deviceState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.pendingLocked(userCode)
	if err != nil {
		return err
	}
	d.state = to
	return nil
}

func (s *Server) pendingLocked(userCode string) (*device, error) {
	code := normalizeUserCode(userCode)
	d := s.userCodes[code]
	switch {
	case d == nil:
		return nil, fmt.Errorf("user code %q: %w", code, ErrUnknownUserCode)
	case d.state != devicePending || d.isExpired(s.opts.Now()):
		return nil, fmt.Errorf("user code %s: %w", code, ErrNotPending)
	}
	return d, nil
}

// ExpireDevice makes the device authorization with userCode expire now: its
// next poll answers expired_token. It fails with ErrNotPending once a token
// has been issued for it.
func (s *Server) ExpireDevice(userCode string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	code := normalizeUserCode(userCode)
	d := s.userCodes[code]
	switch {
	case d == nil:
		return fmt.Errorf("user code %q: %w", code, ErrUnknownUserCode)
	case d.state == deviceIssued:
		return fmt.Errorf("user code %s: %w", code, ErrNotPending)
	}
	d.expired = true
	return nil
}

// QueueTokenErrors makes the next device-grant CreateToken calls answer these
// OAuth error codes, one per call in order, before any other check (even of
// the client). Valid codes: authorization_pending, slow_down, expired_token,
// access_denied, invalid_grant, invalid_client, unauthorized_client,
// invalid_request, invalid_scope, unsupported_grant_type and server_error
// (HTTP 500, which SDK retryers retry). It panics on any other code. Queued
// answers do not count as pending polls for Options.AutoApprove.
func (s *Server) QueueTokenErrors(codes ...string) {
	for _, c := range codes {
		if _, ok := oauthErrors[c]; !ok || c == "invalid_client_metadata" || c == "invalid_redirect_uri" {
			panic(fmt.Sprintf("idctest: QueueTokenErrors: %q is not a CreateToken error code", c))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokenErrs = append(s.tokenErrs, codes...)
}

// InjectFault queues f for the operation op (one of the seven AWS Op
// constants). Faults for an operation are consumed in FIFO order, each for
// f.Count calls. It panics on an unknown op.
func (s *Server) InjectFault(op string, f Fault) {
	switch op {
	case OpRegisterClient, OpStartDeviceAuthorization, OpCreateToken,
		OpGetRoleCredentials, OpListAccounts, OpListAccountRoles, OpLogout:
	default:
		panic(fmt.Sprintf("idctest: InjectFault: unknown operation %q", op))
	}
	if f.Count <= 0 {
		f.Count = 1
	}
	f.Header = f.Header.Clone()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[op] = append(s.faults[op], f)
}

// Requests returns every request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// LastUserCode returns the user code of the most recent
// StartDeviceAuthorization, or "" if there was none.
func (s *Server) LastUserCode() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastUserCode
}

// PendingUserCodes returns the user codes still waiting for a decision and not
// expired, oldest first.
func (s *Server) PendingUserCodes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	var codes []string
	for _, d := range s.deviceOrder {
		if d.state == devicePending && !d.isExpired(now) {
			codes = append(codes, d.userCode)
		}
	}
	return codes
}

// AccessTokenValid reports whether token was issued by this server, has not
// expired by Options.Now and has not been logged out.
func (s *Server) AccessTokenValid(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.validTokenLocked(token, s.opts.Now())
	return ok
}

// RefreshTokenValid reports whether token is a refresh token this server
// would accept now: issued, not rotated away and not logged out.
func (s *Server) RefreshTokenValid(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt := s.refresh[token]
	return rt != nil && !rt.revoked && !rt.sess.loggedOut
}

// SignInDirect registers a client with scopes and signs it in without the
// device flow, for tests that need a ready-made token cache. With at least
// one scope (for example "sso:account:access") the result has a refresh
// token, as from the real service. Times follow Options.Now.
func (s *Server) SignInDirect(scopes ...string) Issued {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.Now()
	s.counters.client++
	c := &client{
		id:        fmt.Sprintf("cid-%06d", s.counters.client),
		secret:    opaque("", 96),
		name:      "idctest-direct",
		scopes:    slices.Clone(scopes),
		expiresAt: now.Add(s.opts.RegistrationTTL),
	}
	s.clients[c.id] = c
	out := s.issueLocked(c, now)
	return Issued{
		ClientID:              c.id,
		ClientSecret:          c.secret,
		Scopes:                slices.Clone(scopes),
		AccessToken:           out.AccessToken,
		RefreshToken:          out.RefreshToken,
		ExpiresAt:             now.Add(s.opts.AccessTokenTTL).UTC().Truncate(time.Second),
		RegistrationExpiresAt: c.expiresAt.UTC().Truncate(time.Second),
	}
}
