//! Corpus mode: lines that repeat across many pages of one site are chrome.
//!
//! In the spirit of CCNet's paragraph deduplication, but per site: for each
//! site we count on how many pages each normalized line occurs (a line counts
//! once per page). A line seen on at least `min_pages` pages and on at least
//! `min_share` of the site's pages is chrome (`"site-repeat"`), unless it is on
//! the allow-list: bylines and datelines (lines with a digit and at most a
//! few words: "By Jane Doe", "March 3, 2021", "Updated 10:41 GMT") and long
//! prose lines (which repeat only when a site re-publishes a story).
//!
//! Counting is order-independent and [`SiteStats::merge`] adds the counts of
//! two fits, so a corpus can be fitted in shards.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::lexicon::fnv1a;
use super::lines::split_lines;

/// Normalized-line hash: trimmed, lowercased, runs of whitespace collapsed,
/// every run of digits replaced by `0` (so "3 comments" and "12 comments" collide).
pub(crate) fn line_key(s: &str) -> u64 {
    let mut buf = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !buf.is_empty() {
            buf.push(' ');
        }
        space = false;
        if c.is_numeric() {
            if !buf.ends_with('0') {
                buf.push('0');
            }
        } else {
            buf.extend(c.to_lowercase());
        }
    }
    fnv1a(buf.as_bytes())
}

/// Lines that must not be learned away even when they repeat: bylines,
/// datelines and long prose.
pub(crate) fn allow_listed(s: &str) -> bool {
    let t = s.trim();
    let words = t.split_whitespace().count();
    if words >= 25 {
        return true;
    }
    let low = t.to_lowercase();
    let byline = ["by ", "von ", "par ", "por ", "di ", "door ", "de ", "av "];
    if words <= 8 && byline.iter().any(|b| low.starts_with(b)) {
        return true;
    }
    words <= 8 && t.chars().any(|c| c.is_ascii_digit()) && !t.contains(['|', '»'])
}

/// Line counts for one site.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteLines {
    pages: u32,
    counts: HashMap<u64, u32>,
}

impl SiteLines {
    /// Number of pages fitted for this site.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// On how many pages of this site the (normalized) line occurs.
    pub fn count(&self, line: &str) -> u32 {
        self.counts.get(&line_key(line)).copied().unwrap_or(0)
    }

    fn add_page(&mut self, text: &str) {
        self.pages += 1;
        let mut seen = HashSet::new();
        for l in split_lines(text) {
            let s = &text[l.start..l.end];
            if s.trim().is_empty() {
                continue;
            }
            let k = line_key(s);
            if seen.insert(k) {
                *self.counts.entry(k).or_insert(0) += 1;
            }
        }
    }

    fn merge(&mut self, other: &SiteLines) {
        self.pages += other.pages;
        for (k, v) in &other.counts {
            *self.counts.entry(*k).or_insert(0) += v;
        }
    }
}

/// Per-site line statistics for corpus mode (serde-able, mergeable).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SiteStats {
    sites: HashMap<String, SiteLines>,
}

impl SiteStats {
    /// An empty set of statistics.
    pub fn new() -> SiteStats {
        SiteStats::default()
    }

    /// Counts the lines of `texts`, the i-th page belonging to `sites[i]`.
    /// Pages without a site (`None`) are skipped. `texts` and `sites` must
    /// have the same length (extra items of the longer one are ignored).
    pub fn fit<'a, T, S>(texts: T, sites: S) -> SiteStats
    where
        T: IntoIterator<Item = &'a str>,
        S: IntoIterator<Item = Option<&'a str>>,
    {
        let mut st = SiteStats::new();
        for (t, s) in texts.into_iter().zip(sites) {
            if let Some(s) = s {
                st.add(s, t);
            }
        }
        st
    }

    /// Adds one page of `site`.
    pub fn add(&mut self, site: &str, text: &str) {
        self.sites
            .entry(site.to_string())
            .or_default()
            .add_page(text);
    }

    /// Adds the counts of `other` (fitting two shards and merging them equals
    /// fitting their union).
    pub fn merge(&mut self, other: &SiteStats) {
        for (site, lines) in &other.sites {
            self.sites.entry(site.clone()).or_default().merge(lines);
        }
    }

    /// The counts of one site, if any page of it was fitted.
    pub fn get(&self, site: &str) -> Option<&SiteLines> {
        self.sites.get(site)
    }

    /// Number of sites.
    pub fn len(&self) -> usize {
        self.sites.len()
    }

    /// True when nothing was fitted.
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_merge_order_independent() {
        let pages = [
            "Home\nA story.\n3 comments",
            "Home\nOther story.\n12 comments",
            "Home\nx",
        ];
        let a = SiteStats::fit(pages, [Some("s"); 3]);
        let mut b = SiteStats::fit([pages[2]], [Some("s")]);
        b.merge(&SiteStats::fit(
            [pages[1], pages[0]],
            [Some("s"), Some("s")],
        ));
        assert_eq!(a, b);
        let s = a.get("s").unwrap();
        assert_eq!(s.pages(), 3);
        assert_eq!(s.count("home"), 3);
        assert_eq!(s.count("7 Comments"), 2);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<SiteStats>(&json).unwrap(), a);
    }

    #[test]
    fn allow_list() {
        assert!(allow_listed("By Jane Doe"));
        assert!(allow_listed("March 3, 2021"));
        assert!(!allow_listed("Home"));
        assert!(!allow_listed("Sign up for our newsletter"));
    }
}
