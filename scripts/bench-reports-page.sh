#!/usr/bin/env bash
# How long the Reports page stops while it reads the benchmark's 112 MB report, gzipped (not run
# in CI): builds the web app and the proxy, generates the report once (the same seeded report as
# scripts/bench-reports.sh), and reads it in headless Chromium through the proxy on loopback,
# with the page's Web Worker and with the worker script blocked. Prints, for each, the time
# until the result is drawn and the longest pauses of a 0 ms timer on the page.
#
# Usage: scripts/bench-reports-page.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
DATA="${BENCH_DATA:-$TARGET_DIR/bench-reports}"
SEED=8460

step() { printf '== %s\n' "$*" >&2; }

step "building the web app and the proxy"
trunk build --release --offline
cargo build --quiet --locked -p mta-sts-check-proxy --bin mta-sts-check-proxy

SET="$DATA/set-$SEED"
if [[ ! -f "$SET/expected.json" ]]; then
    step "generating the report set in $SET"
    rm -rf "$SET"
    python3 scripts/gen-tlsrpt-reports.py "$SET" --seed "$SEED"
fi
GZ="$DATA/big-report-$SEED.json.gz"
if [[ ! -f "$GZ" ]]; then
    gzip -9 -c "$SET/big-report.json" > "$GZ.tmp"
    mv "$GZ.tmp" "$GZ"
fi

step "reading $(du -h "$GZ" | cut -f1) of gzip ($(du -h "$SET/big-report.json" | cut -f1) of JSON)"
node scripts/bench-reports-page.mjs "$GZ"
