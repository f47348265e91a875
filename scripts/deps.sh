#!/usr/bin/env bash
# Installs what building and testing ssotray needs on Debian/Ubuntu: the C
# toolchain and X11/GL headers for Fyne, Xvfb and a StatusNotifier watcher for
# GUI checks, D-Bus and gnome-keyring for the real Secret Service, and
# botocore/boto3 for the compatibility tests, xz and desktop-file-utils for
# repacking and checking the bundle, Chromium, the real browser that the
# browser sign-in's end-to-end test drives headless, dpkg-dev and
# lintian for building and checking the Debian package (xdg-utils opens
# ssotray:// links in its test), and Wine and mingw-w64 for the Windows suite
# (scripts/test-windows.sh).
# Installs only what is missing.
set -euo pipefail

packages=(
  gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev
  xvfb xauth dbus dbus-bin gnome-keyring libsecret-tools
  imagemagick xdotool x11-utils haskell-status-notifier-item-utils haskell-gtk-sni-tray-utils
  ca-certificates git make xz-utils desktop-file-utils
  chromium
  dpkg-dev lintian xdg-utils
  wine wine64 gcc-mingw-w64-x86-64
)
# botocore/boto3 for the compatibility tests, unless Python already has them.
if ! python3 -c 'import botocore, boto3' >/dev/null 2>&1; then
  packages+=(python3 python3-botocore python3-boto3)
fi

# mingw-w64, zip and unzip for the Windows zip (make package-windows).
packages+=(gcc-mingw-w64-x86-64 zip unzip)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
