//! Fuzz target `find`: see [`newsprep_fuzz::find`] for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsprep_fuzz::find(data));
