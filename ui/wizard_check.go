package ui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ssotray/ssotray/storage"
	"github.com/ssotray/ssotray/vanity"
)

// genericName is the name suggested for a portal whose host says nothing
// about the organisation (d-xxxxxxxxxx, ssoins-…).
const genericName = "work"

// wizardCheck is the outcome of checking the wizard's three fields.
type wizardCheck struct {
	startURL      storage.StartURL
	urlErr        error
	region        string
	regionFromURL bool // the address carries the Region, which wins
	regionErr     error
	name          string
	nameErr       error
	// portal is where a start URL on a company's own domain leads, once
	// followed; empty for an AWS access portal address.
	portal vanity.Portal
}

func (c wizardCheck) ok() bool { return c.urlErr == nil && c.regionErr == nil && c.nameErr == nil }

// checkWizard checks what the person typed. The Region comes from the
// address when it carries one (ssoins-….eu-west-1.portal.amazonaws.com, or
// the portal a company's address leads to), else from the Region field.
// inUse reports names the config already has; portalOf where a company's
// address was found to lead (errFollowing until it has been followed).
func checkWizard(rawURL, region, name string, inUse func(string) bool, portalOf func(string) (vanity.Portal, error, bool)) wizardCheck {
	var c wizardCheck
	c.startURL, c.urlErr = storage.ValidateStartURL(rawURL)
	if errors.Is(c.urlErr, storage.ErrNotAWSHost) {
		switch p, err, done := portalOf(c.startURL.URL); {
		case !done:
			c.urlErr = errFollowing
		case err != nil:
			c.urlErr = err
		default:
			c.urlErr, c.portal, c.startURL.Region = nil, p, p.Region
		}
	}
	if c.urlErr == nil && c.startURL.Region != "" {
		c.region, c.regionFromURL = c.startURL.Region, true
	} else {
		c.region = strings.TrimSpace(region)
		c.regionErr = storage.ValidateRegion(c.region)
	}
	c.name = strings.TrimSpace(name)
	c.nameErr = storage.ValidateSessionName(c.name)
	if c.nameErr == nil && inUse(c.name) {
		c.nameErr = fmt.Errorf("a sign-in or profile named %q is already in your AWS config; choose another name", c.name)
	}
	return c
}

// suggestName proposes a sign-in name from a checked start URL: the
// organisation's part of the host (acme for acme.awsapps.com), or "work"
// when the host is only an ID (d-xxxxxxxxxx, ssoins-…). A name in use gets
// -2, -3, … appended.
func suggestName(su storage.StartURL, inUse func(string) bool) string {
	label, _, _ := strings.Cut(su.Host, ".")
	base := genericName
	if !strings.HasPrefix(label, "d-") && !strings.HasPrefix(label, "ssoins-") &&
		label != "start" && label != "identitycenter" {
		var b strings.Builder
		for _, c := range strings.ToLower(label) {
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' {
				b.WriteRune(c)
			}
		}
		if b.Len() > 0 {
			base = b.String()
		}
	}
	name := base
	for i := 2; inUse(name); i++ {
		name = fmt.Sprintf("%s-%d", base, i)
	}
	return name
}

// nameInUse reports whether the config last read has an sso-session or
// profile called name.
func (u *UI) nameInUse(name string) bool { return u.cfg != nil && u.cfg.NameInUse(name) }
