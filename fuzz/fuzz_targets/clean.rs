//! Fuzz target `clean`: see [`newsprep_fuzz::clean`] for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsprep_fuzz::clean(data));
