// Package signin joins the AWS config, the AWS CLI's token cache and the
// sign-in flow. It lists every sign-in with its state, and signs in,
// refreshes, signs out and adds sign-ins by name. The command line and the
// GUI both work through it; it never imports Fyne.
//
// Each sign-in has a secret mode, kept in ssotray's own settings file
// (storage.Settings), never in ~/.aws/config. In the default AWS CLI
// compatible mode (storage.SecretsCLI) the token file and the client
// registration file are exactly what the AWS CLI writes. In keyring mode
// (storage.SecretsKeyring) the refresh token, client ID and secret and the
// client registration live only in the OS keyring (Options.Secrets); the
// token file keeps startUrl, region, accessToken and expiresAt, so the CLI
// and SDKs use the access token while only ssotray can refresh it.
// Manager.MoveSecrets switches between the two and leaves no copy behind.
// When the keyring is unavailable the access token keeps working until it
// expires, Status.SecretsProblem and refreshes say why
// (ErrKeyringUnavailable), and nothing falls back to the files unless the
// caller switches the mode explicitly.
package signin
