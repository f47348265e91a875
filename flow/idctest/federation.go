package idctest

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/ssotray/ssotray/internal/htmlpage"
)

// OpFederation is the federation endpoint, GET and POST /federation:
// Action=getSigninToken trades role credentials issued by GetRoleCredentials
// for a sign-in token, and Action=login shows the page the console would
// have been.
const OpFederation = "Federation"

// signinTokenTTL is how long a sign-in token (and so a login URL) works: the
// IAM User Guide says the login URL is valid for 15 minutes.
const signinTokenTTL = 15 * time.Minute

// Limits of SessionDuration (IAM User Guide, "Enable custom identity broker
// access to the AWS console").
const (
	minSessionDuration = 900
	maxSessionDuration = 43200
)

// ConsolePageTitle is the title of the page Action=login shows.
const ConsolePageTitle = "AWS console (local Identity Center)"

// federationState is what the federation endpoint remembers: the role
// credentials GetRoleCredentials issued, by access key ID, and the sign-in
// tokens getSigninToken issued. It is guarded by Server.mu.
type federationState struct {
	creds  map[string]issuedRole
	tokens map[string]signinToken
}

// issuedRole is one set of role credentials from GetRoleCredentials.
type issuedRole struct {
	accountID, role      string
	secret, sessionToken string
	expiresAt            time.Time
}

// signinToken is one token from getSigninToken.
type signinToken struct {
	accountID, role string
	credsExpireAt   time.Time
	expiresAt       time.Time
	sessionDuration int // seconds; 0 when none was asked for
}

// rememberRoleCredentials records credentials issued by GetRoleCredentials,
// so that getSigninToken can check them.
func (s *Server) rememberRoleCredentials(accessKeyID string, r issuedRole) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fed.creds == nil {
		s.fed.creds = make(map[string]issuedRole)
	}
	s.fed.creds[accessKeyID] = r
}

// federation serves GET and POST /federation. getSigninToken takes its
// parameters from the query or, for a POST, the form body (aws-sso-util
// posts them; the IAM User Guide shows GET); login is GET only, as a browser
// opens it.
func (s *Server) federation(w http.ResponseWriter, r *http.Request, raw []byte) {
	params := r.URL.Query()
	if r.Method == http.MethodPost {
		form, err := url.ParseQuery(string(raw))
		if err != nil {
			s.writeFederationError(w, "Request body is not a form")
			return
		}
		for k, v := range form {
			params[k] = v
		}
	}
	switch action := params.Get("Action"); {
	case action == "getSigninToken":
		s.getSigninToken(w, params)
	case action == "login" && r.Method == http.MethodGet:
		s.consoleLogin(w, r, params)
	default:
		s.writeFederationError(w, "Unsupported Action")
	}
}

// getSigninToken checks the Session JSON against the credentials this
// server issued and answers {"SigninToken": …}.
func (s *Server) getSigninToken(w http.ResponseWriter, params url.Values) {
	var session struct {
		ID    string `json:"sessionId"`
		Key   string `json:"sessionKey"`
		Token string `json:"sessionToken"`
	}
	if json.Unmarshal([]byte(params.Get("Session")), &session) != nil || session.ID == "" {
		s.writeFederationError(w, "Session is missing or not JSON with sessionId, sessionKey and sessionToken")
		return
	}
	duration := 0
	if v := params.Get("SessionDuration"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < minSessionDuration || n > maxSessionDuration {
			s.writeFederationError(w, "SessionDuration must be between 900 and 43200 seconds")
			return
		}
		duration = n
	}

	s.mu.Lock()
	now := s.opts.Now()
	c, ok := s.fed.creds[session.ID]
	valid := ok && c.secret == session.Key && c.sessionToken == session.Token && now.Before(c.expiresAt)
	var token string
	if valid {
		token = opaque("", 96)
		if s.fed.tokens == nil {
			s.fed.tokens = make(map[string]signinToken)
		}
		s.fed.tokens[token] = signinToken{
			accountID:       c.accountID,
			role:            c.role,
			credsExpireAt:   c.expiresAt,
			expiresAt:       now.Add(signinTokenTTL),
			sessionDuration: duration,
		}
	}
	s.mu.Unlock()
	if !valid {
		s.writeFederationError(w, "The credentials are not valid or have expired")
		return
	}
	s.writeJSON(w, http.StatusOK, struct {
		SigninToken string `json:"SigninToken"`
	}{token})
}

// writeFederationError answers 400 with a JSON message. The real endpoint's
// error shape is unverified: reports show only the status (and Teleport's
// logs, gravitational/teleport#22471, suggest an HTML page), so clients must
// rely on the status alone.
func (s *Server) writeFederationError(w http.ResponseWriter, msg string) {
	s.writeJSON(w, http.StatusBadRequest, struct {
		Message string `json:"message"`
	}{msg})
}

