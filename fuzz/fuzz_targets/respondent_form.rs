//! `cargo +nightly fuzz run respondent_form` (or `bash scripts/fuzz.sh`): see `fuzzing::respondent_form`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzzing::respondent_form(data));
