//! Fuzz target `sentences`: see [`newsprep_fuzz::sentences`] for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsprep_fuzz::sentences(data));