// consolePage fills consolePageTemplate. html/template escapes every field.
type consolePage struct {
	Title                   string
	OK                      bool
	Message                 string
	AccountID, AccountName  string
	Role                    string
	Destination, Region     string
	Issuer                  string
	SessionEnds, SessionAsk string
	Host                    string
}

// consoleLogin serves Action=login: with a valid SigninToken, a page that
// says which account and role the real console would have opened; otherwise
// a 400 page.
func (s *Server) consoleLogin(w http.ResponseWriter, r *http.Request, params url.Values) {
	page := consolePage{Title: ConsolePageTitle, Host: r.Host}
	s.mu.Lock()
	now := s.opts.Now()
	t, ok := s.fed.tokens[params.Get("SigninToken")]
	s.mu.Unlock()
	destination := params.Get("Destination")
	switch {
	case !ok || !now.Before(t.expiresAt):
		page.Message = "This sign-in link is not valid or has expired (links last 15 minutes). Open the console again from ssotray."
		s.renderConsole(w, http.StatusBadRequest, page)
		return
	case destination == "":
		page.Message = "The sign-in link has no Destination."
		s.renderConsole(w, http.StatusBadRequest, page)
		return
	}
	page.OK = true
	page.AccountID, page.Role = t.accountID, t.role
	if a := s.account(t.accountID); a != nil {
		page.AccountName = a.Name
	}
	page.Destination = destination
	if u, err := url.Parse(destination); err == nil {
		page.Region = u.Query().Get("region")
	}
	page.Issuer = params.Get("Issuer")
	page.SessionEnds = t.credsExpireAt.UTC().Format(time.RFC3339)
	if t.sessionDuration > 0 {
		page.SessionAsk = strconv.Itoa(t.sessionDuration) + " s"
	}
	s.renderConsole(w, http.StatusOK, page)
}

func (s *Server) renderConsole(w http.ResponseWriter, status int, page consolePage) {
	htmlpage.Write(w, status, consolePageTemplate, page)
}

// consolePageTemplate is self-contained like pageTemplate: inline CSS, no
// scripts, fonts, images or links, so it works offline and leaks nothing.
var consolePageTemplate = template.Must(template.New("console").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}}</title>
<style>
:root{color-scheme:light dark;--fg:#16191f;--bg:#f2f3f3;--card:#fff;--muted:#5f6b7a;--ok:#037f0c;--bad:#d91515;--warn-bg:#fff3cd;--warn-fg:#6b4e00}
@media (prefers-color-scheme:dark){:root{--fg:#e9ebed;--bg:#0f1b2a;--card:#192534;--muted:#9ba7b6;--ok:#29ad32;--bad:#ff5d64;--warn-bg:#3b2f0b;--warn-fg:#f2cd54}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
.banner{background:var(--warn-bg);color:var(--warn-fg);padding:.6rem 1rem;text-align:center;font-size:.9rem;font-weight:600}
main{max-width:36rem;margin:2.5rem auto;padding:2rem;background:var(--card);border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.35rem;margin:0 0 1rem}
.who{font-size:1.2rem;font-weight:600;margin:1rem 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;font-size:.9rem;margin:1rem 0 0}
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
.msg{padding:.8rem 1rem;border-radius:8px;font-weight:600;border:2px solid;color:var(--bad)}
footer{color:var(--muted);font-size:.8rem;margin-top:1.5rem}
</style>
</head>
<body>
<div class="banner" role="note">Local test server (idctest), not AWS. This is the ssotray demo: no real console opens.</div>
<main>
<h1>AWS console</h1>
{{- if .OK}}
<p>In the demo, this page stands in for the AWS Management Console. A real sign-in would have opened the console:</p>
<p class="who">in account {{.AccountName}} ({{.AccountID}}) as role {{.Role}}</p>
<dl>
<dt>Account</dt><dd>{{.AccountName}} ({{.AccountID}})</dd>
<dt>Role</dt><dd>{{.Role}}</dd>
<dt>Region</dt><dd>{{with .Region}}{{.}}{{else}}(none in the destination){{end}}</dd>
<dt>Destination</dt><dd>{{.Destination}}</dd>
{{with .Issuer}}<dt>Issuer</dt><dd>{{.}}</dd>{{end}}
<dt>Session ends</dt><dd>{{.SessionEnds}} (when the role credentials expire){{with .SessionAsk}}; {{.}} asked{{end}}</dd>
</dl>
{{- else}}
<p class="msg" role="status">{{.Message}}</p>
{{- end}}
<footer>Local Identity Center at {{.Host}} · ssotray idctest</footer>
</main>
</body>
</html>
`))
