//! Cleans every page of a JSONL file and reports throughput.
//!
//! ```text
//! cargo bench --bench clean_jsonl -- IN.jsonl [OUT.jsonl] [--reps N] [--sites] [--features]
//! cargo bench --bench clean_jsonl -- IN.jsonl --explain ID   # one page, line by line
//! cargo bench --bench clean_jsonl -- IN.jsonl OUT.jsonl --model W.json  # another line model
//! cargo bench --bench clean_jsonl -- IN.jsonl OUT.jsonl --headline   # headline candidates
//! cargo bench --bench clean_jsonl -- IN.jsonl OUT.jsonl --titles [--headline-model H.json]
//! ```
//! (A benchmark program with `harness = false`: `cargo bench` adds `--bench`, which is ignored;
//! without an input it prints this usage and exits.)
//! Input lines are `{"id", "page_text", ...}` (a `"site"` field is used with
//! `--sites`, corpus mode). Output lines are `{"id", "clean"}`; with
//! `--features` they are `{"id", "line", "text", "x"}` per non-blank line
//! instead (what `scripts/train_boilerplate.py` trains on); with `--headline`
//! `{"id", "pass", "line", "text", "x"}` per headline candidate of each pass;
//! with `--titles` `{"id", "title"}` (`Cleaner::article`). MB/s is measured
//! over the `page_text` bytes, single thread, best of `--reps` passes.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::time::Instant;

