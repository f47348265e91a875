// Package windows is the end-to-end check of the Windows executables under
// Wine: a Linux test (build tag wine) that runs build/windows/ssotray.exe and
// ssotray-app.exe in a Wine prefix against a local Identity Center served
// from the test, with the app on an X display. scripts/test-windows.sh builds
// the executables, makes the prefix and the display, and runs it with:
//
//	SSOTRAY_WINE_BIN=build/windows WINEPREFIX=… DISPLAY=… go test -tags wine ./e2e/windows
//
// See docs/windows-ci.md.
package windows
