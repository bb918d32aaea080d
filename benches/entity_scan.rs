//! Builds an entity matcher from a gazetteer JSONL file and scans a corpus.
//!
//! ```text
//! cargo bench --bench entity_scan -- --gaz GAZ.jsonl --corpus NEWS.jsonl \
//!     [--accents] [--all] [--case-sensitive] [--fold-acronyms] [--repeats 5] [--max-docs N]
//!     [--dump OUT.jsonl] [--fallback]
//! ```
//!
//! Gazetteer lines: `{"id", "label", "names": [...]}`; corpus lines:
//! `{"id", "text"}`. Reports build time, resident memory, single-threaded
//! MB/s (one `find_into` call per document) and the match count. `--dump`
//! writes one line per document, `{"id", "matches": [[start, end, entity_id,
//! name], ...]}`, with code-point offsets. `--compare-ac` also times the
//! usual alternative: an `aho-corasick` overlapping scan of a lowercased
//! copy of each text, a word-boundary filter, and leftmost-longest
//! selection among the valid matches (ASCII boundaries only: a speed
//! reference, not an exact implementation).

use newsprep::entities::{EntityMatcher, Match, MatcherBuilder, Overlaps, Record};
use newsprep::offsets::CharOffsets;
use serde::Deserialize;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

#[derive(Deserialize)]
struct Doc {
    id: String,
    text: String,
}

fn rss_mb(field: &str) -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    for line in s.lines() {
        if let Some(rest) = line.strip_prefix(field) {
            let kb: f64 = rest
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .unwrap_or(0.0);
            return kb / 1024.0;
        }
    }
    0.0
}

/// CPU time of this thread in seconds (Linux `schedstat`): on a shared
/// machine, wall time also counts the time spent waiting for a core.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |ns| ns / 1e9)
}

