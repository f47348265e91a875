package flow

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
)

// signInBrowser runs the authorization code grant with PKCE on a loopback
// redirect, as the AWS CLI does (spec §2): register for it, open a listener
// on 127.0.0.1, publish the /authorize page to open, wait for the browser to
// come back with the request's state, and redeem the code.
func (f *Flow) signInBrowser(ctx context.Context, t Target, st *State, publish func(State)) (Token, error) {
	base, err := f.authorizeEndpoint(ctx)
	if err != nil {
		return Token{}, err
	}
	issuer, err := f.issuer(ctx, t)
	if err != nil {
		return Token{}, err
	}
	// The listener first: a port that cannot be bound fails the sign-in
	// before anything is asked of Identity Center.
	p, err := newPKCE()
	if err != nil {
		return Token{}, err
	}
	cb, err := listenCallback(f.opts.Listen, p.state, t.Name, f.opts.Logf)
	if err != nil {
		return Token{}, err
	}
	defer cb.close()
	reg, cached, err := f.registration(ctx, t, AuthCode, issuer, false)
	defer func() { <-cached }()
	if err != nil {
		return Token{}, err
	}

	st.Phase = AwaitingUser
	st.AuthorizeURL = authorizeURL(base, reg.ClientID, cb.redirectURI(), p, t.scopes())
	st.CodeExpiresAt = f.opts.Clock.Now().Add(f.opts.CallbackTimeout)
	publish(*st)

	res, err := f.awaitCallback(ctx, cb)
	if err != nil {
		return Token{}, err
	}
	var tok Token
	if err = res.err; err == nil {
		tok, err = f.redeem(ctx, t, reg, issuer, cb.redirectURI(), p, res.code)
	}
	res.outcome <- err // the browser's page says how it ended
	return tok, err
}

// awaitCallback waits for the browser's return, the timeout, or ctx. A
// return that arrives as the wait ends is told the sign-in's outcome, so its
// page never hangs.
func (f *Flow) awaitCallback(ctx context.Context, cb *callbackServer) (callbackResult, error) {
	waitCtx, stop := context.WithCancel(ctx)
	defer stop()
	timedOut := make(chan error, 1)
	go func() { timedOut <- f.opts.Clock.Wait(waitCtx, f.opts.CallbackTimeout) }()
	var err error
	select {
	case res := <-cb.results:
		return res, nil
	case err = <-timedOut:
		if err == nil {
			err = ErrCallbackTimeout
		}
	}
	cb.close()
	select {
	case res := <-cb.results:
		res.outcome <- err
	default:
	}
	return callbackResult{}, err
}

// redeem exchanges the authorization code for a token (CreateToken with the
// authorization_code grant and the verifier) and stores it.
func (f *Flow) redeem(ctx context.Context, t Target, reg Registration, issuer, redirectURI string, p pkce, code string) (Token, error) {
	start := f.opts.Clock.Now()
	out, err := f.createToken(ctx, &ssooidc.CreateTokenInput{
		ClientId:     aws.String(reg.ClientID),
		ClientSecret: aws.String(reg.ClientSecret),
		GrantType:    aws.String(grantAuthCode),
		RedirectUri:  aws.String(redirectURI),
		CodeVerifier: aws.String(p.verifier),
		Code:         aws.String(code),
	})
	if err != nil {
		if cancelled(ctx, err) {
			return Token{}, context.Canceled
		}
		switch oauthCode(err) {
		case errAccessDenied:
			return Token{}, ErrDenied
		case errExpiredToken:
			return Token{}, ErrExpired
		case errInvalidClient:
			// The cached registration was revoked: register again now,
			// so that the next sign-in works.
			if _, cached, rerr := f.registration(ctx, t, AuthCode, issuer, true); rerr == nil {
				<-cached
			}
		}
		return Token{}, apiError("finish signing in", err)
	}
	if err := checkToken(out); err != nil {
		return Token{}, apiError("finish signing in", err)
	}
	tok := tokenFrom(out, start, reg)
	if err := f.store.SaveToken(t, tok); err != nil {
		return Token{}, &StoreError{Err: err}
	}
	return tok, nil
}

// authorizeURL is the /authorize page to open, with the AWS CLI's
// parameters in the CLI's order (spec §2.5): every character but RFC 3986's
// unreserved ones percent-encoded, and the scopes in a parameter named
// "scopes", joined by spaces.
func authorizeURL(base, clientID, redirectURI string, p pkce, scopes []string) string {
	params := [][2]string{
		{"response_type", "code"},
		{"client_id", clientID},
		{"redirect_uri", redirectURI},
		{"state", p.state},
		{"code_challenge_method", "S256"},
		{"scopes", strings.Join(scopes, " ")},
		{"code_challenge", p.challenge()},
	}
	var b strings.Builder
	b.WriteString(base)
	b.WriteString("/authorize?")
	for i, kv := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(kv[0])
		b.WriteByte('=')
		b.WriteString(escapeUnreserved(kv[1]))
	}
	return b.String()
}

// escapeUnreserved percent-encodes every byte of s but RFC 3986's
// unreserved characters, as Python's urllib.parse.quote(s, safe="") does.
func escapeUnreserved(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// endpointOptions is what *ssooidc.Client tells of its configuration.
type endpointOptions interface {
	Options() ssooidc.Options
}

// errNoAuthorizeEndpoint: the OIDC client tells nothing of its endpoint.
var errNoAuthorizeEndpoint = errors.New("cannot tell the sign-in page's address: the OIDC client names no endpoint")

// authorizeEndpoint is the scheme and host of the OIDC endpoint that the
// client calls, where /authorize lives: Options.AuthorizeEndpoint, else the
// SDK's own endpoint resolution with the client's Region, base endpoint
// (AWS_ENDPOINT_URL_SSO_OIDC), FIPS and dual-stack settings.
func (f *Flow) authorizeEndpoint(ctx context.Context) (string, error) {
	if f.opts.AuthorizeEndpoint != "" {
		return strings.TrimRight(f.opts.AuthorizeEndpoint, "/"), nil
	}
	c, ok := f.api.(endpointOptions)
	if !ok {
		return "", errNoAuthorizeEndpoint
	}
	o := c.Options()
	if o.EndpointResolverV2 == nil {
		return "", errNoAuthorizeEndpoint
	}
	ep, err := o.EndpointResolverV2.ResolveEndpoint(ctx, ssooidc.EndpointParameters{
		Region:       aws.String(o.Region),
		Endpoint:     o.BaseEndpoint,
		UseDualStack: aws.Bool(o.EndpointOptions.UseDualStackEndpoint == aws.DualStackEndpointStateEnabled),
		UseFIPS:      aws.Bool(o.EndpointOptions.UseFIPSEndpoint == aws.FIPSEndpointStateEnabled),
	})
	if err != nil {
		return "", fmt.Errorf("find the sign-in page for Region %q: %w", o.Region, err)
	}
	return ep.URI.Scheme + "://" + ep.URI.Host, nil
}
