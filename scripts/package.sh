#!/usr/bin/env bash
# Builds the Linux bundle build/ssotray.tar.xz: `fyne package` makes the
# desktop app's part (ssotray-app, the .desktop entry that starts it, the
# icon, an install Makefile); this adds the ssotray command beside the app
# and to the Makefile's install and uninstall targets.
# Needs: FYNE (the fyne tool), BUILD (holding the release ssotray and
# ssotray-app).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${FYNE:?the fyne tool}" "${BUILD:?the build folder}"

cp FyneApp.toml "$BUILD/FyneApp.toml.orig" # fyne package rewrites it (Build += 1)
status=0
"$FYNE" package -os linux --executable "$BUILD/ssotray-app" --src . --release || status=$?
cp "$BUILD/FyneApp.toml.orig" FyneApp.toml
[ "$status" -eq 0 ] || exit "$status"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf ssotray.tar.xz -C "$work"
rm ssotray.tar.xz
# fyne names the folder after the executable; the bundle is ssotray's.
mv "$work/ssotray-app" "$work/ssotray"
root="$work/ssotray"
install -m 0755 "$BUILD/ssotray" "$root/usr/local/bin/ssotray"
# Every line that installs or removes the app's executable does the same
# for the command.
sed -i -e '/\$(Exec)/{p;s/\$(Exec)/$(Command)/g;}' -e '/^Exec :=/a Command := "ssotray"' "$root/Makefile"
# The user install rewrites the .desktop entry's Exec; the copied line
# must not rewrite it a second time.
sed -i -e '/sed -i .*\$(Command)/d' "$root/Makefile"
tar -cJf "$BUILD/ssotray.tar.xz" -C "$work" ssotray

listing=$(tar tf "$BUILD/ssotray.tar.xz")
for want in usr/local/bin/ssotray usr/local/bin/ssotray-app share/applications/io.github.ssotray.desktop; do
  grep -q "$want\$" <<<"$listing" || { echo "the bundle lacks $want"; exit 1; }
done

# The bundle's own install puts both where the command finds the app.
dest="$work/dest"
make -s -C "$root" install DESTDIR="$dest" PREFIX=/usr
[ "$("$dest/usr/bin/ssotray" version)" = "$("$dest/usr/bin/ssotray-app" version)" ] || { echo "the installed ssotray and ssotray-app differ"; exit 1; }
grep -q '^Exec=ssotray-app$' "$dest/usr/share/applications/io.github.ssotray.desktop" || { echo "the .desktop entry does not start ssotray-app"; exit 1; }
echo "built $BUILD/ssotray.tar.xz"
