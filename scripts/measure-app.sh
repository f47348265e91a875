#!/usr/bin/env bash
# measure-app.sh NAME TITLE IDLE_SECONDS COMMAND...
# Run inside a D-Bus session with a StatusNotifier watcher and an X display
# (bench-desktop.sh sets that up). Launches COMMAND and prints one table row:
# ms to tray registered, ms to a visible window whose name matches TITLE
# ("" for tray-only), then RSS, CPU % and context switches per second over
# IDLE_SECONDS of idling.
set -euo pipefail
name=$1 title=$2 idle=$3
shift 3
now() { date +%s%N; }
registered() {
  busctl --user get-property org.kde.StatusNotifierWatcher /StatusNotifierWatcher \
    org.kde.StatusNotifierWatcher RegisteredStatusNotifierItems 2>/dev/null | grep -q '^as [1-9]'
}
start=$(now)
LIBGL_ALWAYS_SOFTWARE=1 "$@" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
tray=- window=-
for _ in $(seq 1 500); do
  if [ "$tray" = - ] && registered; then tray=$(( ($(now) - start) / 1000000 )); fi
  if [ -n "$title" ] && [ "$window" = - ] && xdotool search --onlyvisible --name "$title" >/dev/null 2>&1; then
    window=$(( ($(now) - start) / 1000000 ))
  fi
  if [ "$tray" != - ] && { [ -z "$title" ] || [ "$window" != - ]; }; then break; fi
  sleep 0.02
done
sleep 5 # let start-up settle
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
switches() { awk '/ctxt_switches/ {s += $2} END {print s}' "/proc/$pid/status"; }
c0=$(cpu) x0=$(switches)
sleep "$idle"
c1=$(cpu) x1=$(switches)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
awk -v n="$name" -v t="$tray" -v w="$window" -v r="$rss" -v c=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v s="$idle" -v x=$((x1 - x0)) \
  'BEGIN { printf "| %-24s | %7s | %9s | %7.0f | %5.2f | %9.1f |\n", n, t, w, r / 1024, 100 * c / hz / s, x / s }'
