// Package signin joins the AWS config, the AWS CLI's token cache and the
// sign-in flow. It lists every sign-in with its state, and signs in,
// refreshes, signs out and adds sign-ins by name. The command line and the
// GUI both work through it; it never imports Fyne.
package signin
