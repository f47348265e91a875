#!/usr/bin/env bash
# Runs ssotray's benchmarks and writes the results to build/bench.txt, with a
# summary in docs/bench-results.md:
#   - login against the local Identity Center, in the browser (PKCE: to the
#     page opening, the browser's return to the token written) and with the
#     device code (to code shown, approval to
#     signed in, polls per login), side by side with Debian's AWS CLI v2
#     (`aws sso login --no-browser`) on the same server;
#   - `status` with 200 sign-ins and 2,000 profiles, side by side with the
#     same reading done by botocore;
#   - the config parser and the flow's unit benchmarks;
#   - listing 1,000 accounts from a portal throttled to 20 requests a second.
set -euo pipefail
cd "$(dirname "$0")/.."

# The comparison needs Debian's AWS CLI v2 at /usr/bin/aws. It is only needed
# here, so make deps does not install it. (An `aws` found first on PATH may
# be AWS CLI v1, which has no `aws sso login`; the benchmark names
# /usr/bin/aws.)
if [ ! -x /usr/bin/aws ]; then
  echo "Installing Debian's awscli (AWS CLI v2) for the comparison"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends awscli >/dev/null
fi

mkdir -p build docs
out=build/bench.txt
{
  echo "# ssotray benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2 " GiB memory"}'), $(go version | cut -d' ' -f3)"
  echo "# $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "# AWS CLI v2: $(/usr/bin/aws --version 2>&1)"
  echo "# botocore for the status comparison: $(python3 -c 'import sys, botocore; print("botocore", botocore.__version__, "on Python", sys.version.split()[0])')"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  go test -run=NONE -bench=. -benchtime=5x -timeout 30m ./e2e/
  go test -run=NONE -bench=. -benchmem ./storage/ ./flow/...
  # 1,000 accounts against a portal throttled to 20 requests a second
  # (burst 20), about a minute.
  go test -run=NONE -bench=List1000 -benchtime=1x ./accounts/
  # The accounts view of 1,000 accounts from the list on disk, as at start.
  go test -run=NONE -bench=AccountsViewFromDisk -benchtime=20x ./ui/
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee "$out"
go run ./e2e/internal/benchreport "$out" docs/bench-results.md
echo "wrote $out and docs/bench-results.md"
