package idctest

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	// sessionInvalid is the real UnauthorizedException message.
	sessionInvalid = "Session token not found or invalid"
	// defaultPageSize is used when max_result is absent. The real default is
	// not documented.
	defaultPageSize = 20
	maxPageSize     = 100
)

// getRoleCredentials serves GET /federation/credentials (GetRoleCredentials).
func (s *Server) getRoleCredentials(w http.ResponseWriter, r *http.Request, _ []byte) {
	q := r.URL.Query()
	roleName, accountID := q.Get("role_name"), q.Get("account_id")
	if roleName == "" || accountID == "" {
		s.writeError(w, portal, http.StatusBadRequest, "InvalidRequestException", "", "role_name and account_id are required")
		return
	}
	now, ok := s.checkBearer(w, r)
	if !ok {
		return
	}
	// The real service answers an unassigned account or role with an
	// unmodelled 403 ForbiddenException "No access" (seen in CLI output such as
	// "An error occurred (ForbiddenException) when calling the
	// GetRoleCredentials operation: No access").
	if a := s.account(accountID); a == nil || !slices.Contains(a.Roles, roleName) {
		s.writeError(w, portal, http.StatusForbidden, "ForbiddenException", "", "No access")
		return
	}
	type roleCredentials struct {
		AccessKeyID     string `json:"accessKeyId"`
		SecretAccessKey string `json:"secretAccessKey"`
		SessionToken    string `json:"sessionToken"`
		Expiration      int64  `json:"expiration"` // epoch milliseconds
	}
	rc := roleCredentials{
		AccessKeyID:     accessKeyID(),
		SecretAccessKey: opaque("", 30),
		SessionToken:    opaque("IQoJb3JpZ2luX2Vj", 240),
		Expiration:      now.Add(s.opts.RoleCredentialsTTL).UnixMilli(),
	}
	// Remembered for the federation endpoint (federation.go).
	s.rememberRoleCredentials(rc.AccessKeyID, issuedRole{accountID, roleName, rc.SecretAccessKey, rc.SessionToken, time.UnixMilli(rc.Expiration)})
	s.writeJSON(w, http.StatusOK, struct {
		RoleCredentials roleCredentials `json:"roleCredentials"`
	}{rc})
}

// listAccounts serves GET /assignment/accounts (ListAccounts).
func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request, _ []byte) {
	start, size, ok := s.pageParams(w, r.URL.Query(), "accounts")
	if !ok {
		return
	}
	if _, ok := s.checkBearer(w, r); !ok {
		return
	}
	type accountInfo struct {
		AccountID    string `json:"accountId"`
		AccountName  string `json:"accountName,omitempty"`
		EmailAddress string `json:"emailAddress,omitempty"`
	}
	accounts := s.opts.Accounts
	list := []accountInfo{}
	for _, a := range accounts[min(start, len(accounts)):min(start+size, len(accounts))] {
		list = append(list, accountInfo{a.ID, a.Name, a.Email})
	}
	s.writeJSON(w, http.StatusOK, struct {
		AccountList []accountInfo `json:"accountList"`
		NextToken   string        `json:"nextToken,omitempty"`
	}{list, nextToken("accounts", start+size, len(accounts))})
}

// listAccountRoles serves GET /assignment/roles (ListAccountRoles).
func (s *Server) listAccountRoles(w http.ResponseWriter, r *http.Request, _ []byte) {
	q := r.URL.Query()
	accountID := q.Get("account_id")
	if accountID == "" {
		s.writeError(w, portal, http.StatusBadRequest, "InvalidRequestException", "", "account_id is required")
		return
	}
	scope := "roles/" + accountID
	start, size, ok := s.pageParams(w, q, scope)
	if !ok {
		return
	}
	if _, ok := s.checkBearer(w, r); !ok {
		return
	}
	a := s.account(accountID)
	if a == nil {
		// Not verified against the real service; ForbiddenException matches
		// what GetRoleCredentials says for an unassigned account.
		s.writeError(w, portal, http.StatusForbidden, "ForbiddenException", "", "No access")
		return
	}
	type roleInfo struct {
		RoleName  string `json:"roleName"`
		AccountID string `json:"accountId"`
	}
	list := []roleInfo{}
	for _, role := range a.Roles[min(start, len(a.Roles)):min(start+size, len(a.Roles))] {
		list = append(list, roleInfo{role, a.ID})
	}
	s.writeJSON(w, http.StatusOK, struct {
		RoleList  []roleInfo `json:"roleList"`
		NextToken string     `json:"nextToken,omitempty"`
	}{list, nextToken(scope, start+size, len(a.Roles))})
}

