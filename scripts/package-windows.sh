#!/usr/bin/env bash
# Builds build/ssotray_<VERSION>_windows_amd64.zip: ssotray.exe (the command
# line, a console program, no cgo) and ssotray-app.exe (the desktop app, a
# GUI-subsystem program that still answers commands typed in a terminal),
# each with the icon, an application manifest and version information made
# by go-winres, and a README.txt. Unzipped anywhere, both work from there:
# start at login records the app's own path, and the single instance is a
# named pipe, not a file beside the program.
# Needs: BUILD, VERSION; GO (default go); mingw-w64's x86_64-w64-mingw32-gcc
# for the app's cgo (scripts/deps.sh installs it); zip.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BUILD:?the build folder}" "${VERSION:?the version}"
GO=${GO:-go}
winres=github.com/tc-hib/go-winres@v0.3.3

# Windows' version resource wants four numbers: FyneApp.toml's Version
# (three) and Build.
app_version=$(sed -n 's/^ *Version *= *"\([0-9.]*\)".*/\1/p' FyneApp.toml)
app_build=$(sed -n 's/^ *Build *= *\([0-9]*\).*/\1/p' FyneApp.toml)
numeric="$app_version.${app_build:-0}"
[[ $numeric =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "cannot make a Windows version from FyneApp.toml ($numeric)"; exit 1; }

work=$(mktemp -d)
# go build links every .syso in a package's folder; these exist only while
# this script runs.
syso=(rsrc_windows_amd64.syso cmd/ssotray-app/rsrc_windows_amd64.syso)
trap 'rm -rf "$work"; rm -f "${syso[@]}"' EXIT

# resources DIR MANIFEST DESCRIPTION FILENAME writes DIR/rsrc_windows_amd64.syso.
resources() {
  (cd "$1" && "$GO" run "$winres" simply --arch amd64 --out rsrc --manifest "$2" \
    --icon "$OLDPWD/assets/icon.png" --product-name ssotray --file-description "$3" \
    --original-filename "$4" --product-version "$numeric" --file-version "$numeric" \
    --copyright "ssotray contributors")
}
resources . cli "ssotray command line" ssotray.exe
resources cmd/ssotray-app gui "ssotray" ssotray-app.exe

dir="$work/ssotray"
mkdir -p "$dir"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "$GO" build -trimpath \
  -ldflags "-s -w -X main.version=$VERSION" -o "$dir/ssotray.exe" .
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc "$GO" build -trimpath -tags migrated_fynedo \
  -ldflags "-s -w -H=windowsgui -X main.version=$VERSION" -o "$dir/ssotray-app.exe" ./cmd/ssotray-app

# What a person reading the zip needs; README.md has the rest.
sed 's/$/\r/' >"$dir/README.txt" <<TXT
ssotray $VERSION for Windows (64-bit)

ssotray-app.exe  the desktop app: a tray icon and a window. Double-click it.
                 Tick "Start at login" in its tray menu to have it start when
                 you sign in to Windows; that records this folder, so move the
                 folder first if you want it elsewhere.
ssotray.exe      the command line: ssotray help, ssotray login NAME,
                 ssotray status. Add this folder to your PATH to run it from
                 any terminal.

Both keep the AWS CLI's files in %USERPROFILE%\.aws. To remove ssotray, untick
"Start at login", quit it from the tray, and delete this folder.
TXT

mkdir -p "$BUILD"
zip_path="$(cd "$BUILD" && pwd)/ssotray_${VERSION}_windows_amd64.zip"
rm -f "$zip_path"
(cd "$work" && zip -qr -X "$zip_path" ssotray)

# Checks: both programs, the subsystems, the resources.
listing=$(unzip -Z1 "$zip_path")
for want in ssotray/ssotray.exe ssotray/ssotray-app.exe ssotray/README.txt; do
  grep -qx "$want" <<<"$listing" || { echo "the zip lacks $want"; exit 1; }
done
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^Subsystem[[:space:]]*[0-9a-f]*[[:space:]]*//p'; }
[ "$(subsystem "$dir/ssotray-app.exe")" = "(Windows GUI)" ] || { echo "ssotray-app.exe is not a GUI program: $(subsystem "$dir/ssotray-app.exe")"; exit 1; }
[ "$(subsystem "$dir/ssotray.exe")" = "(Windows CUI)" ] || { echo "ssotray.exe is not a console program: $(subsystem "$dir/ssotray.exe")"; exit 1; }
for exe in "$dir/ssotray.exe" "$dir/ssotray-app.exe"; do
  x86_64-w64-mingw32-objdump -h "$exe" | grep -q '\.rsrc' || { echo "$exe has no resources"; exit 1; }
  # An icon group (resource type 14) at the top of the resource tree.
  x86_64-w64-mingw32-objdump -p "$exe" | grep -Eq '^[0-9a-f]+   Entry: ID: 0x00000e,' || { echo "$exe has no icon"; exit 1; }
  # The version resource's strings are UTF-16.
  x86_64-w64-mingw32-strings -el "$exe" | grep -qx "$numeric" || { echo "$exe has no version $numeric"; exit 1; }
done
echo "built $zip_path"