use newsprep::boilerplate::{
    Cleaner, HeadTrees, HeadlineModel, LineModel, SiteStats, N_FEATURES, N_HEAD,
};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut reps = 3usize;
    let mut sites = false;
    let mut feats = false;
    let mut decisions = false;
    let mut explain_id: Option<String> = None;
    let mut model: Option<String> = None;
    let mut head_model: Option<String> = None;
    let mut headline = false;
    let mut titles = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--reps" => reps = it.next().ok_or("--reps needs a value")?.parse()?,
            "--sites" => sites = true,
            "--features" => feats = true,
            "--decisions" => decisions = true,
            "--explain" => explain_id = it.next().cloned(),
            "--model" => model = it.next().cloned(),
            "--headline-model" => head_model = it.next().cloned(),
            "--headline" => headline = true,
            "--titles" => titles = true,
            "--bench" => {} // added by `cargo bench`
            _ => pos.push(a.clone()),
        }
    }
    let Some(input) = pos.first() else {
        eprintln!("usage: cargo bench --bench clean_jsonl -- IN.jsonl [OUT.jsonl] (no input: nothing to do)");
        return Ok(());
    };
    let recs: Vec<Value> = BufReader::new(std::fs::File::open(input)?)
        .lines()
        .map(|l| Ok(serde_json::from_str(&l?)?))
        .collect::<Result<_, Box<dyn std::error::Error>>>()?;
    let texts: Vec<&str> = recs
        .iter()
        .map(|r| r["page_text"].as_str().unwrap_or(""))
        .collect();
    let site_keys: Vec<Option<&str>> = recs.iter().map(|r| r["site"].as_str()).collect();
    let mut cleaner = Cleaner::new();
    if let Some(path) = &model {
        let (bias, weights) = read_weights::<N_FEATURES>(path)?;
        cleaner = cleaner.with_line_model(LineModel { bias, weights });
    }
    if let Some(path) = &head_model {
        let (bias, weights) = read_weights::<N_HEAD>(path)?;
        let trees = read_trees(path)?;
        cleaner = cleaner.with_headline_model(HeadlineModel {
            bias,
            weights,
            trees,
        });
    }
    let stats = if sites {
        Some(SiteStats::fit(
            texts.iter().copied(),
            site_keys.iter().copied(),
        ))
    } else {
        None
    };
    if let Some(id) = explain_id {
        for (i, r) in recs.iter().enumerate() {
            if r["id"].as_str() == Some(id.as_str()) {
                for d in cleaner.explain(texts[i]) {
                    let t: String = d.text(texts[i]).chars().take(90).collect();
                    let mark = if d.kept { "+" } else { "-" };
                    println!("{mark} {:4} {:15} {:.2} {t}", d.line, d.reason, d.score);
                }
            }
        }
        return Ok(());
    }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut outs = Vec::new();
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    for _ in 0..reps.max(1) {
        let c0 = thread_cpu_secs();
        let t0 = Instant::now();
        outs = texts
            .iter()
            .zip(&site_keys)
            .map(|(t, s)| {
                let site = stats.as_ref().zip(*s).and_then(|(st, s)| st.get(s));
                cleaner.clean_with(t, site)
            })
            .collect();
        best = best.min(t0.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c0, thread_cpu_secs()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    eprintln!(
        "{} docs, {:.2} MB, best of {} passes: {:.3}s = {:.1} MB/s wall, {:.1} MB/s per CPU-second",
        texts.len(),
        bytes as f64 / 1e6,
        reps,
        best,
        bytes as f64 / 1e6 / best,
        bytes as f64 / 1e6 / best_cpu
    );
    if let Some(out) = pos.get(1) {
        let mut w = BufWriter::new(std::fs::File::create(out)?);
        for (i, r) in recs.iter().enumerate() {
            if headline {
                let ex = cleaner.explain(texts[i]);
                for (pass, line, x) in cleaner.headline_features(texts[i]) {
                    let text = ex.get(line).map_or("", |d| d.text(texts[i]));
                    let v = json!({"id": r["id"], "pass": pass, "line": line, "text": text,
                        "x": x.to_vec()});
                    writeln!(w, "{v}")?;
                }
            } else if titles {
                let a = cleaner.article(texts[i]);
                writeln!(w, "{}", json!({"id": r["id"], "title": a.title}))?;
            } else if decisions {
                for d in cleaner.explain(texts[i]) {
                    let v = json!({"id": r["id"], "line": d.line, "text": d.text(texts[i]),
                        "kept": d.kept, "reason": d.reason, "score": d.score});
                    writeln!(w, "{v}")?;
                }
            } else if feats {
                let d = cleaner.explain(texts[i]);
                for (line, x) in cleaner.features(texts[i]) {
                    let text = d.get(line).map_or("", |x| x.text(texts[i]));
                    let v = json!({"id": r["id"], "line": line, "text": text, "x": x.to_vec()});
                    writeln!(w, "{v}")?;
                }
            } else {
                writeln!(w, "{}", json!({"id": r["id"], "clean": outs[i]}))?;
            }
        }
    }
    Ok(())
}

/// CPU time of the calling thread (Linux: /proc/thread-self/schedstat), so
/// that throughput on a busy shared machine is not charged for time spent
/// waiting for a core.
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// The boosted trees of a headline model's JSON (`"features"`,
/// `"thresholds"` with `null` for +inf, `"leaves"`; none when absent).
fn read_trees(path: &str) -> Result<HeadTrees, Box<dyn std::error::Error>> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let list = |k: &str| v[k].as_array().cloned().unwrap_or_default();
    let features = list("features")
        .iter()
        .map(|x| Ok(u8::try_from(x.as_u64().ok_or("feature")?)?))
        .collect::<Result<Vec<u8>, Box<dyn std::error::Error>>>()?;
    let num = |x: &Value| x.as_f64().map_or(f32::INFINITY, |f| f as f32);
    let thresholds = list("thresholds").iter().map(num).collect();
    let leaves = list("leaves").iter().map(num).collect();
    Ok(HeadTrees::new(features, thresholds, leaves)?)
}

/// A linear model's `{"bias": b, "weights": [w, ...]}` as written by
/// `train_boilerplate.py --cv` (line model) and `--headline --cv`.
fn read_weights<const N: usize>(path: &str) -> Result<(f32, [f32; N]), Box<dyn std::error::Error>> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let mut weights = [0f32; N];
    for (w, x) in weights
        .iter_mut()
        .zip(v["weights"].as_array().ok_or("weights")?)
    {
        *w = x.as_f64().ok_or("weight")? as f32;
    }
    Ok((v["bias"].as_f64().ok_or("bias")? as f32, weights))
}
