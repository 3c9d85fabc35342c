#!/usr/bin/env bash
# Builds what the Check page's timing needs and runs scripts/bench-check.mjs: the full check of
# fresh lab domains in headless Chromium, each lab answer 50 ms away (LATENCY_MS), against the
# critical path counted from the protocol steps. Exits non-zero when the median is over 1.25
# times the critical path.

set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --locked --quiet -p mta-sts-check-lab -p mta-sts-check-proxy
[ -d dist ] || trunk build --release --offline
node scripts/bench-check.mjs "$@"
