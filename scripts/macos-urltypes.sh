#!/usr/bin/env bash
# Makes a macOS app bundle the handler of ssotray:// links: adds
# CFBundleURLTypes to its Info.plist, which `fyne package` does not write
# (fyne-io/fyne#1847). Run it after `fyne package -os darwin` and before
# code signing, which covers Info.plist. LaunchServices registers the
# scheme when the bundle is installed or first opened; macOS then delivers
# each link to the running app as an Apple Event, which
# cmd/ssotray-app/urlevents_darwin.go handles.
# Usage: scripts/macos-urltypes.sh path/to/ssotray.app
# NOT VERIFIED: written to Apple's documented keys with PlistBuddy, but
# never run on a Mac by the ssotray project.
set -euo pipefail
app=${1:?usage: $0 path/to/ssotray.app}
plist="$app/Contents/Info.plist"
buddy=/usr/libexec/PlistBuddy
[ -f "$plist" ] || { echo "$plist not found"; exit 1; }
"$buddy" -c "Delete :CFBundleURLTypes" "$plist" 2>/dev/null || true
"$buddy" -c "Add :CFBundleURLTypes array" \
  -c "Add :CFBundleURLTypes:0 dict" \
  -c "Add :CFBundleURLTypes:0:CFBundleURLName string io.github.ssotray" \
  -c "Add :CFBundleURLTypes:0:CFBundleTypeRole string Viewer" \
  -c "Add :CFBundleURLTypes:0:CFBundleURLSchemes array" \
  -c "Add :CFBundleURLTypes:0:CFBundleURLSchemes:0 string ssotray" \
  "$plist"
echo "ssotray:// registered in $plist"
