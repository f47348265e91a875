package idctest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// registerClient serves POST /client/register (RegisterClient).
func (s *Server) registerClient(w http.ResponseWriter, _ *http.Request, raw []byte) {
	var in struct {
		ClientName   string   `json:"clientName"`
		ClientType   string   `json:"clientType"`
		Scopes       []string `json:"scopes"`
		RedirectURIs []string `json:"redirectUris"`
		GrantTypes   []string `json:"grantTypes"`
		IssuerURL    string   `json:"issuerUrl"`
	}
	if err := decodeJSON(raw, &in); err != nil {
		s.writeOAuthError(w, "invalid_request", "Request body is not valid JSON for RegisterClient")
		return
	}
	switch {
	case in.ClientName == "":
		s.writeOAuthError(w, "invalid_request", "clientName is required")
		return
	case in.ClientType != "public":
		s.writeOAuthError(w, "invalid_client_metadata", fmt.Sprintf("Invalid client type %q: only public clients are supported", in.ClientType))
		return
	}
	for _, g := range in.GrantTypes {
		if g != grantDeviceCode && g != grantRefreshToken && g != grantAuthCode {
			s.writeOAuthError(w, "unsupported_grant_type", fmt.Sprintf("Unsupported grant type %q", g))
			return
		}
	}
	for _, sc := range in.Scopes {
		if sc == "" || strings.ContainsAny(sc, " \t\r\n") {
			s.writeOAuthError(w, "invalid_scope", fmt.Sprintf("Invalid scope %q", sc))
			return
		}
	}
	for _, u := range in.RedirectURIs {
		if p, err := url.Parse(u); err != nil || p.Scheme == "" || p.Host == "" {
			s.writeOAuthError(w, "invalid_redirect_uri", fmt.Sprintf("Invalid redirect URI %q", u))
			return
		}
	}
	if slices.Contains(in.GrantTypes, grantAuthCode) && len(in.RedirectURIs) == 0 {
		s.writeOAuthError(w, "invalid_redirect_uri", "redirectUris are required for the authorization_code grant")
		return
	}

	s.mu.Lock()
	now := s.opts.Now()
	s.counters.client++
	c := &client{
		id:           fmt.Sprintf("cid-%06d", s.counters.client),
		secret:       opaque("", 96),
		name:         in.ClientName,
		scopes:       slices.Clone(in.Scopes),
		grantTypes:   slices.Clone(in.GrantTypes),
		redirectURIs: slices.Clone(in.RedirectURIs),
		issuerURL:    in.IssuerURL,
		expiresAt:    now.Add(s.opts.RegistrationTTL),
	}
	s.clients[c.id] = c
	s.mu.Unlock()

	s.writeJSON(w, http.StatusOK, struct {
		ClientID              string `json:"clientId"`
		ClientSecret          string `json:"clientSecret"`
		ClientIDIssuedAt      int64  `json:"clientIdIssuedAt"`
		ClientSecretExpiresAt int64  `json:"clientSecretExpiresAt"`
	}{c.id, c.secret, now.Unix(), c.expiresAt.Unix()})
}

// startDeviceAuthorization serves POST /device_authorization
// (StartDeviceAuthorization).
func (s *Server) startDeviceAuthorization(w http.ResponseWriter, _ *http.Request, raw []byte) {
	var in struct {
		ClientID     string `json:"clientId"`
		ClientSecret string `json:"clientSecret"`
		StartURL     string `json:"startUrl"`
	}
	if err := decodeJSON(raw, &in); err != nil {
		s.writeOAuthError(w, "invalid_request", "Request body is not valid JSON for StartDeviceAuthorization")
		return
	}
	if in.ClientID == "" || in.ClientSecret == "" || in.StartURL == "" {
		s.writeOAuthError(w, "invalid_request", "clientId, clientSecret and startUrl are required")
		return
	}

	s.mu.Lock()
	now := s.opts.Now()
	c, code, desc := s.authenticateLocked(in.ClientID, in.ClientSecret, now)
	if code == "" && !c.allows(grantDeviceCode) {
		code, desc = "unauthorized_client", "Client is not registered for the device_code grant"
	}
	if code != "" {
		s.mu.Unlock()
		s.writeOAuthError(w, code, desc)
		return
	}
	s.counters.device++
	interval := time.Duration(s.opts.Interval) * time.Second
	if s.opts.OmitInterval || interval <= 0 {
		interval = 5 * time.Second // RFC 8628 §3.2: "If no value is provided, clients MUST use 5 as the default."
	}
	d := &device{
		code:       opaque("", 48),
		userCode:   userCode(s.counters.device),
		clientID:   c.id,
		clientName: c.name,
		startURL:   in.StartURL,
		expiresAt:  now.Add(s.opts.DeviceCodeTTL),
		interval:   interval,
	}
	s.devices[d.code] = d
	s.userCodes[d.userCode] = d
	s.deviceOrder = append(s.deviceOrder, d)
	s.lastUserCode = d.userCode
	s.mu.Unlock()

	out := struct {
		DeviceCode              string `json:"deviceCode"`
		UserCode                string `json:"userCode"`
		VerificationURI         string `json:"verificationUri"`
		VerificationURIComplete string `json:"verificationUriComplete"`
		ExpiresIn               int32  `json:"expiresIn"`
		Interval                *int32 `json:"interval,omitempty"`
	}{
		DeviceCode:              d.code,
		UserCode:                d.userCode,
		VerificationURI:         s.URL + "/device",
		VerificationURIComplete: s.URL + "/device?user_code=" + url.QueryEscape(d.userCode),
		ExpiresIn:               int32(s.opts.DeviceCodeTTL / time.Second),
	}
	if !s.opts.OmitInterval {
		iv := s.opts.Interval
		out.Interval = &iv
	}
	s.writeJSON(w, http.StatusOK, out)
}

