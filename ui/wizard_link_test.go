package ui

import (
	"os"
	"testing"

	"github.com/ssotray/ssotray/desktop"
)

// A link that could not be used opens the wizard with the problem shown and
// nothing filled in or written; a good link afterwards takes the notice away.
func TestWizardShowsALinksProblem(t *testing.T) {
	e := newEnv(t)
	e.u.applyList(e.u.load())
	problem := "the link's start URL cannot be used: the start URL must begin with https://"
	e.u.handleMessage(desktop.Message{Cmd: desktop.CmdAdd, Problem: problem})
	w := e.u.wizard
	if w == nil {
		t.Fatal("no wizard")
	}
	if !w.linkProblem.box.Visible() || w.linkProblem.text.Text != "The link's start URL cannot be used: the start URL must begin with https://" {
		t.Fatalf("notice visible %t, text %q", w.linkProblem.box.Visible(), w.linkProblem.text.Text)
	}
	if w.urlEntry.Text != "" || w.regionEntry.Text != "" || w.nameEntry.Text != "" {
		t.Errorf("a refused link filled in %q, %q, %q", w.urlEntry.Text, w.regionEntry.Text, w.nameEntry.Text)
	}
	if !w.addBtn.Disabled() {
		t.Error("Add is enabled with nothing filled in")
	}
	if w.win.Canvas().Focused() != w.urlEntry {
		t.Errorf("focus on %T, want the start URL", w.win.Canvas().Focused())
	}

	e.u.handleMessage(desktop.Message{Cmd: desktop.CmdAdd, StartURL: "https://d-1234567890.awsapps.com/start", Region: "eu-west-1", Name: "corp"})
	if e.u.wizard != w || w.linkProblem.box.Visible() {
		t.Errorf("a good link kept the notice (same wizard %t)", e.u.wizard == w)
	}
	if w.urlEntry.Text != "https://d-1234567890.awsapps.com/start" || w.addBtn.Disabled() {
		t.Errorf("good link: url %q, Add disabled %t", w.urlEntry.Text, w.addBtn.Disabled())
	}
	// Neither link wrote anything: only the person's Add does.
	if _, err := os.Stat(e.u.m.Paths().ConfigFile); !os.IsNotExist(err) {
		t.Fatalf("a link wrote the config: %v", err)
	}
}

// The wizard opened from the menu has no notice.
func TestWizardWithoutLinkHasNoNotice(t *testing.T) {
	e := newEnv(t)
	w := openWizard(t, e, Prefill{})
	if w.linkProblem.box.Visible() {
		t.Error("the notice shows without a link")
	}
}
