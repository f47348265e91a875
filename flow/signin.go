package flow

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// SignIn signs in to t with m (Auto: DefaultMethod), calling publish with every new State (the
// last one final), and returns the stored token. Either method ends with the
// same token in the store. Cancelling ctx ends it at once with
// context.Canceled.
func (f *Flow) SignIn(ctx context.Context, t Target, m Method, publish func(State)) (Token, error) {
	if publish == nil {
		publish = func(State) {}
	}
	m = m.resolve(t)
	st := State{Phase: Registering, Target: t, Method: m}
	publish(st)
	var (
		tok Token
		err error
	)
	if m == AuthCode {
		tok, err = f.signInBrowser(ctx, t, &st, publish)
	} else {
		tok, err = f.signInDevice(ctx, t, &st, publish)
	}
	switch {
	case err == nil:
		st.Phase, st.TokenExpiresAt, st.Trouble = SignedIn, tok.ExpiresAt, nil
	case cancelled(ctx, err):
		st.Phase, st.Err = Cancelled, context.Canceled
		err = context.Canceled
	default:
		st.Phase, st.Err = Failed, err
	}
	publish(st)
	return tok, err
}

// signInDevice runs the device authorization grant (RFC 8628).
func (f *Flow) signInDevice(ctx context.Context, t Target, st *State, publish func(State)) (Token, error) {
	issuer, err := f.issuer(ctx, t)
	if err != nil {
		return Token{}, err
	}
	reg, cached, err := f.registration(ctx, t, DeviceCode, issuer, false)
	defer func() { <-cached }()
	if err != nil {
		return Token{}, err
	}
	dev, err := f.startDevice(ctx, issuer, reg)
	var apiErr *APIError
	if errors.As(err, &apiErr) && oauthCode(apiErr.Err) == errInvalidClient {
		// The cached registration was revoked or rotated away: register
		// again, once.
		<-cached
		if reg, cached, err = f.registration(ctx, t, DeviceCode, issuer, true); err != nil {
			return Token{}, err
		}
		dev, err = f.startDevice(ctx, issuer, reg)
	}
	if err != nil {
		return Token{}, err
	}

	now := f.opts.Clock.Now()
	lifetime := time.Duration(dev.ExpiresIn) * time.Second
	if lifetime <= 0 {
		lifetime = defaultCodeLifetime
	}
	interval := time.Duration(dev.Interval) * time.Second
	if interval <= 0 {
		interval = defaultInterval // RFC 8628 §3.2: "clients MUST use 5 as the default".
	}
	st.Phase = AwaitingUser
	st.UserCode = aws.ToString(dev.UserCode)
	st.VerificationURI = aws.ToString(dev.VerificationUri)
	st.VerificationURIComplete = aws.ToString(dev.VerificationUriComplete)
	st.CodeExpiresAt = now.Add(lifetime)
	st.Interval = interval
	publish(*st)

	deviceCode := aws.ToString(dev.DeviceCode)
	for {
		wait := st.Interval
		if left := st.CodeExpiresAt.Sub(f.opts.Clock.Now()); left < wait {
			wait = left
		}
		if err := f.opts.Clock.Wait(ctx, wait); err != nil {
			return Token{}, err
		}
		if !f.opts.Clock.Now().Before(st.CodeExpiresAt) {
			return Token{}, ErrExpired
		}
		start := f.opts.Clock.Now()
		out, err := f.createToken(ctx, &ssooidc.CreateTokenInput{
			ClientId:     aws.String(reg.ClientID),
			ClientSecret: aws.String(reg.ClientSecret),
			GrantType:    aws.String(grantDeviceCode),
			DeviceCode:   aws.String(deviceCode),
		})
		st.Polls++
		if err == nil {
			if err := checkToken(out); err != nil {
				return Token{}, apiError("check for approval", err)
			}
			tok := tokenFrom(out, start, reg)
			if err := f.store.SaveToken(t, tok); err != nil {
				return Token{}, &StoreError{Err: err}
			}
			return tok, nil
		}
		if cancelled(ctx, err) {
			return Token{}, context.Canceled
		}
		code := oauthCode(err)
		f.opts.Logf("poll %d for %s: %s", st.Polls, t.Name, codeOr(code, err))
		switch {
		case code == errAuthorizationPending:
			st.Trouble = nil
		case code == errSlowDown:
			st.Interval += slowDownStep // RFC 8628 §3.5: +5 s for this and all later polls.
			st.Trouble = nil
		case code == errExpiredToken:
			return Token{}, ErrExpired
		case code == errAccessDenied:
			return Token{}, ErrDenied
		case transient(err):
			// Network trouble, throttling or a server error that the SDK's
			// own retries did not get past: keep polling until the code
			// expires, and say so.
			st.Trouble = apiError("check for approval", err)
		default:
			return Token{}, apiError("check for approval", err)
		}
		publish(*st)
	}
}

// startDevice asks for a device code for the start URL issuer.
func (f *Flow) startDevice(ctx context.Context, issuer string, reg Registration) (*ssooidc.StartDeviceAuthorizationOutput, error) {
	var out *ssooidc.StartDeviceAuthorizationOutput
	err := f.call(ctx, func(ctx context.Context) error {
		var err error
		out, err = f.api.StartDeviceAuthorization(ctx, &ssooidc.StartDeviceAuthorizationInput{
			ClientId:     aws.String(reg.ClientID),
			ClientSecret: aws.String(reg.ClientSecret),
			StartUrl:     aws.String(issuer),
		}, limitResponses)
		return err
	})
	if err != nil {
		return nil, apiError("start device authorization", err)
	}
	if err := checkDevice(out); err != nil {
		return nil, apiError("start device authorization", err)
	}
	return out, nil
}

// tokenFrom converts a CreateToken reply. Expiry counts from when the request
// was sent, so request latency makes it early, never late.
func tokenFrom(out *ssooidc.CreateTokenOutput, sent time.Time, reg Registration) Token {
	return Token{
		AccessToken:           aws.ToString(out.AccessToken),
		ExpiresAt:             sent.Add(time.Duration(out.ExpiresIn) * time.Second).UTC().Truncate(time.Second),
		RefreshToken:          aws.ToString(out.RefreshToken),
		ClientID:              reg.ClientID,
		ClientSecret:          reg.ClientSecret,
		RegistrationExpiresAt: reg.ExpiresAt,
	}
}

// issuer is the start URL that Identity Center knows t by: the configured
// one, or for a company's own address the AWS access portal URL it leads to
// (as the AWS CLI does since 2.35.13). The configured URL stays the cache key
// and the token's startUrl.
func (f *Flow) issuer(ctx context.Context, t Target) (string, error) {
	if f.opts.ResolveStartURL == nil {
		return t.StartURL, nil
	}
	u, err := f.opts.ResolveStartURL(ctx, t.StartURL)
	if err != nil {
		return "", err
	}
	if u != t.StartURL {
		f.opts.Logf("%s: start URL %s leads to %s", t.Name, t.StartURL, u)
	}
	return u, nil
}

func codeOr(code string, err error) string {
	if code != "" {
		return code
	}
	return describe(err)
}

// StoreError is a token that was obtained but could not be saved.
type StoreError struct{ Err error }

// Error says the sign-in worked but the token could not be written.
func (e *StoreError) Error() string {
	return "signed in, but could not save the token: " + e.Err.Error()
}

// Unwrap returns the storage error.
func (e *StoreError) Unwrap() error { return e.Err }
