#!/usr/bin/env bash
# Desktop benchmark: start-up (launch to tray registered, launch to window
# shown) and idle cost (RSS, CPU, context switches over IDLE_SECONDS) of
# ssotray, with the tray only and with the main window, against a bare Fyne
# app built with the same toolkit and flags. Each runs under Xvfb (Mesa
# software GL) on a private D-Bus session with a StatusNotifier watcher.
# Appends a table to build/bench-desktop.txt. IDLE_SECONDS (default 60) sets
# the idle window; ONLY=NAME runs one row.
set -euo pipefail
cd "$(dirname "$0")/.."
IDLE_SECONDS=${IDLE_SECONDS:-60}
mkdir -p build
# `ssotray demo` replaces itself with ssotray-app (same process), so the
# measured process is the app.
CGO_ENABLED=0 go build -o build/ssotray .
go build -tags migrated_fynedo -o build/ssotray-app ./cmd/ssotray-app
go build -tags migrated_fynedo -o build/barefyne ./e2e/testdata/barefyne
out=build/bench-desktop.txt
work=$(mktemp -d)
trap 'sleep 0.5; rm -rf "$work" 2>/dev/null || true' EXIT
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_RUNTIME_DIR=$work/run LANG=en_US.UTF-8
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

measure() { # name, window title regex ("" = tray only), command...
  # ONLY=NAME runs just that row (e.g. a 10-minute idle run of one app).
  if [ -n "${ONLY:-}" ] && [ "$1" != "$ONLY" ]; then return 0; fi
  dbus-run-session -- bash -euo pipefail -c '
    status-notifier-watcher >/dev/null 2>&1 &
    watcher=$!
    trap "kill $watcher 2>/dev/null || true" EXIT
    sleep 0.3
    xvfb-run -a -s "-screen 0 1024x768x24" scripts/measure-app.sh "$@"
  ' bash "$1" "$2" "$IDLE_SECONDS" "${@:3}" 2> >(grep -v "Failed to set fd limit" >&2)
}

{
  echo
  echo "# desktop benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, idle window ${IDLE_SECONDS} s, Xvfb + llvmpipe"
  echo "| app | tray ms | window ms | RSS MiB | CPU % | wakeups/s |"
  echo "|---|---|---|---|---|---|"
  measure "bare Fyne, window" "^barefyne" build/barefyne
  measure "bare Fyne, tray only" "" build/barefyne --tray
  measure "ssotray demo, window" "^ssotray" build/ssotray demo
  measure "ssotray demo, tray only" "" build/ssotray demo --hidden
} | tee -a "$out"
