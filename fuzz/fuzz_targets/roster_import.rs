//! `cargo +nightly fuzz run roster_import` (or `bash scripts/fuzz.sh`): see `fuzzing::roster_import`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzzing::roster_import(data));
