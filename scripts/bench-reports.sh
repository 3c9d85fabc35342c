#!/usr/bin/env bash
# The TLS-RPT report reader against parsedmarc, on the same files, in one run (not run in CI).
#
# Generates (once, seeded) 1,500 reports of about 75 KiB and one report of about 110 MB, with
# the expected totals written by the generator; builds `mta-sts-check` with the `cli` profile;
# installs a pinned parsedmarc into a virtual environment under the cache folder; reads the set
# with `mta-sts-check report --json` and with parsedmarc's `parse_report_file` (offline, with
# network use refused and counted, in a network namespace when `unshare -n` works); checks both
# totals against the expected ones; and prints throughput (wall clock and CPU time), peak memory
# (max RSS) and the ratios. Then a 200 MB report, over the reader's 128 MiB limit, must be
# refused with a clear error and little memory.
#
# Usage: scripts/bench-reports.sh [RUNS]   (best of RUNS runs per tool, 3 by default)
# Data goes to $BENCH_DATA (default: $CARGO_TARGET_DIR/bench-reports, or target/bench-reports).
set -euo pipefail

RUNS="${1:-3}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
DATA="${BENCH_DATA:-$TARGET_DIR/bench-reports}"
PARSEDMARC_VERSION=11.1.0
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/mta-sts-check/tools"
VENV="$TOOLS/parsedmarc-$PARSEDMARC_VERSION"
SEED=8460

step() { printf '== %s\n' "$*" >&2; }

step "building mta-sts-check with the cli profile (opt-level 3; release is size-tuned)"
cargo build --quiet -p mta-sts-check-cli --profile cli --locked --manifest-path "$ROOT/Cargo.toml"
BIN="$TARGET_DIR/cli/mta-sts-check"

SET="$DATA/set-$SEED"
if [[ ! -f "$SET/expected.json" ]]; then
    step "generating the report set in $SET"
    rm -rf "$SET"
    python3 "$ROOT/scripts/gen-tlsrpt-reports.py" "$SET" --seed "$SEED"
fi
BAD="$DATA/bad-200mb-$SEED.json"
if [[ ! -f "$BAD" ]]; then
    step "generating the 200 MB report"
    python3 "$ROOT/scripts/gen-tlsrpt-reports.py" "$BAD.tmp" --seed "$SEED" --single-mb 200
    mv "$BAD.tmp" "$BAD"
fi

if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c "import parsedmarc" 2>/dev/null; then
    step "installing parsedmarc $PARSEDMARC_VERSION into $VENV"
    mkdir -p "$TOOLS"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "parsedmarc==$PARSEDMARC_VERSION"
fi

NET=()
if unshare -n true 2>/dev/null; then
    NET=(unshare -n)
else
    step "unshare -n is not available: parsedmarc runs offline with network use refused"
fi

mapfile -t FILES < <(cd "$SET" && ls report-*.json big-report.json)
BYTES=$(cd "$SET" && cat "${FILES[@]}" | wc -c)
OUT="$DATA/out"
mkdir -p "$OUT"

# best_of NAME MAX_STATUS COMMAND...: runs the command RUNS times in $SET, keeping the output of
# the last run in $OUT/NAME.json and "wall user sys maxrss_kb" of the fastest in $OUT/NAME.time;
# an exit status over MAX_STATUS stops the benchmark.
best_of() {
    local name="$1" max_status="$2"
    shift 2
    local best="" status
    for _ in $(seq "$RUNS"); do
        status=0
        (cd "$SET" && /usr/bin/time -f "%e %U %S %M" -o "$OUT/$name.run" "$@" \
            >"$OUT/$name.json") || status=$?
        if ((status > max_status)); then
            echo "$name exited with status $status" >&2
            exit 1
        fi
        if [[ -z "$best" ]] || awk -v a="$(tail -n1 "$OUT/$name.run" | cut -d' ' -f1)" \
            -v b="$(cut -d' ' -f1 <<<"$best")" 'BEGIN { exit !(a < b) }'; then
            best="$(tail -n1 "$OUT/$name.run")"
        fi
    done
    echo "$best" >"$OUT/$name.time"
}

