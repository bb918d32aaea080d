//! Fuzz target `load`: see [`newsprep_fuzz::load`] for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsprep_fuzz::load(data));
