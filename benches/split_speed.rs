//! Measures the core splitter alone: `cargo bench --bench split_speed -- FILE.jsonl [MB]`.
//! Each line of FILE must be a JSON object with a "text" field (the GUM news dev file works).
use std::time::Instant;

use newsprep::sentences::SentenceSplitter;

fn main() {
    // `cargo bench` adds `--bench`; without a file there is nothing to measure.
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let Some(path) = args.next() else {
        eprintln!("usage: cargo bench --bench split_speed -- FILE.jsonl [MB]");
        return;
    };
    let mb: f64 = args
        .next()
        .map_or(20.0, |s| s.parse().expect("MB must be a number"));
    let docs: Vec<String> = std::fs::read_to_string(&path)
        .expect("cannot read the file")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let mut corpus = Vec::new();
    let mut size = 0usize;
    while (size as f64) < mb * 1e6 {
        for d in &docs {
            size += d.len();
            corpus.push(d.as_str());
        }
    }
    let splitter = SentenceSplitter::new();
    let mut out = Vec::new();
    for round in 0..3 {
        let t0 = Instant::now();
        let mut n = 0;
        for d in &corpus {
            out.clear();
            splitter.spans_into(d, &mut out);
            n += out.len();
        }
        let dt = t0.elapsed().as_secs_f64();
        println!(
            "round {round}: {:.0} MB/s ({n} sentences)",
            size as f64 / dt / 1e6
        );
    }
    // Scaling of the batch pool alone (no Python): 1 thread against 2.
    for threads in [1, 2, 1, 2, 1, 2] {
        let pool = newsprep::batch::Pool::new(newsprep::batch::Threads::Exactly(threads), false);
        let t0 = Instant::now();
        let n: usize = pool.map(&corpus, |d| splitter.spans(d).len()).iter().sum();
        let dt = t0.elapsed().as_secs_f64();
        println!(
            "pool, {threads} thread(s): {:.0} MB/s ({n} sentences)",
            size as f64 / dt / 1e6
        );
    }
}
