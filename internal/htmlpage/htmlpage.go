// Package htmlpage writes the self-contained HTML pages that a browser is
// shown: the browser sign-in's landing page (flow) and the local Identity
// Center's pages (flow/idctest). One place sets the headers that keep them
// out of caches, out of frames, free of scripts, and from sending a Referer
// (their URLs can hold an authorization code or a sign-in token).
package htmlpage

import (
	"bytes"
	"html/template"
	"net/http"
)

// Write renders tmpl with data and sends it with status. A template that
// fails to render sends a plain 500 instead.
func Write(w http.ResponseWriter, status int, tmpl *template.Template, data any) {
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data); err != nil {
		http.Error(w, "could not render the page", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}