step "reading $BYTES bytes in ${#FILES[@]} files with mta-sts-check ($RUNS runs)"
# 1 is a report with error findings, which generated data does not have but real data may.
best_of ours 1 "$BIN" report --json "${FILES[@]}"
step "reading the same files with parsedmarc $PARSEDMARC_VERSION ($RUNS runs)"
best_of parsedmarc 0 "${NET[@]}" "$VENV/bin/python" "$ROOT/scripts/parsedmarc-tls-totals.py" \
    "${FILES[@]}"

step "the 200 MB report: refused with a clear error, in bounded memory"
set +e
/usr/bin/time -f "%e %U %S %M" -o "$OUT/bad.time" "$BIN" report --json "$BAD" \
    >"$OUT/bad.json" 2>"$OUT/bad.err"
BAD_STATUS=$?
set -e

python3 - "$SET/expected.json" "$OUT" "$BYTES" "$BAD_STATUS" "$(wc -c <"$BAD")" <<'EOF'
import json
import sys

expected_path, out, total, bad_status, bad_bytes = sys.argv[1:]
total, bad_status, bad_bytes = int(total), int(bad_status), int(bad_bytes)
expected = json.load(open(expected_path))
keys = ["reports", "successful", "failed", "failure_detail_sessions"]

ours = json.load(open(f"{out}/ours.json"))
ours_totals = {
    "reports": ours["totals"]["reports"],
    "successful": ours["totals"]["successful"],
    "failed": ours["totals"]["failed"],
    "failure_detail_sessions": sum(
        sum(group["by_result_type"].values()) for group in ours["summary"]
    ),
}
theirs = json.load(open(f"{out}/parsedmarc.json"))
failed = False
for name, got in (("mta-sts-check", ours_totals), ("parsedmarc", theirs)):
    wrong = {key: (got[key], expected[key]) for key in keys if got[key] != expected[key]}
    print(f"{name}: totals {'match' if not wrong else 'DIFFER (got, expected): ' + str(wrong)}")
    failed |= bool(wrong)
print(f"parsedmarc: network attempts: {theirs.get('network_attempts')}")


def times(name):
    # GNU time puts "Command exited with non-zero status N" before the figures.
    wall, user, system, rss = open(f"{out}/{name}.time").read().strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024


mb = total / 1e6
rows = []
for name, label in (("ours", "mta-sts-check report --json"), ("parsedmarc", "parsedmarc")):
    wall, cpu, rss = times(name)
    rows.append((label, wall, mb / wall, cpu, mb / cpu, rss))
print()
print(f"{mb:.1f} MB of JSON in {expected['reports']} reports (best of runs)")
print(f"{'tool':<30} {'wall s':>7} {'MB/s':>7} {'CPU s':>7} {'MB/s CPU':>9} {'max RSS MB':>11}")
for label, wall, rate, cpu, cpu_rate, rss in rows:
    print(f"{label:<30} {wall:>7.2f} {rate:>7.1f} {cpu:>7.2f} {cpu_rate:>9.1f} {rss:>11.1f}")
(_, w1, r1, c1, cr1, m1), (_, w2, r2, c2, cr2, m2) = rows
print(f"{'ratio (ours / parsedmarc)':<30} {'':>7} {r1 / r2:>6.1f}x {'':>7} {cr1 / cr2:>8.1f}x "
      f"{m1 / m2:>10.2f}x")

wall, cpu, rss = times("bad")
message = open(f"{out}/bad.err").read().strip()
clear = bad_status == 2 and "larger than" in message
print()
print(f"200 MB report ({bad_bytes} bytes): exit {bad_status} in {wall:.2f} s, "
      f"max RSS {rss:.1f} MB: {message}")
if not clear:
    print("the 200 MB report was not refused with a clear error")
sys.exit(1 if failed or not clear else 0)
EOF
