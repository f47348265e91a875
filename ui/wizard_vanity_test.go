package ui

import (
	"net/http"
	"strings"
	"testing"

	"github.com/ssotray/ssotray/vanity/vanitytest"
)

func TestWizardFollowsACompanysAddress(t *testing.T) {
	company := vanitytest.NewCompany(t, vanitytest.RedirectTo(ssoinsURL+"/#/", http.StatusFound))
	e := newEnv(t, withStartURLs(company.Resolver()))
	w := openWizard(t, e, Prefill{})
	typeInto(w.urlEntry, "https://aws.example.com/start")
	if !w.addBtn.Disabled() {
		t.Error("Add is enabled before the address has been followed")
	}
	e.until("the address followed", func() bool { return w.urlNote.kind == noteOK })
	if got := noteText(w.urlNote); got != "ok: Your company's address for the AWS access portal at ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com" {
		t.Errorf("note: %q", got)
	}
	// The Region comes from where it leads: nothing else to type.
	if !w.regionFound.box.Visible() || !strings.Contains(w.regionFound.label.Text, "eu-west-1") || w.addBtn.Disabled() {
		t.Errorf("Region found %t (%q), Add disabled %t", w.regionFound.box.Visible(), w.regionFound.label.Text, w.addBtn.Disabled())
	}
	// Typing on to another address and back follows it only once.
	if n := len(company.Requests()); n != 1 {
		t.Errorf("requests: %v", company.Requests())
	}
}

func TestWizardSaysWhereACompanysAddressFails(t *testing.T) {
	e := newEnv(t) // no network
	w := openWizard(t, e, Prefill{})
	typeInto(w.urlEntry, "https://sso.example.com/start")
	e.until("the address followed", func() bool { return w.urlNote.kind == noteError })
	if got := noteText(w.urlNote); !strings.HasPrefix(got, "error: The address https://sso.example.com/start does not lead to an AWS access portal: cannot reach sso.example.com") {
		t.Errorf("note: %q", got)
	}
	if !w.addBtn.Disabled() {
		t.Error("Add is enabled for an address that leads nowhere")
	}
}
