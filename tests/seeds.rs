//! The seed pages (../shared/data/seeds) must clean to exactly their expected
//! article, with every removed line given a chrome reason. Skips, with a
//! message, when the shared data is not present.

use std::path::PathBuf;

use newsprep::boilerplate::Cleaner;

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/seeds")
}

#[test]
fn seeds_clean_exactly() {
    let dir = seeds_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("SKIPPED: seed pages not found at {}", dir.display());
        return;
    };
    let mut pages: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.ends_with(".txt") && !n.ends_with(".expected.txt")
        })
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no seed pages in {}", dir.display());
    let c = Cleaner::new();
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        let expected = std::fs::read_to_string(page.with_extension("expected.txt")).unwrap();
        let got = c.clean(&text);
        assert_eq!(got, expected, "seed {}", page.display());
        let d = c.explain(&text);
        for x in &d {
            if !x.kept && !x.text(&text).trim().is_empty() {
                assert!(
                    !["article", "title", "blank"].contains(&x.reason),
                    "removed line without a chrome reason: {:?}",
                    x
                );
            }
        }
        assert_eq!(c.clean(&got), got, "idempotent on {}", page.display());
        // Same result with CRLF line ends.
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(c.clean(&crlf), expected.replace('\n', "\r\n"));
    }
}
