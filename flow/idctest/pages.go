package idctest

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/ssotray/ssotray/internal/htmlpage"
)

// Messages shown on the result pages.
const (
	msgApproved = "Request approved — you can return to ssotray."
	msgDenied   = "Request denied — you can return to ssotray."
)

// pageData fills pageTemplate. html/template escapes every field.
type pageData struct {
	Title       string
	Heading     string
	Message     string
	Tone        string // "ok" or "bad"
	Confirm     bool   // show the code with Approve and Deny
	AskCode     bool   // show the code input
	Code        string
	ClientName  string
	StartURL    string
	Expires     string
	Action      string // form action for Approve/Deny
	HiddenName  string
	HiddenValue string
	Host        string
}

const devicePageTitle = "Local Identity Center — authorize device"

// devicePage serves the device verification page, GET and POST /device (and
// GET /): enter a code, check it, approve or deny it.
func (s *Server) devicePage(w http.ResponseWriter, r *http.Request, raw []byte) {
	data := pageData{Title: devicePageTitle, Heading: "Authorize device", Host: r.Host}
	var form url.Values
	if r.Method == http.MethodPost {
		form, _ = url.ParseQuery(string(raw))
	} else {
		form = r.URL.Query()
	}
	input := form.Get("user_code")
	if input == "" {
		data.AskCode = true
		s.render(w, http.StatusOK, data)
		return
	}

	s.mu.Lock()
	now := s.opts.Now()
	code := normalizeUserCode(input)
	d := s.userCodes[code]
	status := http.StatusOK
	switch {
	case d == nil:
		status, data.AskCode, data.Code = http.StatusNotFound, true, input
		data.Message, data.Tone = fmt.Sprintf("Unknown code %q. Check the code shown by the application and try again.", input), "bad"
	case r.Method == http.MethodPost:
		status = s.decidePageLocked(d, form.Get("action"), now, &data)
	default:
		status = s.describeLocked(d, now, &data)
	}
	s.mu.Unlock()
	s.render(w, status, data)
}

