package ui

import (
	"errors"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// submit adds the sign-in when every field is good; the config is written
// on a goroutine, and added takes it from there.
func (w *wizard) submit() {
	w.validate()
	if !w.check.ok() || w.busy || w.closed {
		return
	}
	c := w.check
	mode := w.secretMode()
	w.busy = true
	w.addBtn.Disable()
	w.failure.Hide()
	u := w.u
	u.goTask(func() {
		err := u.m.Add(c.name, c.startURL.URL, c.region)
		var in storage.SignIn
		if err == nil {
			in, err = u.m.Find(c.name)
		}
		// The mode is set before the sign-in starts, so the refresh token
		// never touches the file when the keyring was chosen.
		var modeErr error
		if err == nil && mode == storage.SecretsKeyring {
			modeErr = u.m.SetSecretMode(in.Name, mode)
		}
		d := u.load()
		u.do(func() { w.added(in, err, modeErr, d) })
	})
}

// added shows the list with the new sign-in, closes the wizard and opens
// the sign-in window; or says why adding failed. When the keyring was
// chosen but cannot be used (modeErr), the sign-in is added in the AWS CLI
// compatible mode, and it is signed in only if the person agrees to keep
// the refresh token in the file.
func (w *wizard) added(in storage.SignIn, err, modeErr error, d listData) {
	w.u.applyList(d)
	if err == nil {
		w.u.changed()
	}
	if w.closed {
		w.busy = false
		return
	}
	if err != nil {
		w.busy = false
		w.failure.SetText("Could not add the sign-in: " + err.Error())
		w.failure.Show()
		w.validate()
		return
	}
	if modeErr != nil {
		w.askFallback(in, modeErr) // still busy: Add stays off until answered
		return
	}
	w.busy = false
	w.win.Close()
	w.u.main.setMessage("Added "+in.Name+" to "+in.File+".", false)
	w.u.signIn(in)
}

// askFallback asks whether to keep in's refresh token in the AWS CLI's
// cache file, the keyring being unusable (modeErr says why).
func (w *wizard) askFallback(in storage.SignIn, modeErr error) {
	w.pending = &in
	var why string
	if errors.Is(modeErr, signin.ErrKeyringUnavailable) {
		why = "The system keyring is not available (" + keyringReason(modeErr) + ")."
	} else {
		why = "ssotray could not keep " + in.Name + "'s refresh token in the system keyring (" + modeErr.Error() + ")."
	}
	w.u.NoteError(in.Name, modeErr)
	w.asking = ask(w.win, "Keyring not available",
		why+" Keep the refresh token in the AWS CLI's cache file instead?", "Yes", "No",
		func() { w.fallback(true) }, func() { w.fallback(false) })
}

// fallback acts on the answer to the keyring question: yes signs in, the
// refresh token going to the file; no leaves the sign-in added, signed out.
func (w *wizard) fallback(yes bool) {
	in := w.pending
	if in == nil {
		return
	}
	w.pending = nil
	w.busy = false
	if !w.closed {
		w.win.Close()
	}
	if !yes {
		w.u.main.setMessage("Added "+in.Name+" to "+in.File+", but did not sign in, since the system keyring is not available. "+
			"When it is, choose “"+textToKeyring+"” in "+in.Name+"'s ⋯ menu, then sign in.", false)
		return
	}
	w.u.main.setMessage("Added "+in.Name+" to "+in.File+". Its refresh token is kept in the AWS CLI's cache file.", false)
	w.u.signIn(*in)
}
