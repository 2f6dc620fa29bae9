#!/usr/bin/env bash
# Builds the hydration bundle (frontend -> WASM + JS glue) into target/<profile>/pkg, beside
# the polsslag binary, where the server looks for it. Usage: build-wasm.sh [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE=${1:-debug}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
if [ "$PROFILE" = release ]; then
    cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
    WASM="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/frontend.wasm"
else
    cargo build -p frontend --lib --target wasm32-unknown-unknown
    WASM="$TARGET_DIR/wasm32-unknown-unknown/debug/frontend.wasm"
fi
OUT="$TARGET_DIR/$PROFILE/pkg"
mkdir -p "$OUT"
wasm-bindgen "$WASM" --target web --no-typescript --out-dir "$OUT" --out-name frontend
echo "WASM bundle: $(du -h "$OUT/frontend_bg.wasm" | cut -f1) in $OUT"
