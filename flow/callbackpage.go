package flow

import (
	"html/template"
	"net/http"

	"github.com/ssotray/ssotray/internal/htmlpage"
)

// callbackPage is what the browser's tab shows when it comes back to
// ssotray: never a token, a code or the state, only how the sign-in ended.
type callbackPage struct {
	Title string
	Text  string
	Bad   bool
}

// writeCallbackPage sends page (htmlpage: no cache, no frames, no Referer;
// the tab's URL holds the authorization code).
func writeCallbackPage(w http.ResponseWriter, status int, page callbackPage) {
	htmlpage.Write(w, status, callbackTemplate, page)
}

// callbackTemplate is self-contained (inline CSS, no scripts, fonts or
// images): it loads nothing from anywhere.
var callbackTemplate = template.Must(template.New("callback").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}} — ssotray</title>
<style>
:root{color-scheme:light dark;--fg:#16191f;--bg:#f2f3f3;--card:#fff;--muted:#5f6b7a;--ok:#037f0c;--bad:#d91515}
@media (prefers-color-scheme:dark){:root{--fg:#e9ebed;--bg:#0f1b2a;--card:#192534;--muted:#9ba7b6;--ok:#29ad32;--bad:#ff5d64}}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg)}
main{max-width:30rem;margin:4rem auto;padding:2rem;background:var(--card);border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin:0 0 .75rem;color:var(--ok)}
h1.bad{color:var(--bad)}
p{margin:0}
footer{color:var(--muted);font-size:.8rem;margin-top:1.5rem}
</style>
</head>
<body>
<main>
<h1{{if .Bad}} class="bad"{{end}}>{{.Title}}</h1>
<p>{{.Text}}</p>
<footer>ssotray · AWS IAM Identity Center sign-in</footer>
</main>
</body>
</html>
`))
