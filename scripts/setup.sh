#!/usr/bin/env bash
# Installs what building and testing Polsslag needs beyond Rust itself: the wasm32 target and
# wasm-bindgen-cli (same version as the wasm-bindgen crate in Cargo.lock). Options, in any
# combination:
#   --browser  Chromium and ChromeDriver (Debian packages; needs root) for the browser tests,
#              poppler-utils (pdftotext, pdftoppm) for the tests that read the PDFs, and
#              axe-core (npm) for the accessibility checks;
#   --r        R and its survey package (the statistics oracle; Debian package r-cran-survey);
#   --bench    the Python environment of the analysis benchmark (bench/.venv);
#   --api      schemathesis (PyPI, pinned in tests/requirements-api.txt) in tests/.venv, for
#              the test that fuzzes the API through its OpenAPI document;
#   --no-rust  leave out the wasm32 target and wasm-bindgen-cli (CI installs the packages in
#              the background while the compiler works).
# The Debian packages asked for are installed with one apt-get call.
# Safe to run again: everything already present is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

RUST=1 BROWSER=0 R=0 BENCH=0 API=0
for arg in "$@"; do
    case "$arg" in
        --browser) BROWSER=1 ;;
        --r) R=1 ;;
        --bench) BENCH=1 ;;
        --api) API=1 ;;
        --no-rust) RUST=0 ;;
        *) echo "setup.sh: unknown option $arg (use --browser, --r, --bench, --api, --no-rust)" >&2; exit 2 ;;
    esac
done

if [ "$RUST" = 1 ]; then
    WB_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        echo "==> rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
    if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WB_VERSION" ]; then
        echo "==> cargo install wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
        cargo install wasm-bindgen-cli --version "$WB_VERSION"
    fi
fi

PACKAGES=()
if [ "$BROWSER" = 1 ]; then
    command -v chromium >/dev/null || PACKAGES+=(chromium)
    command -v chromedriver >/dev/null || PACKAGES+=(chromium-driver)
    command -v pdftotext >/dev/null || PACKAGES+=(poppler-utils)
fi
# R with the survey package, the reference implementation of methodology.md that the
# analysis tests use as an oracle.
if [ "$R" = 1 ] && ! command -v Rscript >/dev/null; then
    PACKAGES+=(r-cran-survey)
fi
if [ "${#PACKAGES[@]}" -gt 0 ]; then
    echo "==> apt-get install ${PACKAGES[*]}"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${PACKAGES[@]}"
fi

if [ "$BROWSER" = 1 ] && [ ! -f tests/node_modules/axe-core/axe.min.js ]; then
    if command -v npm >/dev/null; then
        echo "==> npm install (axe-core for the accessibility checks)"
        (cd tests && npm install --no-audit --no-fund --silent)
    else
        echo "npm not found: the accessibility checks will be skipped" >&2
    fi
fi

# The Python environment of the analysis benchmark's pandas/numpy baseline.
if [ "$BENCH" = 1 ] && [ ! -x bench/.venv/bin/python ]; then
    echo "==> python3 -m venv bench/.venv && pip install -r bench/requirements.txt"
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install -q -r bench/requirements.txt
fi

# schemathesis for the API test (tests/tests/api.rs).
if [ "$API" = 1 ] && [ ! -x tests/.venv/bin/st ]; then
    echo "==> python3 -m venv tests/.venv && pip install -r tests/requirements-api.txt"
    python3 -m venv tests/.venv
    tests/.venv/bin/pip install -q -r tests/requirements-api.txt
fi
