#!/usr/bin/env bash
# vulndb.sh VERSION OUT: builds the Go vulnerability database that
# govulncheck reads (-db file://OUT) from the OSV reports in the
# golang.org/x/vulndb module at VERSION, with that module's own indexdb
# command. Both come from the Go module proxy, so no other host is needed.
set -euo pipefail
version=$1 out=$2
dir=$(go mod download -json "golang.org/x/vulndb@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$dir/data/osv" ] || { echo "golang.org/x/vulndb@$version has no data/osv"; exit 1; }
rm -rf "$out.tmp"
go run "golang.org/x/vulndb/cmd/indexdb@$version" -vulns "$dir/data/osv" -out "$out.tmp"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "built $out from $(ls "$dir/data/osv" | wc -l) reports"
