//! Replays the inputs kept under `fuzz/regressions/<target>/` (crashes the fuzzer found, and
//! hand-written hostile inputs) through the fuzz targets' checks, so that each stays a test in
//! `cargo test` without libFuzzer. See `scripts/fuzz.sh` for running the fuzzers.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod checks;

use std::path::Path;

#[test]
fn fuzz_regressions_still_pass() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut replayed = 0;
    for target in checks::TARGETS {
        for dir in ["regressions", "seeds"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
                continue;
            };
            let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
            paths.sort();
            for path in paths {
                let data = std::fs::read(&path).unwrap();
                let result = std::panic::catch_unwind(|| checks::check(target, &data));
                assert!(result.is_ok(), "{target}: {} fails", path.display());
                replayed += 1;
            }
        }
    }
    assert!(
        replayed > 0,
        "no fuzz inputs found under {}",
        root.display()
    );
}
