#!/usr/bin/env bash
# Puts the proxy under load on loopback: 500 concurrent probe requests (or $1) against a
# stalling SMTP server from the lab, while timing /healthz and sampling the proxy's memory.
# Prints the figures and fails when a bound breaks (see proxy/examples/load.rs).

set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --quiet -p mta-sts-check-proxy --bin mta-sts-check-proxy --example load
target=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
exec "$target/debug/examples/load" "$target/debug/mta-sts-check-proxy" "${1:-500}"
