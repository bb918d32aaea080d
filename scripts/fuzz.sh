#!/usr/bin/env bash
# Builds the fuzz targets in fuzz/ (cargo-fuzz layout, libFuzzer) and runs each for a bounded time.
#
#   scripts/fuzz.sh                      every target for 30 s (a smoke run)
#   scripts/fuzz.sh --minutes 10         the real campaign: 10 minutes per target, one after another
#   scripts/fuzz.sh --seconds 60 find    some targets only
#   scripts/fuzz.sh --build-only         build the targets (what CI does, in a debug build)
#   scripts/fuzz.sh --jobs 2 ...         libFuzzer workers per target (default 1: the machine is shared)
#
# Targets: sentences, clean, find, load, extract, warc (what each checks: fuzz/src/lib.rs). The corpus
# grows in fuzz/corpus/<target>/ (not committed); the committed inputs in fuzz/seeds/<target>/ and
# fuzz/regressions/<target>/ are read too. A crash is written to fuzz/artifacts/<target>/ and the
# script exits 1: copy the input into fuzz/regressions/<target>/ (tests/fuzz_regressions.rs replays
# it in `cargo test`), then fix it.
#
# Why no cargo-fuzz: the machine has one stable Rust toolchain, and cargo-fuzz's sanitizers need
# nightly flags (-Zsanitizer). This script passes the same coverage flags cargo-fuzz passes with
# `--sanitizer none` (all stable: sancov passes, --cfg fuzzing), and keeps debug assertions and
# overflow checks on. The core's only `unsafe` is SIMD loads on bounds-checked slices
# (src/boilerplate/lines.rs; src/boilerplate/features.rs: byte_counts, byte_masks, has_url;
# src/boilerplate/meta.rs: notice_marks, SSE2 and AVX2 behind a runtime check; src/boilerplate/headline.rs: alnum_mask; src/offsets.rs;
# src/sentences/scan.rs: the SSSE3 scan behind a runtime feature check; src/entities/matcher.rs: the
# SSE2 word and block masks), one UTF-8 assertion
# (src/boilerplate/features.rs) and one call of code compiled for CPU features checked at run time
# (features.rs: line_facts_bit_ops), each tested against a byte-by-byte reference or the baseline build; with a nightly toolchain, `cargo fuzz run <target>` works on
# the same layout, with AddressSanitizer.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds=30
jobs=1
build_only=0
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
    --minutes) seconds=$(($2 * 60)); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --build-only) build_only=1; shift ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(sentences clean find load extract warc)

if [ "$build_only" = 1 ]; then
    # A plain debug build: checks that every target compiles and links against libFuzzer, and that
    # fuzz/Cargo.lock is current (--locked: a stale lock would be rewritten by every run) (CI
    # points CARGO_TARGET_DIR at the main crate's target/ to reuse its dependencies).
    cargo build --bins --quiet --locked
    echo "fuzz targets built: ${targets[*]}"
    exit 0
fi

export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks \
-Cforce-frame-pointers=yes"
# Own target directory: the instrumented build must not mix with plain ones. An explicit
# --target keeps RUSTFLAGS off build scripts and proc macros (as cargo-fuzz does).
export CARGO_TARGET_DIR="$PWD/target/instrumented"
host=$(rustc -vV | sed -n 's/^host: //p')
cargo build --release --bins --quiet --target "$host"
bin="$CARGO_TARGET_DIR/$host/release"

status=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t" "seeds/$t" "regressions/$t"
    echo "==> $t for ${seconds}s ($(uptime | sed 's/.*load/load/'))"
    # -timeout: one input taking 10 s is a hang (the promise is linear time);
    # -rss_limit_mb: memory bounded to a small multiple of the input.
    parallel=()
    [ "$jobs" -gt 1 ] && parallel=(-fork="$jobs")
    if ! "$bin/$t" "corpus/$t" "seeds/$t" "regressions/$t" "${parallel[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=16384 -artifact_prefix="artifacts/$t/" -print_final_stats=1 2>"artifacts/$t.log"; then
        status=1
        echo "!! $t failed: see fuzz/artifacts/$t.log and fuzz/artifacts/$t/"
        tail -n 30 "artifacts/$t.log"
    else
        grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done)" "artifacts/$t.log" || tail -n 3 "artifacts/$t.log"
    fi
done
exit $status
