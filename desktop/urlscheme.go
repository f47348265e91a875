package desktop

// URLScheme is the ssotray:// scheme's registration for the current user
// on Windows, under HKCU\Software\Classes\ssotray (merged into HKCR, no
// administrator needed), as Microsoft's "Registering an Application to a
// URI Scheme" describes: the key's default value "URL:ssotray Protocol", an
// empty "URL Protocol" value (without it Windows does not start the
// handler), DefaultIcon, and shell\open\command = "EXE" "%1", so the link
// arrives as the program's one argument. Linux registers the scheme with
// the .desktop entry's MimeType (see the package's install), macOS with
// the bundle's CFBundleURLTypes; there Register and Unregister do nothing.
type URLScheme struct {
	// Scheme is the scheme's name, e.g. "ssotray".
	Scheme string
	// Exec is the absolute path of the program links start.
	Exec string
}

// urlSchemeCommand is the shell\open\command value for exe: the program
// in quotes (a Windows path cannot hold one) and the link as one argument.
func urlSchemeCommand(exe string) string { return `"` + exe + `" "%1"` }
