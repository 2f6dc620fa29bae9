#!/usr/bin/env bash
# Runs the whole test suite: unit and integration tests on SQLite and PostgreSQL, the analysis
# oracle tests, and the browser tests against the real binary in headless Chromium.
# Without PostgreSQL or Chromium those tests are skipped with a loud SKIPPED line;
# POLSSLAG_REQUIRE_ALL=1 (set by .ci/run) turns a skip into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# Say loudly, before and after, what cannot run here (cargo hides a passing test's output).
SKIPS=()
PG_URL=${POLSSLAG_TEST_PG:-postgres://postgres@127.0.0.1:5432/test}
if ! (command -v pg_isready >/dev/null && pg_isready -d "$PG_URL" -q) &&
   ! (command -v psql >/dev/null && psql "$PG_URL" -qAtc 'select 1' >/dev/null 2>&1); then
    SKIPS+=("PostgreSQL not reachable at $PG_URL: the PostgreSQL tests are skipped")
fi
if ! command -v chromedriver >/dev/null || ! command -v chromium >/dev/null; then
    SKIPS+=("chromium/chromedriver not installed: the browser tests are skipped (bash scripts/setup.sh --browser)")
fi
if ! command -v Rscript >/dev/null; then
    SKIPS+=("Rscript not found: the check against R's survey package is skipped (bash scripts/setup.sh --r)")
fi
if [ ! -x tests/.venv/bin/st ] && [ -z "${POLSSLAG_SCHEMATHESIS:-}" ]; then
    SKIPS+=("schemathesis not installed: the API is not fuzzed through its OpenAPI document (bash scripts/setup.sh --api)")
fi
if ! command -v python3 >/dev/null; then
    SKIPS+=("python3 not found: the analysis oracle tests are skipped")
fi
warn_skips() {
    for s in "${SKIPS[@]}"; do
        echo "*** SKIPPED: $s ***"
    done
}
warn_skips
echo "==> [+${SECONDS}s] build the WASM and the binary"
bash scripts/build-wasm.sh debug
cargo build -p server --bin polsslag
echo "==> [+${SECONDS}s] cargo test"
# Never `cargo test --workspace`: the default members leave out `frontend` (wasm only).
LOG=$(mktemp)
set +e
cargo test "$@" 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}
set -e
echo "==> [+${SECONDS}s] tests done"
# Drop the PostgreSQL databases the tests created (best effort).
if command -v psql >/dev/null; then
    psql -q -h 127.0.0.1 -U postgres -d test -Atc \
        "SELECT 'DROP DATABASE ' || datname || ';' FROM pg_database WHERE datname LIKE 'polsslag_test_%'" 2>/dev/null \
        | psql -q -h 127.0.0.1 -U postgres -d test >/dev/null 2>&1 || true
fi

# One closing line over all test binaries (the last binary cargo runs has no tests of its own).
PASSED=$(grep -Eo '[0-9]+ passed' "$LOG" | awk '{s+=$1} END {print s+0}')
FAILED=$(grep -Eo '[0-9]+ failed' "$LOG" | awk '{s+=$1} END {print s+0}')
SKIPPED=${#SKIPS[@]}
rm -f "$LOG"
echo
warn_skips
echo "summary: $PASSED passed, $FAILED failed, $SKIPPED skipped"
exit "$STATUS"
