#!/usr/bin/env bash
# Runs the whole test suite: unit and integration tests on SQLite and PostgreSQL, the analysis
# oracle tests, and the browser tests against the real binary in headless Chromium.
# Without PostgreSQL or Chromium those tests are skipped with a loud SKIPPED line;
# POLSSLAG_REQUIRE_ALL=1 (set by .ci/run) turns a skip into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh debug
cargo build -p server --bin polsslag
# Never `cargo test --workspace`: the default members leave out `frontend` (wasm only).
cargo test "$@"
# Drop the PostgreSQL databases the tests created (best effort).
if command -v psql >/dev/null; then
    psql -q -h 127.0.0.1 -U postgres -d test -Atc \
        "SELECT 'DROP DATABASE ' || datname || ';' FROM pg_database WHERE datname LIKE 'polsslag_test_%'" 2>/dev/null \
        | psql -q -h 127.0.0.1 -U postgres -d test >/dev/null 2>&1 || true
fi
