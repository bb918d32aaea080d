//! Dev tool for the HTML extractor (also used by `scripts/train_extractor.py`).
//!
//! `extract_jsonl IN.jsonl OUT.jsonl [--mode extract|page-text|features|article|explain]
//! [--model MODEL.json]` reads pages `{"id", "html", ...}` and writes one
//! line per page: `{"id", "text"}` (extract, page-text), `{"id", "lines":
//! [{"text", "x"}]}` (features), the article fields, or `{"id", "lines":
//! [{"line", "kept", "reason", "score", "path", "text"}]}` (explain: what
//! the cross-site models decide on held-out pages). `--model` replaces
//! the compiled model with the training script's JSON form. Prints the
//! throughput of the work itself (parsing JSON excluded) on stderr.
use std::io::{BufRead, Write};

use newsprep::html::Extractor;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.len() < 2 {
        eprintln!("usage: extract_jsonl IN.jsonl OUT.jsonl [--mode extract|page-text|features|article|explain] [--model M.json]");
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
    if let Some(m) = opt("--model") {
        let n = newsprep::boilerplate::N_FEATURES + newsprep::html::N_DOM;
        let json = std::fs::read_to_string(m).unwrap();
        let model = newsprep::html::gbdt::Gbdt::from_json(&json, n).unwrap();
        x = x.with_model(model).unwrap();
    }
    if let Ok(spec) = std::env::var("NEWSPREP_TUNE") {
        let mut t = newsprep::html::Tuning::default();
        for kv in spec.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').expect("NEWSPREP_TUNE: key=value,...");
            let v: f32 = v.parse().expect("NEWSPREP_TUNE: numeric values");
            match k {
                "in_run_min" => t.in_run_min = v,
                "inside_min" => t.inside_min = v,
                "outside_min" => t.outside_min = v,
                "same_path_min" => t.same_path_min = v,
                "container_min" => t.container_min = v,
                "container_share" => t.container_share = v,
                "container_purity" => t.container_purity = v,
                "lead_min" => t.lead_min = v,
                "prose_rule_min" => t.prose_rule_min = v,
                "after_container_max" => t.after_container_max = v,
                "container_named_purity" => t.container_named_purity = v,
                _ => panic!("NEWSPREP_TUNE: unknown key {k}"),
            }
        }
        x = x.with_tuning(t);
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
            "explain" => {
                let text = x.page_text(html);
                let lines: Vec<_> = x
                    .explain(html)
                    .into_iter()
                    .map(|d| {
                        serde_json::json!({"line": d.line, "kept": d.kept, "reason": d.reason,
                            "score": d.score, "path": d.path, "text": &text[d.start..d.end]})
                    })
                    .collect();
                serde_json::json!({"id": v["id"], "lines": lines})
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
