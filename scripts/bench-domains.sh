#!/usr/bin/env bash
# Measures how `mta-sts-check domain` scales: one lab domain, then 100 lab domains checked
# concurrently, all on loopback (the scenario lab with 100 healthy bulk domains, each server
# answering after LATENCY_MS, 50 by default, as if far away). Prints the median of five runs
# and the ratio; the total should grow far slower than the count.
#
# Uses the dev profile (dependencies optimised), the build the tests use.

set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --locked --quiet -p mta-sts-check-cli -p mta-sts-check-lab
target=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
work=$(mktemp -d)
trap 'exec 3>&-; rm -rf "$work"' EXIT

# The lab runs until its standard input closes: keep a pipe open to it on descriptor 3.
mkfifo "$work/lab-in"
"$target/debug/mta-sts-check-lab" 100 "${LATENCY_MS:-50}" <"$work/lab-in" >"$work/lab.json" &
exec 3>"$work/lab-in"
for _ in $(seq 100); do [ -s "$work/lab.json" ] && break; sleep 0.1; done

read -r dns smtp https < <(python3 -c '
import json, sys
lab = json.load(open(sys.argv[1]))
open(sys.argv[2], "w").write(lab["root_pem"])
print(lab["dns"], lab["smtp_port"], lab["https_port"])
' "$work/lab.json" "$work/root.pem")
mapfile -t bulk < <(python3 -c 'import json,sys; print("\n".join(json.load(open(sys.argv[1]))["bulk"]))' "$work/lab.json")

check() {
  "$target/debug/mta-sts-check" domain --json --resolver "$dns" --smtp-port "$smtp" \
    --https-port "$https" --allow-private-targets --roots "$work/root.pem" "$@" >"$work/out.jsonl"
}

median() {
  local runs=() start end
  for _ in 1 2 3 4 5; do
    start=$(date +%s.%N); check "$@" || true; end=$(date +%s.%N)
    runs+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p
}

one=$(median "${bulk[0]}")
grep -q '"code":"enforced"' "$work/out.jsonl" || { echo "bench: the lab domain is not healthy"; exit 1; }
hundred8=$(median --jobs 8 "${bulk[@]}")
hundred32=$(median --jobs 32 "${bulk[@]}")
enforced=$(grep -c '"code":"enforced"' "$work/out.jsonl")

printf 'bench: 1 domain                %6.2f s\n' "$one"
printf 'bench: 100 domains, --jobs 8   %6.2f s  (%.1fx one domain)\n' "$hundred8" \
  "$(echo "$hundred8 / $one" | bc -l)"
printf 'bench: 100 domains, --jobs 32  %6.2f s  (%.1fx one domain)\n' "$hundred32" \
  "$(echo "$hundred32 / $one" | bc -l)"
printf 'bench: %s of 100 domains enforced and working\n' "$enforced"
