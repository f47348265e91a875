#!/usr/bin/env bash
# Runs ssotray's benchmarks and writes the results to build/bench.txt:
# login against the local Identity Center (to code shown, approval to signed
# in, polls per login), `status` with 200 sign-ins and 2,000 profiles, and the
# config parser.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
out=build/bench.txt
{
  echo "# ssotray benchmarks, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(go version | cut -d' ' -f3)"
  go test -run=NONE -bench=. -benchtime=5x ./e2e/
  go test -run=NONE -bench=. -benchmem ./storage/ ./flow/...
} 2>&1 | tee "$out"
echo "wrote $out"
