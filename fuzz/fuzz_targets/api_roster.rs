//! `cargo +nightly fuzz run api_roster` (or `bash scripts/fuzz.sh`): see `fuzzing::api_roster`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzzing::api_roster(data));
