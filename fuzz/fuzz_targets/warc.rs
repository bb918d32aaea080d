//! Fuzz target `warc`: see [`newsprep_fuzz::warc`] for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newsprep_fuzz::warc(data));
