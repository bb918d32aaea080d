//! Throughput of the WARC reader and of archive-to-articles, one thread.
//!
//! `cargo bench --bench warc_read -- ARCHIVE.warc.gz [--repeats N]` reads the archive
//! (decompress + parse + payload decoding) and then extracts every HTML record with the
//! default extractor, and prints MB/s of uncompressed WARC for each. Build an archive
//! with `python benches/bench_warc.py --tmp DIR` (it leaves `DIR/dev.warc.gz`).
use std::time::Instant;

use newsprep::batch::Threads;
use newsprep::html::Extractor;
use newsprep::warc::{ArticleReader, Entry, ReaderConfig, WarcReader};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(path) = args.first() else {
        eprintln!("usage: warc_read ARCHIVE.warc[.gz] [--repeats N]");
        std::process::exit(2);
    };
    let repeats: usize = args
        .iter()
        .position(|a| a == "--repeats")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let data = std::fs::read(path).expect("read the archive");
    let mut best_read = f64::MAX;
    let mut best_extract = f64::MAX;
    let mut uncompressed = 0u64;
    let mut records = 0u64;
    let mut articles = 0u64;
    for _ in 0..repeats {
        let t = Instant::now();
        let mut r = WarcReader::new(&data[..], ReaderConfig::default()).expect("a WARC archive");
        let mut payload = 0;
        while let Some(e) = r.next_entry().expect("in memory") {
            if let Entry::Record(rec) = e {
                payload += rec.payload.len();
            }
        }
        best_read = best_read.min(t.elapsed().as_secs_f64());
        assert!(payload > 0, "no HTML payload in {path}");
        records = r.counts().returned;
        uncompressed = r.archive_bytes();

        let t = Instant::now();
        let reader = WarcReader::new(&data[..], ReaderConfig::default()).expect("a WARC archive");
        let mut ar = ArticleReader::new(
            reader,
            Extractor::new(),
            1000,
            64 << 20,
            Threads::Exactly(1),
            false,
        );
        let mut n = 0;
        while let Some(batch) = ar.next_batch().expect("in memory") {
            n += batch.len() as u64;
        }
        best_extract = best_extract.min(t.elapsed().as_secs_f64());
        articles = n;
    }
    let mb = uncompressed as f64 / 1e6;
    println!(
        "{path}: {:.1} MB compressed, {mb:.1} MB uncompressed, {records} HTML records, {articles} articles",
        data.len() as f64 / 1e6
    );
    println!(
        "read only:         {best_read:.3} s  {:.0} MB/s",
        mb / best_read
    );
    println!(
        "read + extract:    {best_extract:.3} s  {:.1} MB/s (one thread)",
        mb / best_extract
    );
}