// tokenInput is the CreateToken request.
type tokenInput struct {
	ClientID     string   `json:"clientId"`
	ClientSecret string   `json:"clientSecret"`
	GrantType    string   `json:"grantType"`
	DeviceCode   string   `json:"deviceCode"`
	Code         string   `json:"code"`
	RefreshToken string   `json:"refreshToken"`
	Scope        []string `json:"scope"` // documented as having no effect
	RedirectURI  string   `json:"redirectUri"`
	CodeVerifier string   `json:"codeVerifier"`
}

// tokenOutput is the CreateToken reply.
type tokenOutput struct {
	AccessToken  string `json:"accessToken"`
	TokenType    string `json:"tokenType"`
	ExpiresIn    int32  `json:"expiresIn"`
	RefreshToken string `json:"refreshToken,omitempty"`
}

// createToken serves POST /token (CreateToken) for the device-code,
// refresh-token and authorization-code grants.
func (s *Server) createToken(w http.ResponseWriter, _ *http.Request, raw []byte) {
	var in tokenInput
	if err := decodeJSON(raw, &in); err != nil {
		s.writeOAuthError(w, "invalid_request", "Request body is not valid JSON for CreateToken")
		return
	}
	if in.GrantType == grantDeviceCode {
		if code, ok := s.popTokenError(); ok {
			s.writeOAuthError(w, code, "")
			return
		}
	}
	if in.ClientID == "" || in.ClientSecret == "" || in.GrantType == "" {
		s.writeOAuthError(w, "invalid_request", "clientId, clientSecret and grantType are required")
		return
	}

	s.mu.Lock()
	now := s.opts.Now()
	c, code, desc := s.authenticateLocked(in.ClientID, in.ClientSecret, now)
	var out tokenOutput
	if code == "" {
		switch in.GrantType {
		case grantDeviceCode:
			out, code, desc = s.deviceGrantLocked(c, in, now)
		case grantRefreshToken:
			out, code, desc = s.refreshGrantLocked(c, in, now)
		case grantAuthCode:
			out, code, desc = s.authCodeGrantLocked(c, in, now)
		default:
			code, desc = "unsupported_grant_type", fmt.Sprintf("Unsupported grant type %q", in.GrantType)
		}
	}
	s.mu.Unlock()

	if code != "" {
		s.writeOAuthError(w, code, desc)
		return
	}
	s.writeJSON(w, http.StatusOK, out)
}

// createTokenWithIAM answers POST /token?aws_iam=t, which needs SigV4 and an
// IAM Identity Center application; ssotray never uses it.
func (s *Server) createTokenWithIAM(w http.ResponseWriter, _ *http.Request, _ []byte) {
	s.writeOAuthError(w, "invalid_request", "CreateTokenWithIAM is not supported by idctest")
}

func (s *Server) popTokenError() (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.tokenErrs) == 0 {
		return "", false
	}
	code := s.tokenErrs[0]
	s.tokenErrs = s.tokenErrs[1:]
	return code, true
}

// authenticateLocked checks a client ID and secret. It returns an OAuth error
// code and description, or "" when the client may proceed.
func (s *Server) authenticateLocked(id, secret string, now time.Time) (c *client, code, desc string) {
	c = s.clients[id]
	switch {
	case c == nil:
		return nil, "invalid_client", "Invalid client: unknown clientId"
	case subtle.ConstantTimeCompare([]byte(c.secret), []byte(secret)) != 1:
		return nil, "invalid_client", "Invalid client: wrong clientSecret"
	case !now.Before(c.expiresAt):
		return nil, "invalid_client", "Invalid client: the client registration has expired"
	}
	return c, "", ""
}

