package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// managedCorp manages the corp portal, whatever its name.
func managedCorp(in storage.SignIn) bool {
	return storage.SameStartURL(in.StartURL, "https://d-1234567890.awsapps.com/start")
}

func TestManagedRowCannotBeRemoved(t *testing.T) {
	e := newEnv(t, withOptions(Options{Managed: managedCorp, SecretsPolicy: storage.SecretsKeyring}))
	corp := status("corp", signin.SignedIn, t0.Add(time.Hour))
	corp.StartURL, corp.SecretMode = "https://d-1234567890.awsapps.com/start", storage.SecretsCLI
	own := status("own", signin.SignedIn, t0.Add(time.Hour))
	own.StartURL, own.SecretMode = "https://d-5555555555.awsapps.com/start", storage.SecretsCLI
	e.u.main.apply(listData{statuses: []signin.Status{corp, own}, cfg: &storage.Config{}}, t0)

	managed, mine := e.u.main.rows[0], e.u.main.rows[1]
	if !strings.HasSuffix(managed.detail.Text, textManaged) || strings.Contains(mine.detail.Text, textManaged) {
		t.Errorf("details %q and %q", managed.detail.Text, mine.detail.Text)
	}
	m := e.u.main.rowMenu(managed)
	// No secrets switch (the organisation decides), and Remove disabled.
	if diff := cmp.Diff([]string{"Copy diagnostics", "---", textManagedNoRemove}, menuLabels(m)); diff != "" {
		t.Errorf("managed menu (-want +got):\n%s", diff)
	}
	if last := m.Items[len(m.Items)-1]; !last.Disabled || last.Action != nil {
		t.Error("Remove is not disabled for a managed sign-in")
	}
	if diff := cmp.Diff([]string{"Copy diagnostics", textToKeyring, "---", "Remove…"}, menuLabels(e.u.main.rowMenu(mine))); diff != "" {
		t.Errorf("the person's own sign-in (-want +got):\n%s", diff)
	}
}

func TestWizardFollowsTheSecretsPolicy(t *testing.T) {
	e := newEnv(t, withOptions(Options{SecretsPolicy: storage.SecretsKeyring}))
	w := openWizard(t, e, Prefill{})
	if w.secretMode() != storage.SecretsKeyring || !w.mode.Disabled() || !strings.HasSuffix(w.modeNote.Text, textManagedMode) {
		t.Errorf("mode %s, disabled %t, note %q", w.secretMode(), w.mode.Disabled(), w.modeNote.Text)
	}
	e = newEnv(t)
	w = openWizard(t, e, Prefill{})
	if w.secretMode() != storage.SecretsCLI || w.mode.Disabled() {
		t.Errorf("without a policy: mode %s, disabled %t", w.secretMode(), w.mode.Disabled())
	}
}

func TestNoteManagedProblems(t *testing.T) {
	e := newEnv(t)
	e.u.NoteManagedProblems(nil)
	e.u.NoteManagedProblems([]string{"managed file /etc/ssotray/managed.json:3:21: invalid character '}'"})
	got := e.notes.texts()
	if len(got) != 1 || !strings.HasPrefix(got[0], textManagedProblemTo+" / managed file /etc/ssotray/managed.json:3:21") {
		t.Errorf("notifications %+v", got)
	}
}
