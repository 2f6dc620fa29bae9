#!/usr/bin/env bash
# Builds Polsslag (server + WASM, release) and runs it with demo data on SQLite.
# The first run fills polsslag.db with a synthetic organisation of 65,000 employees
# (POLSSLAG_DEMO_EMPLOYEES to change) and keeps the printed links in polsslag-demo.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh release
cargo build --release -p server --bin polsslag
BIN=target/release/polsslag
if [ ! -f polsslag.db ]; then
    "$BIN" demo --employees "${POLSSLAG_DEMO_EMPLOYEES:-65000}" | tee polsslag-demo.txt
else
    echo "polsslag.db bestaat al / already exists; links from the first run:"
    cat polsslag-demo.txt 2>/dev/null || echo "(geen polsslag-demo.txt / none: remove polsslag.db for a fresh demo)"
fi
exec "$BIN" serve "$@"