fn read_jsonl<T: for<'de> Deserialize<'de>>(path: &str) -> Vec<T> {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    BufReader::new(f)
        .lines()
        .map(|l| l.expect("read"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(&l).expect("bad JSONL line"))
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .map(|i| args[i + 1].clone())
    };
    let has = |flag: &str| args.iter().any(|a| a == flag);
    let Some(gaz) = get("--gaz") else {
        // `cargo bench` runs every bench without arguments: nothing to measure then.
        eprintln!(
            "usage: cargo bench --bench entity_scan -- --gaz GAZ.jsonl [--corpus NEWS.jsonl] ..."
        );
        return;
    };
    let corpus = get("--corpus")
        .unwrap_or_else(|| "/work/shared/data/entities/news_reuters.dev.jsonl".into());
    let repeats: usize = get("--repeats").map_or(5, |s| s.parse().unwrap());
    let max_docs: usize = get("--max-docs").map_or(0, |s| s.parse().unwrap());

    let rss0 = rss_mb("VmRSS:");
    // Records are streamed from the file into the builder, so that they are
    // never all in memory at once (`--no-stream` loads them first).
    let stream = !has("--no-stream");
    let (mut n_records, mut n_names) = (0usize, 0usize);
    let loaded: Vec<Record> = if stream { Vec::new() } else { read_jsonl(&gaz) };
    let rss1 = rss_mb("VmRSS:");
    let lines = BufReader::new(std::fs::File::open(&gaz).unwrap_or_else(|e| panic!("{gaz}: {e}")))
        .lines()
        .map(|l| l.expect("read"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<Record>(&l).expect("bad JSONL line"));
    let records: Box<dyn Iterator<Item = Record>> = if stream {
        Box::new(lines)
    } else {
        Box::new(loaded.into_iter())
    };
    let records = records.inspect(|r| {
        n_records += 1;
        n_names += r.names.len();
    });
    let t = Instant::now();
    let matcher: EntityMatcher = MatcherBuilder::new()
        // the reference folds every name: --fold-acronyms for check_entities_reference.py
        .exact_case_acronyms(!has("--fold-acronyms"))
        .case_sensitive(has("--case-sensitive"))
        .fold_accents(has("--accents"))
        .overlaps(if has("--all") {
            Overlaps::All
        } else {
            Overlaps::LeftmostLongest
        })
        .build(records)
        .expect("build");
    let build_s = t.elapsed().as_secs_f64();
    let rss2 = rss_mb("VmRSS:");
    println!(
        "gazetteer {gaz}: {n_records} records, {n_names} names -> {} distinct names, {} trie nodes",
        matcher.len_names(),
        matcher.trie_nodes()
    );
    println!(
        "build {build_s:.3} s{}; matcher heap {:.1} MB; RSS start {rss0:.1} MB, before build {rss1:.1} MB, \
         after build {rss2:.1} MB, peak {:.1} MB; to_bytes {:.1} MB",
        if stream { " (includes JSON parsing of the streamed records)" } else { "" },
        matcher.heap_bytes() as f64 / 1e6,
        rss_mb("VmHWM:"),
        matcher.to_bytes().len() as f64 / 1e6
    );

    if has("--roundtrip") {
        let t = Instant::now();
        let bytes = matcher.to_bytes();
        let t_save = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let loaded = EntityMatcher::from_bytes(&bytes).expect("from_bytes");
        println!(
            "to_bytes {t_save:.3} s ({:.1} MB), from_bytes {:.3} s, same names: {}",
            bytes.len() as f64 / 1e6,
            t.elapsed().as_secs_f64(),
            loaded.len_names() == matcher.len_names()
        );
    }

    let mut docs: Vec<Doc> = read_jsonl(&corpus);
    if max_docs > 0 {
        docs.truncate(max_docs);
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    let mut out: Vec<Match> = Vec::new();
    let mut count = 0;
    for d in &docs {
        matcher.find_into(&d.text, &mut out);
        count += out.len();
    }
    let mut times = Vec::new();
    let mut cpu_times = Vec::new();
    for _ in 0..repeats {
        let c0 = cpu_s();
        let t = Instant::now();
        let mut c = 0;
        for d in &docs {
            matcher.find_into(&d.text, &mut out);
            c += out.len();
        }
        times.push(t.elapsed().as_secs_f64());
        cpu_times.push(cpu_s() - c0);
        assert_eq!(c, count);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    cpu_times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    if !times.is_empty() {
        println!(
            "corpus {corpus}: {} docs, {mb:.2} MB; {count} matches; median {:.1} MB/s, best {:.1} MB/s ({} runs); \
             by CPU time: median {:.1} MB/s, best {:.1} MB/s",
            docs.len(),
            mb / times[times.len() / 2],
            mb / times[0],
            times.len(),
            mb / cpu_times[cpu_times.len() / 2],
            mb / cpu_times[0],
        );
    }

    if has("--fallback") {
        // the linear-time search that crafted input switches to, on the same corpus
        let t = Instant::now();
        let _ = matcher.find_with_fallback("");
        let build = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut n = 0;
        for d in &docs {
            let found = matcher.find_with_fallback(&d.text);
            matcher.find_into(&d.text, &mut out);
            assert_eq!(found, out, "fallback and scan differ on doc {}", d.id);
            n += found.len();
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "fallback search: built in {build:.2} s; {n} matches, the same as the scan; with the scan \
             {:.1} MB/s; matcher heap now {:.1} MB",
            mb / s,
            matcher.heap_bytes() as f64 / 1e6
        );
    }
    if has("--compare-ac") {
        compare_aho_corasick(&gaz, &docs, mb, repeats.max(1));
    }

    if let Some(path) = get("--dump") {
        let f = std::fs::File::create(&path).expect("create dump");
        let mut w = BufWriter::new(f);
        for d in &docs {
            matcher.find_into(&d.text, &mut out);
            let mut conv = CharOffsets::new(&d.text);
            let ms: Vec<serde_json::Value> = out
                .iter()
                .map(|m| {
                    let (s, e) = conv.span(m.start, m.end);
                    serde_json::json!([s, e, matcher.entity(m.entity).id, matcher.name(m.name)])
                })
                .collect();
            serde_json::to_writer(&mut w, &serde_json::json!({"id": d.id, "matches": ms}))
                .expect("write");
            w.write_all(b"\n").expect("write");
        }
        println!("dumped matches to {path}");
    }
}

fn compare_aho_corasick(gaz: &str, docs: &[Doc], mb: f64, repeats: usize) {
    use aho_corasick::{AhoCorasick, AhoCorasickKind};
    let records: Vec<Record> = read_jsonl(gaz);
    let mut keys: Vec<String> = records
        .iter()
        .flat_map(|r| r.names.iter().map(|n| n.to_lowercase()))
        .collect();
    keys.sort();
    keys.dedup();
    let t = Instant::now();
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(&keys)
        .or_else(|_| AhoCorasick::builder().build(&keys))
        .expect("aho-corasick build");
    println!(
        "aho-corasick: build {:.3} s, {:.1} MB, kind {:?}",
        t.elapsed().as_secs_f64(),
        ac.memory_usage() as f64 / 1e6,
        ac.kind()
    );
    let isw = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut best = f64::MAX;
    let mut count = 0;
    for _ in 0..repeats {
        let t = Instant::now();
        count = 0;
        let mut cands: Vec<(usize, usize)> = Vec::new();
        for d in docs {
            let folded = d.text.to_lowercase();
            let b = folded.as_bytes();
            let ok = |p: usize| p == 0 || p == b.len() || !(isw(b[p - 1]) && isw(b[p]));
            cands.clear();
            for m in ac.find_overlapping_iter(&folded) {
                if ok(m.start()) && ok(m.end()) {
                    cands.push((m.start(), m.end()));
                }
            }
            cands.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
            let mut last = 0;
            for &(s, e) in &cands {
                if s >= last {
                    count += 1;
                    last = e;
                }
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "aho-corasick overlapping + filter + select: {count} matches; best {:.1} MB/s",
        mb / best
    );
}
