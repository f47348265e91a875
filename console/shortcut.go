package console

import (
	"net/url"
	"strings"
)

// ShortcutURL returns the access portal's shortcut link that opens the
// console in accountID as role, without credentials passing through ssotray
// (accounts-roles.md §1.6):
//
//	<start-url>/#/console?account_id=…&role_name=…&destination=…
//
// role and destination are left out when empty; the portal then asks for the
// role, or opens the console home. A trailing slash or fragment on startURL
// is dropped. The link holds no secret: the portal signs the person in.
func ShortcutURL(startURL, accountID, role, destination string) string {
	base, _, _ := strings.Cut(startURL, "#")
	var b strings.Builder
	b.WriteString(strings.TrimRight(base, "/"))
	b.WriteString("/#/console?account_id=")
	b.WriteString(escape(accountID))
	if role != "" {
		b.WriteString("&role_name=" + escape(role))
	}
	if destination != "" {
		b.WriteString("&destination=" + escape(destination))
	}
	return b.String()
}

// escape percent-encodes s for the hash route's query, with spaces as %20
// rather than "+", so that the portal's page decodes it the same whether it
// uses URLSearchParams or decodeURIComponent.
func escape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
