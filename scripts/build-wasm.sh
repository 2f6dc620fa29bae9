#!/usr/bin/env bash
# Builds the hydration bundle (frontend -> WASM + JS glue) into target/<dir>/pkg, beside the
# polsslag binary, where the server looks for it.
# Usage: build-wasm.sh [debug|release] [DIR]
#   debug|release  the WASM build (release: the size-optimised `wasm-release` profile)
#   DIR            the binary's profile directory to put pkg/ in (default: same as the build)
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE=${1:-debug}
DIR=${2:-$PROFILE}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
if [ "$PROFILE" = release ]; then
    cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
    WASM="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm"
else
    cargo build -p frontend --lib --target wasm32-unknown-unknown
    WASM="$TARGET_DIR/wasm32-unknown-unknown/debug/frontend.wasm"
fi
OUT="$TARGET_DIR/$DIR/pkg"
mkdir -p "$OUT"
# The release bundle leaves out the function names (5.5 of its 8.4 MB; 1.37 MB gzipped becomes
# 0.91 MB). wasm-opt -Oz is not run: on top of this it made the gzipped file larger (0.99 MB;
# bench/results/weight.json), and Debian's binaryen breaks hydration.
STRIP=()
[ "$PROFILE" = release ] && STRIP=(--remove-name-section --remove-producers-section)
wasm-bindgen "$WASM" --target web --no-typescript --out-dir "$OUT" --out-name frontend "${STRIP[@]}"
echo "WASM bundle: $(du -h "$OUT/frontend_bg.wasm" | cut -f1) in $OUT"
