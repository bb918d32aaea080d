//! Fuzz target `extract`: see [`newsprep_fuzz::extract`] for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsprep_fuzz::extract(data));
