#!/usr/bin/env bash
# Fuzzes every target of fuzz/ (issue #14) for a bounded time: `bash scripts/fuzz.sh [SECONDS]`
# (60 per target by default; CI gives each a few minutes). Each run starts from the seeds in
# fuzz/seeds/NAME/ and the corpus it grew before (fuzz/corpus/NAME/, not committed), replays
# every kept finding in fuzz/regressions/NAME/ first, and stops at the first new finding,
# which is left in fuzz/artifacts/NAME/ with the command that replays it. Keep each fixed
# finding in fuzz/regressions/NAME/: `cargo test -p fuzzing` replays them all.
#
# The targets are cargo-fuzz targets (`cargo +nightly fuzz run NAME` works as well, with
# AddressSanitizer). Here they are built with the stable toolchain and libFuzzer's coverage
# instrumentation in Polsslag's own crates only (scripts/sancov-rustc): the dependencies are
# the ones the tests compiled, so the build takes a minute instead of a full rebuild.
# Afterwards a plain `cargo test` recompiles the workspace's own crates once.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-60}
phase() { echo "==> [fuzz +$((SECONDS / 60))m$((SECONDS % 60))s] $*"; }

phase "build the fuzz targets (coverage in the workspace's crates)"
POLSSLAG_INNER_WRAPPER=${RUSTC_WORKSPACE_WRAPPER:-}
export POLSSLAG_INNER_WRAPPER
RUSTC_WORKSPACE_WRAPPER="$PWD/scripts/sancov-rustc" cargo build -p polsslag-fuzz --bins
BIN=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/debug

SUMMARY=()
STATUS=0
for target in respondent_form roster_import analysis_bundle api_roster; do
    corpus=fuzz/corpus/$target
    artifacts=fuzz/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    seeds=(fuzz/seeds/$target)
    if [ -d "fuzz/regressions/$target" ]; then
        phase "$target: replay the kept findings"
        "$BIN/$target" -runs=0 "fuzz/regressions/$target"/* >/dev/null 2>&1 || {
            echo "a kept finding of $target fails again:" >&2
            "$BIN/$target" -runs=0 "fuzz/regressions/$target"/* 2>&1 | tail -30 >&2
            exit 1
        }
    fi
    phase "$target: fuzz for ${SECONDS_EACH}s"
    LOG=$(mktemp)
    if "$BIN/$target" "$corpus" "${seeds[@]}" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" >"$LOG" 2>&1; then
        runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$LOG" | grep -Eo '[0-9]+$' || echo 0)
        cov=$(grep -Eo 'cov: [0-9]+' "$LOG" | tail -1 | grep -Eo '[0-9]+' || echo 0)
        inputs=$(find "$corpus" -type f | wc -l)
        SUMMARY+=("$target: ${SECONDS_EACH}s, $runs inputs run, coverage $cov edges, corpus $inputs inputs, no finding")
    else
        tail -40 "$LOG"
        SUMMARY+=("$target: FINDING in $artifacts/ (replay: $BIN/$target $artifacts/<file>)")
        STATUS=1
    fi
    rm -f "$LOG"
done
for s in "${SUMMARY[@]}"; do echo "fuzz: $s"; done
exit "$STATUS"