// deviceGrantLocked answers a device-code poll (RFC 8628 §3.4 and §3.5).
func (s *Server) deviceGrantLocked(c *client, in tokenInput, now time.Time) (tokenOutput, string, string) {
	d := s.devices[in.DeviceCode]
	switch {
	case in.DeviceCode == "":
		return tokenOutput{}, "invalid_request", "deviceCode is required for the device_code grant"
	case d == nil || d.clientID != c.id:
		return tokenOutput{}, "invalid_grant", "Invalid device code provided"
	case d.state == deviceIssued:
		return tokenOutput{}, "invalid_grant", "Device code has already been used"
	case d.isExpired(now):
		return tokenOutput{}, "expired_token", ""
	case d.state == deviceDenied:
		return tokenOutput{}, "access_denied", ""
	}
	if s.opts.EnforceInterval {
		early := !d.lastPoll.IsZero() && now.Sub(d.lastPoll) < d.interval
		d.lastPoll = now
		if early {
			d.interval += 5 * time.Second // RFC 8628 §3.5: "the interval MUST be increased by 5 seconds for this and all subsequent requests"
			return tokenOutput{}, "slow_down", ""
		}
	}
	if d.state == devicePending {
		if s.opts.AutoApprove < 0 || d.pendingPolls < s.opts.AutoApprove {
			d.pendingPolls++
			return tokenOutput{}, "authorization_pending", ""
		}
		d.state = deviceApproved
	}
	d.state = deviceIssued
	return s.issueLocked(c, now), "", ""
}

// refreshGrantLocked answers a refresh (RFC 6749 §6), rotating the refresh
// token when Options.RotateRefreshTokens is set.
func (s *Server) refreshGrantLocked(c *client, in tokenInput, now time.Time) (tokenOutput, string, string) {
	if in.RefreshToken == "" {
		return tokenOutput{}, "invalid_request", "refreshToken is required for the refresh_token grant"
	}
	if !c.allows(grantRefreshToken) {
		return tokenOutput{}, "unauthorized_client", "Client is not registered for the refresh_token grant"
	}
	rt := s.refresh[in.RefreshToken]
	switch {
	case rt == nil:
		return tokenOutput{}, "invalid_grant", "Invalid refresh token provided"
	case rt.revoked:
		return tokenOutput{}, "invalid_grant", "Refresh token has already been used"
	case rt.sess.loggedOut:
		return tokenOutput{}, "invalid_grant", "Session has ended"
	case rt.sess.clientID != c.id:
		return tokenOutput{}, "invalid_grant", "Refresh token was issued to another client"
	}
	out := tokenOutput{
		AccessToken: s.newAccessTokenLocked(rt.sess, now),
		TokenType:   "Bearer",
		ExpiresIn:   int32(s.opts.AccessTokenTTL / time.Second),
	}
	out.RefreshToken = in.RefreshToken
	if s.opts.RotateRefreshTokens {
		rt.revoked = true
		out.RefreshToken = s.newRefreshTokenLocked(rt.sess)
	}
	return out, "", ""
}

// authCodeGrantLocked redeems a PKCE authorization code (RFC 7636 §4.6).
func (s *Server) authCodeGrantLocked(c *client, in tokenInput, now time.Time) (tokenOutput, string, string) {
	if in.Code == "" || in.RedirectURI == "" || in.CodeVerifier == "" {
		return tokenOutput{}, "invalid_request", "code, redirectUri and codeVerifier are required for the authorization_code grant"
	}
	if !c.allows(grantAuthCode) {
		return tokenOutput{}, "unauthorized_client", "Client is not registered for the authorization_code grant"
	}
	ac := s.authCodes[in.Code]
	sum := sha256.Sum256([]byte(in.CodeVerifier))
	switch {
	case ac == nil || ac.clientID != c.id:
		return tokenOutput{}, "invalid_grant", "Invalid authorization code provided"
	case ac.used:
		return tokenOutput{}, "invalid_grant", "Authorization code has already been used"
	case !now.Before(ac.expiresAt):
		return tokenOutput{}, "expired_token", "Authorization code has expired"
	case ac.redirectURI != in.RedirectURI:
		return tokenOutput{}, "invalid_grant", "redirectUri does not match the authorization request"
	case base64.RawURLEncoding.EncodeToString(sum[:]) != ac.challenge:
		return tokenOutput{}, "invalid_grant", "codeVerifier does not match the code challenge"
	}
	ac.used = true
	return s.issueLocked(c, now), "", ""
}

// issueLocked starts a session for c and returns its first tokens. Like the
// real service, it gives a refresh token only to registrations with scopes.
func (s *Server) issueLocked(c *client, now time.Time) tokenOutput {
	s.counters.session++
	sess := &session{clientID: c.id}
	out := tokenOutput{
		AccessToken: s.newAccessTokenLocked(sess, now),
		TokenType:   "Bearer",
		ExpiresIn:   int32(s.opts.AccessTokenTTL / time.Second),
	}
	if len(c.scopes) > 0 {
		out.RefreshToken = s.newRefreshTokenLocked(sess)
	}
	return out
}

func (s *Server) newAccessTokenLocked(sess *session, now time.Time) string {
	tok := opaque("aoa", 96)
	s.access[tok] = &accessToken{sess: sess, expiresAt: now.Add(s.opts.AccessTokenTTL)}
	return tok
}

func (s *Server) newRefreshTokenLocked(sess *session) string {
	tok := opaque("aor", 96)
	s.refresh[tok] = &refreshToken{sess: sess}
	return tok
}
