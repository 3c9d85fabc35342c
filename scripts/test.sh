#!/usr/bin/env bash
# Runs every test of mta-sts-check, in the order that fails fastest: formatting, lints for the
# native and wasm32 targets, the native tests, the core as the web app builds it (without its
# `idna` feature), the proxy under load, the release build of the web app, the browser tests in
# headless Chromium, and the size of the app.

set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step() { printf '\n=== %s\n' "$1"; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
native=(--workspace --exclude mta-sts-check-www)

step "format"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy "${native[@]}" --all-targets --locked -- -D warnings

step "clippy (wasm32: core and app)"
cargo clippy --target wasm32-unknown-unknown -p mta-sts-check -p mta-sts-check-www --locked \
  -- -D warnings

step "native tests"
cargo test "${native[@]}" --locked 2>&1 | tee -a "$log"

# The web app builds the core without `idna` and lets the browser convert internationalised
# names. The other tests expect the `idna` crate's conversions, so only these run here.
step "core without its idna feature"
cargo clippy -p mta-sts-check --no-default-features --lib --tests --locked -- -D warnings
cargo test -p mta-sts-check --no-default-features --lib --test without_idna --locked 2>&1 |
  tee -a "$log"

step "proxy under load (500 probes on loopback)"
bash scripts/load-test.sh

step "web app (wasm32 release build)"
trunk build --release --offline

step "browser tests (headless Chromium)"
# The Check page's tests run the scenario lab, the proxy and the command line as binaries.
cargo build -p mta-sts-check-lab -p mta-sts-check-proxy -p mta-sts-check-cli --locked
node --test tests/browser/ 2>&1 | tee -a "$log"

step "bundle size"
bash scripts/bundle-size.sh

# One closing line over both runners: cargo's "test result" lines and node's "# pass/# fail".
passed=$(awk '/^test result:/ { n += $4 } /^# pass / { n += $3 } END { print n + 0 }' "$log")
failed=$(awk '/^test result:/ { n += $6 } /^# fail / { n += $3 } END { print n + 0 }' "$log")
printf '\nall checks passed\n%s passed, %s failed\n' "$passed" "$failed"
