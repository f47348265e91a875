#!/usr/bin/env bash
# Runs every test with -race inside a private D-Bus session that has an
# unlocked gnome-keyring (the real Secret Service) and a StatusNotifier
# watcher, with throw-away XDG directories so nothing touches the user's own.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# XDG_CACHE_HOME stays: it holds the Go build cache.
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_RUNTIME_DIR=$work/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export LANG=${LANG:-en_US.UTF-8} SSOTRAY_TEST_ARTIFACTS=${SSOTRAY_TEST_ARTIFACTS:-$PWD/build}
mkdir -p "$SSOTRAY_TEST_ARTIFACTS"

exec dbus-run-session -- bash -euo pipefail -c '
  printf %s ci-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  go test -race -count=1 -timeout 20m "$@" ./...
' test.sh "$@"
