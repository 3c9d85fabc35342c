#!/usr/bin/env bash
# Measures what a browser downloads for the web app (dist/ from `trunk build --release`): the
# page, its JavaScript, the WebAssembly module and the style sheet, each raw and compressed
# with `gzip -9` as a server would send it, and the gzipped total. Fails when the total is over
# the budget.
#
# The design allows 400,000 bytes gzipped for the whole app. The largest parts are the
# certificate judge (RSA and elliptic-curve verification, certificate decoding) with Mozilla's
# root set, the pages themselves (the domain check with its fact gathering and JSON export, the
# Policy, Certificate and Reports pages), and the TLS-RPT reader.

set -euo pipefail
cd "$(dirname "$0")/.."

budget_bytes=400000
shopt -s nullglob
for pattern in index.html '*.js' '*.wasm' '*.css'; do
  # shellcheck disable=SC2206 # the pattern is meant to expand
  found=(dist/$pattern)
  if [ ! -e "${found[0]:-}" ]; then
    echo "bundle-size: no dist/$pattern; run trunk build --release first" >&2
    exit 2
  fi
done

files=(dist/index.html dist/*.js dist/*.wasm dist/*.css)
total=0
for file in "${files[@]}"; do
  raw=$(wc -c < "$file")
  gzipped=$(gzip -9 -c "$file" | wc -c)
  total=$((total + gzipped))
  printf 'bundle-size: %-50s %8d bytes raw %8d bytes gzipped\n' \
    "$(basename "$file")" "$raw" "$gzipped"
done
printf 'bundle-size: %-50s %8s           %8d bytes gzipped (budget %d)\n' \
  "total" "" "$total" "$budget_bytes"
if [ "$total" -gt "$budget_bytes" ]; then
  echo "bundle-size: the app is over the budget of $budget_bytes bytes gzipped" >&2
  exit 1
fi
