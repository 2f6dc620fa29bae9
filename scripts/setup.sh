#!/usr/bin/env bash
# Installs what building and testing Polsslag needs beyond Rust itself: the wasm32 target and
# wasm-bindgen-cli (same version as the wasm-bindgen crate in Cargo.lock). With --browser it
# also installs Chromium and ChromeDriver (Debian packages; needs root) for the browser tests,
# and poppler-utils (pdftotext, pdftoppm) for the tests that read the PDFs;
# with --r R and its survey package (the statistics oracle);
# with --bench the Python environment of the analysis benchmark (bench/.venv).
# Safe to run again: everything already present is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "==> rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WB_VERSION" ]; then
    echo "==> cargo install wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
    cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

if [ "${1:-}" = "--browser" ]; then
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
        || ! command -v pdftotext >/dev/null; then
        echo "==> apt-get install chromium chromium-driver poppler-utils"
        SUDO=""
        [ "$(id -u)" = 0 ] || SUDO="sudo"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver poppler-utils
    fi
fi

if [ "${1:-}" = "--browser" ] && [ ! -f tests/node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null; then
        echo "==> npm install (axe-core for the accessibility checks)"
        (cd tests && npm install --no-audit --no-fund --silent)
    else
        echo "npm not found: the accessibility checks will be skipped" >&2
    fi
fi

# --r: R with the survey package, the reference implementation of methodology.md that the
# analysis tests use as an oracle (Debian package r-cran-survey; needs root).
if [ "${1:-}" = "--r" ] && ! command -v Rscript >/dev/null; then
    echo "==> apt-get install r-cran-survey"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq r-cran-survey
fi

# --bench: the Python environment of the analysis benchmark's pandas/numpy baseline.
if [ "${1:-}" = "--bench" ] && [ ! -x bench/.venv/bin/python ]; then
    echo "==> python3 -m venv bench/.venv && pip install -r bench/requirements.txt"
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install -q -r bench/requirements.txt
fi
