// Package managed reads the file in which an organisation's IT team lists
// the sign-ins every person should have, and the policy ssotray follows on
// that machine, and adds the missing sign-ins to the person's AWS config.
//
// The file is JSON, placed by IT where people cannot change it
// (DefaultPath: /etc/ssotray/managed.json, %ProgramData%\ssotray\managed.json,
// /Library/Application Support/ssotray/managed.json; SSOTRAY_MANAGED_FILE
// overrides). Everything but signIns is optional:
//
//	{
//	  "signIns": [
//	    {"name": "corp", "startUrl": "https://d-1234567890.awsapps.com/start",
//	     "region": "eu-west-1", "scopes": ["sso:account:access"]}
//	  ],
//	  "policy": {"secrets": "keyring", "startAtLogin": true,
//	             "profileTemplate": "{{.Session}}.{{.AccountSlug}}.{{.RoleName}}"}
//	}
//
// A file that is malformed, has keys it does not know, or values the
// wizard would refuse is reported with its path and line, and nothing is
// changed. Adding keeps every byte of the config and never touches a
// section the person wrote: a portal the config already signs in to,
// under any name, counts as present. A sign-in is managed when its start
// URL is one the file lists.
//
// The package has no user interface; the app and cli/ both use it.
package managed
