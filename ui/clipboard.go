package ui

import "time"

// clipboardClearAfter is how long copied credentials stay on the
// clipboard.
const clipboardClearAfter = 30 * time.Second

// copySecret puts text on the clipboard and clears it clipboardClearAfter
// later, if the clipboard still holds exactly text: whatever the person
// copied since is theirs and stays. cleared runs on the UI goroutine once
// it has been cleared.
func (u *UI) copySecret(text string, cleared func()) {
	u.app.Clipboard().SetContent(text)
	u.after(clipboardClearAfter, func() {
		u.do(func() {
			clip := u.app.Clipboard()
			if clip.Content() != text {
				return
			}
			clip.SetContent("")
			if cleared != nil {
				cleared()
			}
		})
	})
}

// afterFunc is the real after: fn runs on its own goroutine once d has
// passed.
func afterFunc(d time.Duration, fn func()) { time.AfterFunc(d, fn) }
