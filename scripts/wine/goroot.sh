#!/usr/bin/env bash
# Prints the GOROOT to build Windows TEST binaries with under Wine 8.0: a copy
# of the toolchain in use (hard links, so it costs no space) in DIR, with one
# line of Go's own source changed to bridge a gap of Wine. The product's
# executables are built with the real toolchain.
#
# Go 1.26's os.RemoveAll (and so every t.TempDir cleanup) deletes through
# NtSetInformationFile(FileDispositionInformationEx), class 64. Wine 8.0 does
# not implement that class and answers STATUS_NOT_IMPLEMENTED (0xC0000002),
# which Go does not expect, so removal fails with "Invalid function". Go
# already falls back to the older FileDispositionInformation class for the
# statuses an old Windows returns; the copy adds Wine's status to that list in
# internal/syscall/windows/at_windows.go. (`go build -overlay` would be
# lighter but refuses files under GOMODCACHE, where GOTOOLCHAIN=auto keeps
# the toolchain.)
#
# The patch is made to the file of the Go in use, so it follows Go releases,
# and it is checked: if the fallback list no longer reads as expected, this
# fails rather than building tests with an unpatched toolchain. The copy is
# reused while the toolchain and this script are unchanged.
set -euo pipefail
dir=${1:?usage: goroot.sh DIR}
goroot=$(go env GOROOT)
rel=src/internal/syscall/windows/at_windows.go
src=$goroot/$rel
[ -f "$src" ] || { echo "goroot.sh: $src not found (Go $(go env GOVERSION))" >&2; exit 1; }
copy=$dir/$(go env GOVERSION)
stamp="$goroot $(sha256sum "$src" "$0" | awk '{print $1}' | tr '\n' ' ')"
if [ -f "$copy.stamp" ] && [ "$(cat "$copy.stamp")" = "$stamp" ]; then
  echo "$copy"; exit 0
fi
if [ -d "$copy" ]; then find "$copy" -type d -exec chmod u+w {} + && rm -rf "$copy"; fi
rm -f "$copy.stamp"
mkdir -p "$dir"
cp -al "$goroot" "$copy" 2>/dev/null || cp -a "$goroot" "$copy"
# The module cache's folders are read-only; the copy's must not be.
find "$copy" -type d -exec chmod u+w {} +
out=$copy/$rel.wine

# The fallback case is three lines in Go 1.26:
#	case STATUS_INVALID_INFO_CLASS, // the operating system doesn't support FileDispositionInformationEx
#		STATUS_INVALID_PARAMETER, // the operating system doesn't support one of the flags
#		STATUS_NOT_SUPPORTED:     // the file system doesn't support FILE_DISPOSITION_INFORMATION_EX or one of the flags
# The last line of that case gains Wine's status.
awk '
  /^\tcase STATUS_INVALID_INFO_CLASS,/ { incase = 1 }
  incase && /^\t\tSTATUS_NOT_SUPPORTED:/ {
    sub(/STATUS_NOT_SUPPORTED:/, "STATUS_NOT_SUPPORTED, NTStatus(0xC0000002) /* Wine 8.0: STATUS_NOT_IMPLEMENTED (ssotray Windows test toolchain) */:")
    patched++; incase = 0
  }
  { print }
  END { if (patched != 1) exit 3 }
' "$src" >"$out" || { echo "goroot.sh: the fallback list in $src is not as expected; review the Wine overlay" >&2; exit 1; }
# Exactly one line differs, and the result is still valid Go.
[ "$(diff "$src" "$out" | grep -c '^>')" -eq 1 ] || { echo "goroot.sh: patch changed more than one line" >&2; exit 1; }
gofmt -e -l "$out" >/dev/null || { echo "goroot.sh: patched file does not parse" >&2; exit 1; }
# Replace the link, never write through it: the original stays as it was.
mv -f "$out" "$copy/$rel"
echo "$stamp" >"$copy.stamp"
echo "$copy"
