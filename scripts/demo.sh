#!/usr/bin/env bash
# Builds Polsslag and runs it with demo data on SQLite.
# The first run fills polsslag.db with a synthetic organisation of 65,000 employees
# (POLSSLAG_DEMO_EMPLOYEES to change) and keeps the printed links in polsslag-demo.txt.
# Arguments go to `polsslag serve` (e.g. --bind 0.0.0.0:8080); the printed links point where
# it listens.
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

# Where `serve` will listen: --bind ADDR, --bind=ADDR, POLSSLAG_BIND, else its default.
BIND=${POLSSLAG_BIND:-127.0.0.1:3000}
ARGS=("$@")
for i in "${!ARGS[@]}"; do
    case "${ARGS[$i]}" in
        --bind) BIND=${ARGS[$((i + 1))]:-$BIND} ;;
        --bind=*) BIND=${ARGS[$i]#--bind=} ;;
        # The sealing key: the demo must seal with the key `serve` will open with.
        --key-file) export POLSSLAG_KEY_FILE=${ARGS[$((i + 1))]} ;;
        --key-file=*) export POLSSLAG_KEY_FILE=${ARGS[$i]#--key-file=} ;;
    esac
done

if [ ! -f polsslag.db ]; then
    "$BIN" demo --employees "${POLSSLAG_DEMO_EMPLOYEES:-65000}" --bind "$BIND" | tee polsslag-demo.txt
else
    echo "polsslag.db bestaat al / already exists; links from the first run:"
    if [ -f polsslag-demo.txt ]; then
        # The links of the first run, pointing where the server listens now (the same rule
        # as server::config::base_url_for: an unspecified address is reached as loopback).
        case "$BIND" in
            0.0.0.0:*) BASE="http://127.0.0.1:${BIND##*:}" ;;
            "[::]":*) BASE="http://[::1]:${BIND##*:}" ;;
            *) BASE="http://$BIND" ;;
        esac
        sed -E "s#https?://[^ /]+/p/#$BASE/p/#g" polsslag-demo.txt
    else
        echo "(geen polsslag-demo.txt / none: remove polsslag.db for a fresh demo)"
    fi
fi
exec "$BIN" serve "$@"
