#!/usr/bin/env bash
# Builds the web app in release mode and serves it with the companion proxy on
# http://127.0.0.1:8080 (the API for STARTTLS probes and policy fetches included).
#
# The proxy is built with the dev profile, whose dependencies are optimised, so that this first
# start stays quick; a public deployment builds it with `cargo build --release`.

set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

trunk build --release --offline
cargo build --locked --quiet -p mta-sts-check-proxy --bin mta-sts-check-proxy
target=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
exec "$target/debug/mta-sts-check-proxy" --listen 127.0.0.1:8080 --static-dir dist "$@"