// decidePageLocked applies the Approve or Deny button.
func (s *Server) decidePageLocked(d *device, action string, now time.Time, data *pageData) int {
	if d.state != devicePending || d.isExpired(now) {
		return s.describeLocked(d, now, data)
	}
	switch action {
	case "approve":
		d.state = deviceApproved
		data.Message, data.Tone = msgApproved, "ok"
	case "deny":
		d.state = deviceDenied
		data.Message, data.Tone = msgDenied, "bad"
	default:
		data.Message, data.Tone = "Choose Approve or Deny.", "bad"
		s.describeLocked(d, now, data)
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// describeLocked shows a known code: its details and buttons while pending,
// otherwise what became of it.
func (s *Server) describeLocked(d *device, now time.Time, data *pageData) int {
	switch {
	case d.state == deviceIssued || d.state == deviceApproved:
		data.Message, data.Tone = msgApproved, "ok"
	case d.state == deviceDenied:
		data.Message, data.Tone = msgDenied, "bad"
	case d.isExpired(now):
		data.Message, data.Tone = fmt.Sprintf("Code %s has expired. Start the sign-in again in the application.", d.userCode), "bad"
		return http.StatusGone
	default:
		data.Confirm = true
		data.Code = d.userCode
		data.ClientName = d.clientName
		data.StartURL = d.startURL
		data.Expires = "in " + minutesSeconds(d.expiresAt.Sub(now))
		data.Action = "/device"
		data.HiddenName, data.HiddenValue = "user_code", d.userCode
	}
	return http.StatusOK
}

// authorizePage serves GET and POST /authorize, the PKCE authorization
// endpoint (spec §2): it checks the request, then redirects to the client's
// loopback redirect_uri with code and state, at once when
// Options.AutoApprove >= 0, otherwise after the Approve button.
func (s *Server) authorizePage(w http.ResponseWriter, r *http.Request, raw []byte) {
	data := pageData{Title: "Local Identity Center — authorize application", Heading: "Authorize application", Host: r.Host}
	if r.Method == http.MethodPost {
		form, _ := url.ParseQuery(string(raw))
		s.decideAuthorize(w, r, form.Get("request"), form.Get("action"), data)
		return
	}

	q := r.URL.Query()
	s.mu.Lock()
	c := s.clients[q.Get("client_id")]
	if c == nil || !c.matchRedirect(q.Get("redirect_uri")) {
		s.mu.Unlock()
		// RFC 6749 §4.1.2.1: never redirect to an unverified redirect URI.
		data.Message, data.Tone = "Unknown client_id or unregistered redirect_uri.", "bad"
		s.render(w, http.StatusBadRequest, data)
		return
	}
	req := &authRequest{
		clientID:    c.id,
		clientName:  c.name,
		redirectURI: q.Get("redirect_uri"),
		state:       q.Get("state"),
		challenge:   q.Get("code_challenge"),
	}
	errCode := ""
	switch {
	case q.Get("response_type") != "code":
		errCode = "unsupported_response_type"
	case req.challenge == "" || q.Get("code_challenge_method") != "S256":
		errCode = "invalid_request"
	case !c.allows(grantAuthCode):
		errCode = "unauthorized_client"
	}
	switch {
	case errCode == "" && s.opts.Authorize == AuthorizeDeny:
		errCode = "access_denied"
	case errCode == "" && s.opts.Authorize == AuthorizeWrongState:
		req.state = "not-" + req.state
	case errCode == "" && s.opts.Authorize == AuthorizeNever:
		s.mu.Unlock()
		data.Message, data.Tone = "This page will not send you back to the application (scripted: never).", "bad"
		s.render(w, http.StatusOK, data)
		return
	}
	if errCode != "" || s.opts.AutoApprove >= 0 || s.opts.Authorize != AuthorizeAsk {
		target := s.finishAuthorizeLocked(req, errCode)
		s.mu.Unlock()
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	s.counters.authorize++
	req.id = fmt.Sprintf("ar-%06d", s.counters.authorize)
	s.authRequests[req.id] = req
	s.mu.Unlock()

	data.Confirm = true
	data.ClientName = c.name
	data.StartURL = c.issuerURL
	data.Action = "/authorize"
	data.HiddenName, data.HiddenValue = "request", req.id
	s.render(w, http.StatusOK, data)
}

func (s *Server) decideAuthorize(w http.ResponseWriter, r *http.Request, id, action string, data pageData) {
	s.mu.Lock()
	req := s.authRequests[id]
	if req == nil || req.done || (action != "approve" && action != "deny") {
		s.mu.Unlock()
		data.Message, data.Tone = "Unknown or finished authorization request.", "bad"
		s.render(w, http.StatusNotFound, data)
		return
	}
	errCode := ""
	if action == "deny" {
		errCode = "access_denied"
	}
	target := s.finishAuthorizeLocked(req, errCode)
	s.mu.Unlock()
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// finishAuthorizeLocked issues a code (errCode "") or an error and returns the
// redirect target (RFC 6749 §4.1.2).
func (s *Server) finishAuthorizeLocked(req *authRequest, errCode string) string {
	req.done = true
	v := url.Values{}
	if errCode != "" {
		v.Set("error", errCode)
	} else {
		code := opaque("", 32)
		s.authCodes[code] = &authCode{
			clientID:    req.clientID,
			redirectURI: req.redirectURI,
			challenge:   req.challenge,
			expiresAt:   s.opts.Now().Add(authCodeTTL),
		}
		v.Set("code", code)
	}
	if req.state != "" {
		v.Set("state", req.state)
	}
	u, _ := url.Parse(req.redirectURI) // checked by matchRedirect
	q := u.Query()
	for k, vs := range v {
		q[k] = vs
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func (s *Server) render(w http.ResponseWriter, status int, data pageData) {
	htmlpage.Write(w, status, pageTemplate, data)
}

// pageTemplate is self-contained (inline CSS, no scripts, fonts or images),
// so it works offline and leaks nothing to the network.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}}</title>
<style>
:root{color-scheme:light dark;--fg:#16191f;--bg:#f2f3f3;--card:#fff;--muted:#5f6b7a;--accent:#0972d3;--ok:#037f0c;--bad:#d91515;--warn-bg:#fff3cd;--warn-fg:#6b4e00}
@media (prefers-color-scheme:dark){:root{--fg:#e9ebed;--bg:#0f1b2a;--card:#192534;--muted:#9ba7b6;--accent:#539fe5;--ok:#29ad32;--bad:#ff5d64;--warn-bg:#3b2f0b;--warn-fg:#f2cd54}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
.banner{background:var(--warn-bg);color:var(--warn-fg);padding:.6rem 1rem;text-align:center;font-size:.9rem;font-weight:600}
main{max-width:30rem;margin:2.5rem auto;padding:2rem;background:var(--card);border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.35rem;margin:0 0 1rem}
.code{font:600 2rem/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.15em;text-align:center;padding:1rem;border:2px dashed var(--muted);border-radius:8px;margin:1rem 0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;font-size:.9rem;margin:0}
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
label{display:block;margin-bottom:.5rem}
input[type=text]{width:100%;font:600 1.4rem ui-monospace,monospace;letter-spacing:.1em;text-transform:uppercase;padding:.6rem;border:1px solid var(--muted);border-radius:8px;background:transparent;color:inherit}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}
button{flex:1;font:inherit;font-weight:600;padding:.7rem 1rem;border-radius:8px;border:2px solid var(--accent);cursor:pointer;background:transparent;color:var(--accent)}
button.primary{background:var(--accent);color:#fff}
.msg{padding:.8rem 1rem;border-radius:8px;font-weight:600;border:2px solid}
.msg.ok{color:var(--ok)}.msg.bad{color:var(--bad)}
footer{color:var(--muted);font-size:.8rem;margin-top:1.5rem}
</style>
</head>
<body>
<div class="banner" role="note">Local test server (idctest), not AWS. Approving here signs in to nothing real.</div>
<main>
<h1>{{.Heading}}</h1>
{{with .Message}}<p class="msg {{$.Tone}}" role="status">{{.}}</p>{{end}}
{{- if .Confirm}}
<p>Check that the request comes from the application you are using{{if .Code}} and that this code matches the one it shows{{end}}.</p>
{{with .Code}}<div class="code" aria-label="User code">{{.}}</div>{{end}}
<dl>
{{with .ClientName}}<dt>Application</dt><dd>{{.}}</dd>{{end}}
{{with .StartURL}}<dt>Start URL</dt><dd>{{.}}</dd>{{end}}
{{with .Expires}}<dt>Expires</dt><dd>{{.}}</dd>{{end}}
</dl>
<form method="post" action="{{.Action}}">
<input type="hidden" name="{{.HiddenName}}" value="{{.HiddenValue}}">
<div class="actions">
<button class="primary" type="submit" name="action" value="approve">Approve</button>
<button type="submit" name="action" value="deny">Deny</button>
</div>
</form>
{{- end}}
{{- if .AskCode}}
<form method="get" action="/device">
<label for="user_code">Enter the code shown by the application</label>
<input type="text" id="user_code" name="user_code" value="{{.Code}}" placeholder="ABCD-EFGH" maxlength="20" autocomplete="off" autocapitalize="characters" spellcheck="false" autofocus>
<div class="actions"><button class="primary" type="submit">Next</button></div>
</form>
{{- end}}
<footer>Local Identity Center at {{.Host}} · ssotray idctest</footer>
</main>
</body>
</html>
`))

// minutesSeconds says a time left as the app does: "9 m 0 s", "45 s".
func minutesSeconds(d time.Duration) string {
	d = d.Round(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Seconds()))
	}
	return fmt.Sprintf("%d m %d s", int(d.Minutes()), int(d.Seconds())%60)
}
