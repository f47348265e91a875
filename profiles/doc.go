// Package profiles writes a [profile …] section in the AWS config file for
// every account and role behind a sign-in, so that the AWS CLI and every SDK
// can use them with --profile.
//
// NewPlan reads the file's bytes and works out what to add, update and (with
// Options.Prune) remove; Write replaces the file with the result. The file
// is edited as text, line by line: sections ssotray did not write are never
// touched, untouched sections are never re-serialised or re-ordered, and
// comments, nested sub-keys (s3 = with indented lines), CRLF line endings
// and a missing final newline are kept. New sections go at the end.
//
// A generated section carries the key
//
//	ssotray_managed = <sign-in name>/<account id>/<role name>
//
// and ownership follows that value, not the section's name: a section the
// person renamed is still recognised, and a section whose marker line the
// person deleted is theirs from then on. In a section it owns, ssotray sets
// only sso_session (or, for a legacy sign-in, sso_start_url and sso_region),
// sso_account_id and sso_role_name; region, output and every other key stay
// as the person left them. botocore and aws-sdk-go-v2 ignore keys they do
// not know (both are tested with a generated file in this package's tests).
//
// A legacy sign-in (sso_start_url in the profiles themselves) is named by
// the first profile that uses its start URL, and so are its markers: if a
// person renames or deletes that profile, the sign-in's name changes and
// the sections generated under the old name are no longer recognised as its
// own (they are left alone, and new ones get other names).
//
// The package never prints and never imports Fyne; the command line and the
// desktop show Plan.Summary and the changes in their own way.
package profiles
