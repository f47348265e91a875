// Package addlink reads and makes ssotray's onboarding links,
// ssotray://add?start_url=…&region=…&name=…, which a helpdesk sends so that
// a person's ssotray opens the add-a-sign-in wizard prefilled.
//
// A link comes from anywhere: any web page can open it. So Parse checks
// every parameter as the wizard checks typed text (storage's
// ValidateStartURL, ValidateRegion, ValidateSessionName; unlike the wizard
// it does not follow a company's own start URL to its portal, since that
// would make a link from anywhere contact a host it names), refuses the whole
// link on the first problem rather than repairing it, caps its length, and
// ignores parameters it does not know. Nothing here adds a sign-in: the
// result only prefills a wizard the person confirms or cancels.
//
// The package has no user interface; cli/ and the desktop app both use it.
package addlink
