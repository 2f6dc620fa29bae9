#!/usr/bin/env bash
# Builds Polsslag and runs it with demo data on SQLite.
# The first run fills polsslag.db with a synthetic organisation of 65,000 employees
# (POLSSLAG_DEMO_EMPLOYEES to change) and keeps the printed links in polsslag-demo.txt.
#
# The server is built in the dev profile, the one the tests use, so `scripts/test.sh` after a
# demo (or the other way round) builds nothing twice; the WASM bundle that browsers download
# is built size-optimised. POLSSLAG_RELEASE=1 builds the server in the release profile
# instead (for measuring speed; much longer to build, see the README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "${POLSSLAG_RELEASE:-0}" = 1 ]; then
    DIR=release
    cargo build --release -p server --bin polsslag
else
    DIR=debug
    cargo build -p server --bin polsslag
fi
bash scripts/build-wasm.sh release "$DIR"
BIN=target/$DIR/polsslag
if [ ! -f polsslag.db ]; then
    "$BIN" demo --employees "${POLSSLAG_DEMO_EMPLOYEES:-65000}" | tee polsslag-demo.txt
else
    echo "polsslag.db bestaat al / already exists; links from the first run:"
    cat polsslag-demo.txt 2>/dev/null || echo "(geen polsslag-demo.txt / none: remove polsslag.db for a fresh demo)"
fi
exec "$BIN" serve "$@"
