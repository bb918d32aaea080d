//! Dev tool for the HTML extractor (also used by `scripts/train_extractor.py`).
//!
//! `extract_jsonl IN.jsonl OUT.jsonl [--mode extract|page-text|features|article]
//! [--weights MODEL.json]` reads pages `{"id", "html", ...}` and writes one
//! line per page: `{"id", "text"}` (extract, page-text), `{"id", "lines":
//! [{"text", "x"}]}` (features), or the article fields. `--weights` replaces
//! the compiled model with `{"weights": [...], "bias": b}`. Prints the
//! throughput of the work itself (parsing JSON excluded) on stderr.
use std::io::{BufRead, Write};

use newsprep::html::Extractor;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.len() < 2 {
        eprintln!("usage: extract_jsonl IN.jsonl OUT.jsonl [--mode extract|page-text|features|article] [--weights M.json]");
        std::process::exit(2);
    }
    let (src, dst) = (&args[0], &args[1]);
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let mode = opt("--mode").unwrap_or_else(|| "extract".to_string());
    let mut x = Extractor::new();
    if let Some(w) = opt("--weights") {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(w).unwrap()).unwrap();
        let weights: Vec<f32> = v["weights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap() as f32)
            .collect();
        x = x
            .with_model(weights, v["bias"].as_f64().unwrap() as f32)
            .unwrap();
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(dst).unwrap());
    let mut busy = std::time::Duration::ZERO;
    let mut bytes = 0usize;
    for line in std::io::BufReader::new(std::fs::File::open(src).unwrap()).lines() {
        let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let html = v["html"].as_str().unwrap_or("");
        bytes += html.len();
        let t0 = std::time::Instant::now();
        let o = match mode.as_str() {
            "page-text" => serde_json::json!({"id": v["id"], "text": x.page_text(html)}),
            "features" => {
                let lines: Vec<_> = x
                    .features(html)
                    .into_iter()
                    .map(|(t, f)| serde_json::json!({"text": t, "x": f}))
                    .collect();
                serde_json::json!({"id": v["id"], "lines": lines})
            }
            "article" => {
                let a = x.article(html, v["url"].as_str().filter(|u| !u.is_empty()));
                serde_json::json!({"id": v["id"], "title": a.title, "byline": a.byline, "date": a.date,
                    "text": a.text, "url": a.url, "site_name": a.site_name, "language": a.language})
            }
            _ => serde_json::json!({"id": v["id"], "text": x.extract(html)}),
        };
        busy += t0.elapsed();
        writeln!(out, "{o}").unwrap();
    }
    eprintln!(
        "{mode}: {:.1} MB in {:.2}s = {:.1} MB/s",
        bytes as f64 / 1e6,
        busy.as_secs_f64(),
        bytes as f64 / 1e6 / busy.as_secs_f64()
    );
}
