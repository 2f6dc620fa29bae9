//! `cargo +nightly fuzz run analysis_bundle` (or `bash scripts/fuzz.sh`): see `fuzzing::analysis_bundle`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzzing::analysis_bundle(data));
