//! The cleaner's promises on real pages cut and shuffled: idempotence
//! (`clean(clean(x)) == clean(x)`), and the output is exactly the lines that
//! `explain` keeps, each with its own line end. Skips, with a message, when
//! the shared data (../shared/data/boilerplate) is not present.

use std::path::PathBuf;

use newsprep::boilerplate::Cleaner;

fn pages() -> Option<Vec<String>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/boilerplate");
    let mut out = Vec::new();
    for name in ["aeb", "l3s"] {
        let path = dir.join(format!("{name}.dev.text.jsonl"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("SKIPPED: dev pages not found at {}", path.display());
            return None;
        };
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            out.push(v["page_text"].as_str().unwrap_or("").to_string());
        }
    }
    Some(out)
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Shuffled, cut and thinned versions of a page, with mixed line ends.
fn variants(page: &str, rng: &mut Rng) -> Vec<String> {
    let lines: Vec<&str> = page.split('\n').collect();
    let mut out = Vec::new();
    let mut shuffled = lines.clone();
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    out.push(shuffled.join("\n"));
    let a = rng.below(lines.len());
    let b = a + rng.below(lines.len() - a + 1);
    out.push(lines[a..b].join("\n"));
    let thin: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|_| rng.below(10) >= 3)
        .collect();
    out.push(thin.join("\n"));
    // mixed line ends, including lone CRs and the Unicode ones
    let ends = ["\n", "\r\n", "\r", "\u{2028}", "\u{85}", "\n\n", "\r\r\n"];
    let mut mixed = String::new();
    for l in &lines {
        mixed.push_str(l);
        mixed.push_str(ends[rng.below(ends.len())]);
    }
    out.push(mixed);
    out
}

fn split(text: &str) -> Vec<&str> {
    // the same line boundaries as the cleaner (Python's str.splitlines)
    let mut out = Vec::new();
    let b = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let t = match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            b'\n' | b'\r' | 0x0B | 0x0C | 0x1C..=0x1E => 1,
            0xC2 if b.get(i + 1) == Some(&0x85) => 2,
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => 3,
            _ => 0,
        };
        if t > 0 {
            out.push(&text[start..i + t]);
            i += t;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push(&text[start..]);
    }
    out
}

#[test]
fn idempotent_and_line_exact_on_cut_and_shuffled_pages() {
    let Some(pages) = pages() else { return };
    let c = Cleaner::new();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut n = 0;
    for page in &pages {
        for text in variants(page, &mut rng) {
            let out = c.clean(&text);
            assert_eq!(c.clean(&out), out, "not idempotent on {text:?}");
            let (both, ex) = c.clean_and_explain(&text, None);
            assert_eq!(both, out);
            let lines = split(&text);
            assert_eq!(ex.len(), lines.len());
            let kept: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|&(i, _)| ex.kept(i))
                .map(|(_, l)| *l)
                .collect();
            assert_eq!(
                split(&out),
                kept,
                "output lines are the kept lines, with their own ends"
            );
            n += 1;
        }
    }
    assert!(n > 1000);
}
