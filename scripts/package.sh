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

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp FyneApp.toml "$work/FyneApp.toml.orig" # fyne package rewrites it (Build += 1)
status=0
"$FYNE" package -os linux --executable "$BUILD/ssotray-app" --src . --release || status=$?
cp "$work/FyneApp.toml.orig" FyneApp.toml
[ "$status" -eq 0 ] || exit "$status"

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
# A user install says when ~/.local/bin, where it puts both executables,
# is not on PATH.
awk '{ print } /^user-install:/ { inside = 1 } inside && /^\tsed -i/ {
  print "\t@case \":$$PATH:\" in *\":$(HOME)/.local/bin:\"*) ;; *) echo \"Installed in $(HOME)/.local/bin, which is not on your PATH: add it (for example in ~/.profile) to run ssotray from a terminal.\";; esac"
  inside = 0 }' "$root/Makefile" >"$work/Makefile" && mv "$work/Makefile" "$root/Makefile"
# The entry handles ssotray:// links (issue 11): the link is the app's one
# argument (%u), and the installs register the handler with the desktop's
# own database, where there is one (update-desktop-database, from
# desktop-file-utils), as the .deb does.
sed -i -e 's/^Exec=ssotray-app$/Exec=ssotray-app %u/' "$root/usr/local/share/applications/io.github.ssotray.desktop"
printf 'MimeType=x-scheme-handler/ssotray;\n' >>"$root/usr/local/share/applications/io.github.ssotray.desktop"
awk '
  function db_line(dir) { return "\t-@command -v update-desktop-database >/dev/null && update-desktop-database -q " dir " || true" }
  (/^$/ || /^[a-z-]+:/) && db != "" { print db_line(db); db = "" }
  /^(install|uninstall):/ { db = "$(DESTDIR)$(PREFIX)/share/applications" }
  /^(user-install|user-uninstall):/ { db = "$(DESTDIR)$(HOME)/.local/share/applications" }
  { print }
  END { if (db != "") print db_line(db) }
' "$root/Makefile" >"$work/Makefile" && mv "$work/Makefile" "$root/Makefile"
tar -cJf "$BUILD/ssotray.tar.xz" -C "$work" ssotray

listing=$(tar tf "$BUILD/ssotray.tar.xz")
for want in usr/local/bin/ssotray usr/local/bin/ssotray-app share/applications/io.github.ssotray.desktop; do
  grep -q "$want\$" <<<"$listing" || { echo "the bundle lacks $want"; exit 1; }
done

# The bundle's own install puts both where the command finds the app.
dest="$work/dest"
make -s --no-print-directory -C "$root" install DESTDIR="$dest" PREFIX=/usr
[ "$("$dest/usr/bin/ssotray" version)" = "$("$dest/usr/bin/ssotray-app" version)" ] || { echo "the installed ssotray and ssotray-app differ"; exit 1; }
grep -q '^Exec=ssotray-app %u$' "$dest/usr/share/applications/io.github.ssotray.desktop" || { echo "the .desktop entry does not start ssotray-app"; exit 1; }
grep -q 'x-scheme-handler/ssotray=io.github.ssotray.desktop' "$dest/usr/share/applications/mimeinfo.cache" || { echo "the install did not register the ssotray:// handler"; exit 1; }
# desktop-file-validate's errors and hints (two main categories put the app
# in two menus) fail the build.
entry="$dest/usr/share/applications/io.github.ssotray.desktop"
if out=$(desktop-file-validate "$entry" 2>&1) && [ -z "$out" ]; then :; else echo "$entry:"; echo "$out"; exit 1; fi
# The user install names a PATH that lacks ~/.local/bin, and not one that has it.
home="$work/home"
mkdir -p "$home"
out=$(PATH=/usr/bin:/bin make -s --no-print-directory -C "$root" user-install HOME="$home")
grep -q "not on your PATH" <<<"$out" || { echo "user-install does not say ~/.local/bin is off PATH: $out"; exit 1; }
out=$(PATH="$home/.local/bin:/usr/bin:/bin" make -s --no-print-directory -C "$root" user-install HOME="$home")
[ -z "$out" ] || { echo "user-install speaks with ~/.local/bin on PATH: $out"; exit 1; }
grep -q 'x-scheme-handler/ssotray=io.github.ssotray.desktop' "$home/.local/share/applications/mimeinfo.cache" || { echo "user-install did not register the ssotray:// handler"; exit 1; }
echo "built $BUILD/ssotray.tar.xz"
