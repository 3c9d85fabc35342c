#!/usr/bin/env bash
# Measures what a browser downloads for the web app (dist/ from `trunk build --release`): the raw
# and gzipped size of the WebAssembly module and its JavaScript glue, and fails when the gzipped
# module grows past the budget.
#
# Budget: 400 KiB gzipped, about 1.1 times the 358 KiB measured with the Policy and Certificate
# pages. Most of it is the certificate judge (RSA and elliptic-curve verification, certificate
# decoding) and Mozilla's root set; growing past it should be a decision, not an accident.
#
# FIXME: with the Reports page the module is about 433 KB gzipped, over this budget, because the
# TLS-RPT reader alone adds about 50 KB; whether to raise the budget or shrink the reader is
# still to be decided (see the README's known limitations).

set -euo pipefail
cd "$(dirname "$0")/.."

budget_bytes=$((400 * 1024))
status=0
for file in dist/*.wasm dist/*.js; do
  [ -f "$file" ] || { echo "bundle-size: no $file; run trunk build --release first" >&2; exit 2; }
  raw=$(wc -c < "$file")
  gzipped=$(gzip -9 -c "$file" | wc -c)
  printf 'bundle-size: %-50s %8d bytes raw %8d bytes gzipped\n' \
    "$(basename "$file")" "$raw" "$gzipped"
  if [[ "$file" == *.wasm ]] && [ "$gzipped" -gt "$budget_bytes" ]; then
    echo "bundle-size: the gzipped module is over the budget of $budget_bytes bytes" >&2
    status=1
  fi
done
exit "$status"
