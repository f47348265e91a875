#!/usr/bin/env bash
# Builds the Debian package build/ssotray_<version>_amd64.deb with Debian's
# own tools: dpkg-shlibdeps works out the Depends of ssotray-app's shared
# libraries (GL, X11, libc), dpkg-deb builds the archive. Its contents come
# from the Linux bundle that package.sh made, so the two never differ:
#   /usr/bin/ssotray, /usr/bin/ssotray-app
#   /usr/share/applications/io.github.ssotray.desktop, which starts the app
#     with a link (Exec=ssotray-app %u) and handles ssotray:// links
#     (MimeType=x-scheme-handler/ssotray)
#   /usr/share/icons/hicolor/<size>/apps/io.github.ssotray.png
#   /usr/share/doc/ssotray/{copyright,changelog.gz}
#   /usr/share/lintian/overrides/ssotray (the static command is meant)
# postinst and postrm refresh the desktop database (the MIME cache
# xdg-open reads); removing the package leaves nothing behind.
# Needs: BUILD (holding ssotray.tar.xz from package.sh), VERSION (git
# describe), and dpkg-dev, imagemagick and lintian (scripts/deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BUILD:?the build folder}" "${VERSION:?the version}"

# A Debian version starts with a digit: FyneApp.toml's version, then what
# git describe says of this commit when it is not that release's tag.
app_version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
case "$VERSION" in
  v"$app_version" | "$app_version") deb_version=$app_version ;;
  *) deb_version="$app_version+git$(printf %s "$VERSION" | tr -c 'A-Za-z0-9.+~\n' '.')" ;;
esac
arch=$(dpkg --print-architecture)
out="$BUILD/ssotray_${deb_version}_${arch}.deb"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$BUILD/ssotray.tar.xz" -C "$work"
bundle="$work/ssotray/usr/local"
root="$work/root"
install -d -m 0755 "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" "$root/usr/share/doc/ssotray"
install -m 0755 "$bundle/bin/ssotray" "$bundle/bin/ssotray-app" "$root/usr/bin/"

# The bundle's entry, made a link handler: the link is the app's one
# argument (%u: at most one URL, nothing when started from the menu).
entry="$root/usr/share/applications/io.github.ssotray.desktop"
# (The bundle's entry is one already, since the tarball registers it too.)
sed -e 's/^Exec=ssotray-app$/Exec=ssotray-app %u/' "$bundle/share/applications/io.github.ssotray.desktop" >"$entry"
grep -q '^MimeType=x-scheme-handler/ssotray;$' "$entry" || printf 'MimeType=x-scheme-handler/ssotray;\n' >>"$entry"
chmod 0644 "$entry"
grep -q '^Exec=ssotray-app %u$' "$entry" || { echo "the bundle's desktop entry does not start ssotray-app"; exit 1; }
if msg=$(desktop-file-validate "$entry" 2>&1) && [ -z "$msg" ]; then :; else echo "$entry:"; echo "$msg"; exit 1; fi

for size in 32 48 64 128 256; do
  dir="$root/usr/share/icons/hicolor/${size}x${size}/apps"
  install -d -m 0755 "$dir"
  convert "$bundle/share/pixmaps/io.github.ssotray.png" -resize "${size}x${size}" -strip "$dir/io.github.ssotray.png"
  chmod 0644 "$dir/io.github.ssotray.png"
done

install -m 0644 packaging/deb/copyright "$root/usr/share/doc/ssotray/copyright"
{
  printf 'ssotray (%s) unstable; urgency=medium\n\n' "$deb_version"
  printf '  * Built from %s.\n\n' "$VERSION"
  printf ' -- ssotray builders <ssotray@users.noreply.github.com>  %s\n' "$(date -R -d "@${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")"
} | gzip -9n >"$root/usr/share/doc/ssotray/changelog.gz"
chmod 0644 "$root/usr/share/doc/ssotray/changelog.gz"
install -d -m 0755 "$root/usr/share/lintian/overrides"
install -m 0644 packaging/deb/lintian-overrides "$root/usr/share/lintian/overrides/ssotray"
install -m 0755 packaging/deb/postinst packaging/deb/postrm "$root/DEBIAN/"

# dpkg-shlibdeps reads a debian/control in the folder it runs in.
mkdir -p "$work/src/debian"
printf 'Source: ssotray\n\nPackage: ssotray\nArchitecture: any\n' >"$work/src/debian/control"
depends=$(cd "$work/src" && dpkg-shlibdeps -O -e"$root/usr/bin/ssotray-app" -e"$root/usr/bin/ssotray" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "dpkg-shlibdeps found no dependencies for ssotray-app"; exit 1; }

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: ssotray
Version: $deb_version
Architecture: $arch
Maintainer: ssotray builders <ssotray@users.noreply.github.com>
Installed-Size: $size
Depends: $depends
Recommends: xdg-utils, gnome-keyring | kwalletmanager
Section: utils
Priority: optional
Homepage: https://github.com/ssotray/ssotray
Description: sign in to AWS IAM Identity Center from the system tray
 ssotray lists every sign-in in ~/.aws/config with its state and time
 left, signs you in to AWS IAM Identity Center (AWS SSO), and writes the
 token cache exactly as the AWS CLI does, so the AWS CLI and every SDK use
 the sign-in with no further step. It opens ssotray:// links that a
 helpdesk sends, and follows a managed file an IT team places in
 /etc/ssotray/managed.json. The ssotray command works without a display.
CONTROL
(cd "$root" && find usr -type f -exec md5sum {} + | sort -k2) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

rm -f "$BUILD"/ssotray_*_"$arch".deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "built $out"

# lintian's errors fail the build; its warnings and notes are listed.
if command -v lintian >/dev/null 2>&1; then
  lintian --fail-on error --tag-display-limit 0 -I "$out" 2>&1 | grep -v 'running with root privileges' || true
  lintian --fail-on error -q "$out" >/dev/null 2>&1 || { echo "lintian reports errors in $out"; exit 1; }
fi
