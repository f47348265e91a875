package ui

import (
	"errors"

	"github.com/ssotray/ssotray/signin"
	"github.com/ssotray/ssotray/storage"
)

// Words for the secret modes.
const (
	textToKeyring = "Keep secrets in the keyring"
	textToCLI     = "Keep secrets in the AWS CLI cache"
	// The wizard's choice.
	textModeTitle   = "Keep the refresh token in"
	textModeCLI     = "AWS CLI compatible (file)"
	textModeKeyring = "System keyring"
)

// keyringReason is why the keyring cannot be used, without the "the system
// keyring is not available" that the sentences around it already say.
func keyringReason(err error) string {
	var kue *storage.KeyringUnavailableError
	if errors.As(err, &kue) && kue.Err != nil {
		return kue.Err.Error()
	}
	return err.Error()
}

// secretsProblemText says what is wrong with where st keeps its secrets,
// or "" when nothing is.
func secretsProblemText(st signin.Status) string {
	p := st.SecretsProblem
	switch {
	case p == nil:
		return ""
	case errors.Is(p, signin.ErrKeyringUnavailable) && st.State == signin.SignedIn:
		// The reason, often long and technical, is in the diagnostics.
		return "Keyring unavailable. The access token works until it expires; refreshing it needs the keyring."
	case errors.Is(p, signin.ErrKeyringUnavailable):
		return "Keyring unavailable. Signing in needs it, or choose “" + textToCLI + "” in the ⋯ menu."
	case errors.Is(p, signin.ErrSecretsMissing):
		return sentence(signin.ErrSecretsMissing.Error())
	case st.SecretMode == "":
		return "Cannot read ssotray's settings: " + p.Error()
	default:
		return sentence(p.Error())
	}
}

// moveSecrets moves st's secrets to mode in the background and says how it
// went. Leaving the keyring while it is unavailable strands the refresh
// token there, so the person is asked first.
func (u *UI) moveSecrets(st signin.Status, mode storage.SecretMode) {
	name := st.Name
	if mode == storage.SecretsKeyring {
		u.main.setMessage("Moving "+name+"'s secrets to the system keyring…", false)
		u.goMove(name, mode)
		return
	}
	u.main.setMessage("Checking the system keyring…", false)
	u.goTask(func() {
		err := u.m.CheckKeyring()
		u.do(func() {
			if err == nil {
				u.main.setMessage("Moving "+name+"'s secrets to the AWS CLI cache…", false)
				u.goMove(name, mode)
				return
			}
			u.main.setMessage("", false)
			u.confirmStrand(st, err)
		})
	})
}

// confirmStrand asks before switching st to the AWS CLI cache while the
// keyring, which holds its refresh token, is unavailable (err says why).
func (u *UI) confirmStrand(st signin.Status, err error) {
	text := "The system keyring is not available (" + keyringReason(err) + "), so " + st.Name +
		"'s refresh token cannot be moved out of it now.\n\n" +
		"If you switch anyway, ssotray keeps the secrets of future sign-ins in the AWS CLI's cache file. " +
		"The current session keeps working until its access token expires"
	if st.State == signin.SignedIn && !st.ExpiresAt.IsZero() {
		text += " (" + formatClock(st.ExpiresAt, u.now()) + ")"
	}
	text += "; then you must sign in to " + st.Name + " again.\n\nSwitch to the AWS CLI cache?"
	u.showMain()
	u.main.asking = ask(u.main.win, "Keyring not available", text, "Switch", "Cancel", func() {
		u.main.setMessage("Moving "+st.Name+"'s secrets to the AWS CLI cache…", false)
		u.goMove(st.Name, storage.SecretsCLI)
	}, func() {
		u.main.setMessage(st.Name+" still keeps its secrets in the system keyring.", false)
	})
}

// goMove runs MoveSecrets in the background and reports the outcome.
func (u *UI) goMove(name string, mode storage.SecretMode) {
	u.goTask(func() {
		mv, err := u.m.MoveSecrets(name, mode)
		d := u.load()
		u.do(func() {
			u.NoteError(name, err)
			msg, bad := moveMessage(name, mode, mv, err)
			u.main.setMessage(msg, bad)
			u.applyList(d)
			u.changed()
		})
	})
}

// moveMessage says how a switch of secret mode went.
func moveMessage(name string, mode storage.SecretMode, mv signin.SecretsMove, err error) (msg string, bad bool) {
	switch {
	case err != nil && errors.Is(err, signin.ErrKeyringUnavailable):
		return "Could not move " + name + "'s secrets to the system keyring: it is not available (" + keyringReason(err) + "). Nothing changed.", true
	case err != nil:
		return "Could not move " + name + "'s secrets: " + err.Error(), true
	case mode == storage.SecretsKeyring:
		return name + " keeps its refresh token in the system keyring now. The AWS CLI can use its access token but not refresh it; ssotray refreshes it.", false
	case mv.Stranded != nil:
		return name + " keeps its secrets in the AWS CLI cache from now on. Its refresh token stayed in the unavailable keyring: sign in again when the access token expires.", true
	default:
		return name + " keeps its secrets in the AWS CLI cache now, where the AWS CLI can refresh them too.", false
	}
}