// logout serves POST /logout (Logout): it ends the token's session, so the
// session's access and refresh tokens stop working.
func (s *Server) logout(w http.ResponseWriter, r *http.Request, _ []byte) {
	token := r.Header.Get(bearerHeader)
	s.mu.Lock()
	at, ok := s.validTokenLocked(token, s.opts.Now())
	if ok {
		at.sess.loggedOut = true
	}
	s.mu.Unlock()
	if !ok {
		s.writeError(w, portal, http.StatusUnauthorized, "UnauthorizedException", "", sessionInvalid)
		return
	}
	w.Header()[requestIDHeader] = []string{s.requestID()}
	w.WriteHeader(http.StatusOK)
}

// checkBearer checks the x-amz-sso_bearer_token header and answers
// UnauthorizedException when the token is missing, unknown, expired or logged
// out.
func (s *Server) checkBearer(w http.ResponseWriter, r *http.Request) (time.Time, bool) {
	s.mu.Lock()
	now := s.opts.Now()
	_, ok := s.validTokenLocked(r.Header.Get(bearerHeader), now)
	s.mu.Unlock()
	if !ok {
		s.writeError(w, portal, http.StatusUnauthorized, "UnauthorizedException", "", sessionInvalid)
	}
	return now, ok
}

func (s *Server) validTokenLocked(token string, now time.Time) (*accessToken, bool) {
	at := s.access[token]
	if token == "" || at == nil || at.sess.loggedOut || !now.Before(at.expiresAt) {
		return nil, false
	}
	return at, true
}

// account returns the configured account with id, or nil. Options are
// immutable after construction, so no lock is needed.
func (s *Server) account(id string) *Account {
	for i := range s.opts.Accounts {
		if s.opts.Accounts[i].ID == id {
			return &s.opts.Accounts[i]
		}
	}
	return nil
}

// pageParams reads max_result and next_token. Next tokens are opaque to clients and
// bound to the listing they came from (scope).
func (s *Server) pageParams(w http.ResponseWriter, q url.Values, scope string) (start, size int, ok bool) {
	size = defaultPageSize
	if v := q.Get("max_result"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPageSize {
			s.writeError(w, portal, http.StatusBadRequest, "InvalidRequestException", "", fmt.Sprintf("max_result must be between 1 and %d", maxPageSize))
			return 0, 0, false
		}
		size = n
	}
	if v := q.Get("next_token"); v != "" {
		b, err := base64.RawURLEncoding.DecodeString(v)
		sc, off, found := strings.Cut(string(b), "|")
		n, convErr := strconv.Atoi(off)
		if err != nil || !found || sc != scope || convErr != nil || n < 0 {
			s.writeError(w, portal, http.StatusBadRequest, "InvalidRequestException", "", "Invalid next_token")
			return 0, 0, false
		}
		start = n
	}
	return start, size, true
}

func nextToken(scope string, next, total int) string {
	if next >= total {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte(scope + "|" + strconv.Itoa(next)))
}

// accessKeyID returns a temporary-credential key ID: "ASIA" and 16 characters
// of [A-Z2-7], 20 in all, like the real ones.
func accessKeyID() string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	b := []byte(opaque("", 16))
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return "ASIA" + string(b[:16])
}
