//! Where the time of the one-pass pipeline goes, in the core alone (no Python).
//!
//! ```text
//! cargo bench --bench pipeline_parts -- PAGES.jsonl [--gaz GAZ.jsonl] [--reps N]
//! cargo bench --bench pipeline_parts -- ../shared/data/boilerplate/l3s.dev.text.jsonl \
//!     --gaz python/newsprep/data/countries.jsonl
//! ```
//! (A benchmark program with `harness = false`; without an input it prints this usage and exits.)
//! Pages are `{"page_text": ...}` lines. One thread, every step timed round-robin `--reps` times
//! (best kept, in thread CPU time): `clean`, `clean_and_explain`, the pipeline with the cleaner, with the cleaner and
//! splitter, and with all three stages (the gazetteer's records `{"id", "label", "names"}`, matched
//! with accent folding as `gazetteers.countries()` does); then the splitter and the matcher alone
//! on the clean texts. MB/s are of the page text.
//!
//! `--once STEP` runs the step whose name starts with STEP once and prints nothing else (for
//! `valgrind --tool=callgrind`, whose instruction counts do not depend on the machine's load).

use std::io::{BufRead, BufReader};
use std::time::Instant;

use newsprep::boilerplate::Cleaner;
use newsprep::entities::{EntityMatcher, MatcherBuilder, Record};
use newsprep::pipeline::Pipeline;
use newsprep::sentences::SentenceSplitter;
use serde_json::Value;

fn read_jsonl(path: &str) -> Result<Vec<Value>, Box<dyn std::error::Error>> {
    BufReader::new(std::fs::File::open(path)?)
        .lines()
        .filter(|l| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .map(|l| Ok(serde_json::from_str(&l?)?))
        .collect()
}

fn matcher(path: Option<&str>) -> Result<EntityMatcher, Box<dyn std::error::Error>> {
    let records = match path {
        None => vec![Record::new("faro", "LOC", ["Faro"])],
        Some(p) => read_jsonl(p)?
            .iter()
            .map(|r| {
                let names: Vec<String> = r["names"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|n| n.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                Record::new(
                    r["id"].as_str().unwrap_or(""),
                    r["label"].as_str().unwrap_or(""),
                    names,
                )
            })
            .collect(),
    };
    Ok(MatcherBuilder::new().fold_accents(true).build(records)?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut input, mut gaz, mut reps, mut once) = (None, None, 5usize, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--gaz" => gaz = it.next().cloned(),
            "--reps" => reps = it.next().ok_or("--reps needs a value")?.parse()?,
            "--once" => once = it.next().cloned(),
            "--bench" => {}
            _ => input = Some(a.clone()),
        }
    }
    let Some(input) = input else {
        eprintln!("usage: cargo bench --bench pipeline_parts -- PAGES.jsonl [--gaz GAZ.jsonl]");
        return Ok(());
    };
    let recs = read_jsonl(&input)?;
    let pages: Vec<&str> = recs
        .iter()
        .map(|r| r["page_text"].as_str().unwrap_or(""))
        .collect();
    let bytes: usize = pages.iter().map(|p| p.len()).sum();
    let (c, s, m) = (
        Cleaner::new(),
        SentenceSplitter::new(),
        matcher(gaz.as_deref())?,
    );
    let clean: Vec<String> = pages.iter().map(|p| c.clean(p)).collect();
    let p_c = Pipeline::new().cleaner(&c);
    let p_cs = Pipeline::new().cleaner(&c).splitter(&s);
    let p_csm = Pipeline::new().cleaner(&c).splitter(&s).matcher(&m);
    type Step<'a> = (&'a str, Box<dyn Fn() -> usize + 'a>);
    let steps: Vec<Step> = vec![
        (
            "clean",
            Box::new(|| pages.iter().map(|p| c.clean(p).len()).sum()),
        ),
        (
            "clean_and_explain",
            Box::new(|| {
                pages
                    .iter()
                    .map(|p| c.clean_and_explain(p, None).1.len())
                    .sum()
            }),
        ),
        (
            "pipeline: cleaner",
            Box::new(|| pages.iter().map(|p| p_c.text(p, None).removed.len()).sum()),
        ),
        (
            "pipeline: cleaner, splitter",
            Box::new(|| {
                pages
                    .iter()
                    .map(|p| p_cs.text(p, None).sentences.len())
                    .sum()
            }),
        ),
        (
            "pipeline: all three",
            Box::new(|| {
                pages
                    .iter()
                    .map(|p| p_csm.text(p, None).mentions.len())
                    .sum()
            }),
        ),
        (
            "splitter on the clean texts",
            Box::new(|| clean.iter().map(|t| s.spans(t).len()).sum()),
        ),
        (
            "matcher on the clean texts",
            Box::new(|| clean.iter().map(|t| m.find(t).len()).sum()),
        ),
    ];
    if let Some(prefix) = once {
        let (_, f) = steps
            .iter()
            .find(|(name, _)| name.starts_with(prefix.as_str()))
            .ok_or("--once: no step of that name")?;
        std::hint::black_box(f());
        return Ok(());
    }
    // On a shared machine wall time says more about the neighbours than about the code: the
    // thread's own CPU time (Linux schedstat, updated at scheduler ticks, so each step repeats for
    // at least 0.25 s) is used when available.
    let loops: Vec<usize> = steps
        .iter()
        .map(|(_, f)| {
            let t0 = Instant::now();
            std::hint::black_box(f());
            (0.25 / t0.elapsed().as_secs_f64().max(1e-6)).ceil() as usize
        })
        .collect();
    let mut best = vec![f64::INFINITY; steps.len()];
    for _ in 0..reps.max(1) {
        for (k, (_, f)) in steps.iter().enumerate() {
            let (t0, c0) = (Instant::now(), thread_cpu_secs());
            for _ in 0..loops[k] {
                std::hint::black_box(f());
            }
            let t = match (c0, thread_cpu_secs()) {
                (Some(a), Some(b)) => b - a,
                _ => t0.elapsed().as_secs_f64(),
            };
            best[k] = best[k].min(t / loops[k] as f64);
        }
    }
    println!(
        "{} pages, {:.1} MB of page text, best of {reps} (thread CPU time)",
        pages.len(),
        bytes as f64 / 1e6
    );
    for ((name, _), t) in steps.iter().zip(&best) {
        println!(
            "{name:30} {:8.1} MB/s  {:.2}x clean",
            bytes as f64 / 1e6 / t,
            best[0] / t
        );
    }
    Ok(())
}

/// CPU seconds used by this thread so far (Linux), if known.
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
