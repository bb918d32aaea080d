//! Splitting page text into lines with byte offsets.
//!
//! The line boundaries are those of Python's `str.splitlines`: `"\n"`,
//! `"\r\n"`, a lone `"\r"`, vertical tab and form feed (U+000B, U+000C), the
//! file, group and record separators (U+001C..U+001E), next line (U+0085),
//! and the line and paragraph separators (U+2028, U+2029). A terminator at
//! the very end of the text does not start a new (empty) line, so `"a\n"` is
//! one line and `"a\n\n"` is two (`"a"` and an empty one). The empty text has
//! no lines.

/// One line of the input: `start..end` is its content, `end..next` its
/// terminator (empty for a last line without one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// Byte offset of the first byte of the content.
    pub start: usize,
    /// Byte offset one past the content (before the terminator).
    pub end: usize,
    /// Byte offset one past the terminator.
    pub next: usize,
}

/// Splits `text` into lines (see the module docs for the rules).
pub(crate) fn split_lines(text: &str) -> Vec<Line> {
    lines(text).collect()
}

/// The lines of `text`, in order, without storing them.
pub(crate) fn lines(text: &str) -> Lines<'_> {
    Lines {
        bytes: text.as_bytes(),
        pos: 0,
    }
}

/// Iterator over the [`Line`]s of a text.
#[derive(Clone, Debug)]
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
}

/// Bytes that may start a line terminator: the ASCII ones, 0xC2 (U+0085) and
/// 0xE2 (U+2028, U+2029).
static MAY_END: [bool; 256] = {
    let mut t = [false; 256];
    t[0x0A] = true;
    t[0x0B] = true;
    t[0x0C] = true;
    t[0x0D] = true;
    t[0x1C] = true;
    t[0x1D] = true;
    t[0x1E] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `w` may start a line end: a byte below 0x1F, or
/// 0xC2, or 0xE2 (SWAR: may report a false positive, never a false negative).
#[inline]
fn may_end_in(w: u64) -> bool {
    let below = w.wrapping_sub(ONES * 0x1F) & !w & HIGHS;
    let eq = |b: u64| {
        let x = w ^ (ONES * b);
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    (below | eq(0xC2) | eq(0xE2)) != 0
}

/// A bit per byte of `bytes[i..i + 16]` that may start a line end: a byte
/// below 0x1F, 0xC2 or 0xE2 (SSE2, part of x86_64: three compares and a
/// movemask per 16 bytes, against the SWAR test's 8, which also sent each
/// word with a bullet, a curly quote or a no-break space (0xE2, 0xC2) to a
/// byte-by-byte loop).
#[cfg(target_arch = "x86_64")]
#[inline]
fn may_end_mask16(bytes: &[u8], i: usize) -> u32 {
    use std::arch::x86_64::*;
    let block = &bytes[i..i + 16];
    // SAFETY: SSE2 is part of x86_64; the load reads the 16 bytes of `block`.
    unsafe {
        let v = _mm_loadu_si128(block.as_ptr() as *const __m128i);
        let low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1E)), v);
        let c2 = _mm_cmpeq_epi8(v, _mm_set1_epi8(0xC2u8 as i8));
        let e2 = _mm_cmpeq_epi8(v, _mm_set1_epi8(0xE2u8 as i8));
        _mm_movemask_epi8(_mm_or_si128(low, _mm_or_si128(c2, e2))) as u32
    }
}

/// The length of the line terminator at `bytes[i]`, or 0 when there is none.
#[inline]
fn terminator_len(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b'\r' => 1 + (bytes.get(i + 1) == Some(&b'\n')) as usize,
        0x0A..=0x0C | 0x1C..=0x1E => 1,
        0xC2 => 2 * (bytes.get(i + 1) == Some(&0x85)) as usize,
        0xE2 => {
            3 * (bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)))
                as usize
        }
        _ => 0,
    }
}

impl Lines<'_> {
    /// The line from `start` that a terminator of `len` bytes at `end` ends.
    #[inline]
    fn ends(&mut self, start: usize, end: usize, len: usize) -> Option<Line> {
        self.pos = end + len;
        Some(Line {
            start,
            end,
            next: end + len,
        })
    }
}

impl Iterator for Lines<'_> {
    type Item = Line;

    #[inline(always)]
    fn next(&mut self) -> Option<Line> {
        let (bytes, start) = (self.bytes, self.pos);
        let n = bytes.len();
        if start >= n {
            return None;
        }
        let mut i = start;
        // sixteen bytes at a time: each byte that may start a line end is
        // tried, in order, until one does
        #[cfg(target_arch = "x86_64")]
        while i + 16 <= n {
            let mut mask = may_end_mask16(bytes, i);
            while mask != 0 {
                let j = i + mask.trailing_zeros() as usize;
                let t = terminator_len(bytes, j);
                if t > 0 {
                    return self.ends(start, j, t);
                }
                mask &= mask - 1;
            }
            i += 16;
        }
        // the last bytes (and every byte elsewhere than x86_64)
        while i < n {
            // eight bytes at a time while none of them may start a line end
            while i + 8 <= n {
                let w = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
                if may_end_in(w) {
                    break;
                }
                i += 8;
            }
            let stop = (i + 8).min(n);
            while i < stop {
                if MAY_END[bytes[i] as usize] {
                    let t = terminator_len(bytes, i);
                    if t > 0 {
                        return self.ends(start, i, t);
                    }
                }
                i += 1;
            }
        }
        self.pos = n;
        Some(Line {
            start,
            end: n,
            next: n,
        })
    }
}

/// Calls `f` with every line of `text` in order, as [`lines`] gives them,
/// and `Some(k)` for the `k`-th non-blank line (`None` for a blank one),
/// given `spans`: the trimmed span of each non-blank line, in order (as the
/// cleaner's analysis records them). Only the bytes between the spans (line
/// ends, blank lines, leading and trailing whitespace) are read again: a
/// line's content cannot hold a line terminator, so what lies between two
/// trimmed spans is the first line's trailing whitespace and terminator, the
/// blank lines, and the second line's leading whitespace.
pub(crate) fn for_each_line(
    text: &str,
    spans: &[(usize, usize)],
    mut f: impl FnMut(Line, Option<usize>),
) {
    let pieces = |a: usize, b: usize| {
        lines(&text[a..b]).map(move |l| Line {
            start: a + l.start,
            end: a + l.end,
            next: a + l.next,
        })
    };
    // the start of the non-blank line being read (when there is one)
    let mut open: Option<usize> = None;
    let mut a = 0;
    for k in 0..=spans.len() {
        let b = spans.get(k).map_or(text.len(), |s| s.0);
        if let (Some(start), Some(&(_, e))) = (open, spans.get(k)) {
            if let Some(m) = newline_run(&text.as_bytes()[a..b]) {
                // the line ends at the first "\n", each further one ends a
                // blank line, and the indent is the next line's
                f(
                    Line {
                        start,
                        end: a,
                        next: a + 1,
                    },
                    Some(k - 1),
                );
                for j in a + 1..a + m {
                    f(
                        Line {
                            start: j,
                            end: j,
                            next: j + 1,
                        },
                        None,
                    );
                }
                open = Some(a + m);
                a = e;
                continue;
            }
        }
        let mut cur_start = b;
        let mut it = pieces(a, b).peekable();
        if let Some(start) = open.take() {
            // the previous line's trailing whitespace and terminator (none
            // when the text ends with that line)
            let (end, next) = it.next().map_or((a, a), |p| (p.end, p.next));
            f(Line { start, end, next }, Some(k - 1));
        }
        while let Some(p) = it.next() {
            if k < spans.len() && p.next == p.end && it.peek().is_none() {
                // unterminated and last before a span: its leading whitespace
                cur_start = p.start;
            } else {
                f(p, None);
            }
        }
        if let Some(&(_, e)) = spans.get(k) {
            open = Some(cur_start);
            a = e;
        }
    }
}

/// The number of "\n" bytes `gap` starts with, when it has some and only
/// spaces and tabs after them: the gaps between most lines ("\n", "\n\n",
/// "\n" and the next line's indent), which [`for_each_line`] splits without
/// the line iterator.
fn newline_run(gap: &[u8]) -> Option<usize> {
    let m = gap.iter().take_while(|&&x| x == b'\n').count();
    (m > 0 && gap[m..].iter().all(|&x| x == b' ' || x == b'\t')).then_some(m)
}

/// Lines read by [`looks_hard_wrapped`] (from the start of the text).
const WRAP_SAMPLE_LINES: usize = 80;
/// Bytes read by [`looks_hard_wrapped`] at most.
pub(crate) const WRAP_SAMPLE_BYTES: usize = 16 * 1024;

/// Whether `text` looks hard-wrapped: prose broken into lines of a fixed
/// width (wire copy, e-mail, plain-text archives) rather than page text, whose
/// lines are the page's blocks. The cleaner reads one line per block, so it
/// takes the fragments of a wrapped paragraph ("Uruguay and open ports.",
/// "currency areas.") for chrome and removes them; the bindings warn.
///
/// The test, on the first 80 non-blank lines (16 KB at most): at least 10
/// lines, the longest at most 100 bytes; at least 60% of them "full" (70% of
/// the longest or more), and at least 30% full lines that end inside a
/// sentence (no terminal punctuation) with a non-blank line after them.
/// Page text fails it: its paragraphs are single lines of hundreds of bytes.
///
/// ```
/// use newsprep::boilerplate::looks_hard_wrapped;
/// let wrapped = "Showers continued throughout the week in the Bahia cocoa zone,\n\
///                alleviating the drought since early January and improving\n\
///                prospects for the coming crop, although normal humidity levels\n\
///                have not been restored, the company said in its weekly review.\n"
///     .repeat(3);
/// assert!(looks_hard_wrapped(&wrapped));
/// assert!(!looks_hard_wrapped("Home\nNews\nStorm closes ports\nA storm closed three ports on Tuesday.\n"));
/// ```
pub fn looks_hard_wrapped(text: &str) -> bool {
    let head = crate::offsets::str_prefix(text, WRAP_SAMPLE_BYTES);
    let mut sample = WrapSample::new();
    for l in lines(head) {
        if !sample.push(head[l.start..l.end].trim()) {
            break;
        }
    }
    sample.verdict()
}

/// The test of [`looks_hard_wrapped`], fed one trimmed line at a time (blank
/// lines as ""), so that the cleaner's own walk over the lines can run it
/// instead of a second walk (`Cleaner::clean_checked`).
pub(crate) struct WrapSample {
    /// (trimmed length, ends inside a sentence, followed by a non-blank line)
    sample: [(u8, bool, bool); WRAP_SAMPLE_LINES],
    n: usize,
    prev_blank: bool,
    /// `Some(false)`: a line of more than 100 bytes decided it; `Some(true)`:
    /// the sample is full (the verdict comes from it).
    done: Option<bool>,
}

impl WrapSample {
    /// An empty sample.
    pub(crate) fn new() -> WrapSample {
        WrapSample {
            sample: [(0, false, false); WRAP_SAMPLE_LINES],
            n: 0,
            prev_blank: true,
            done: None,
        }
    }

    /// Adds the next line (trimmed; "" for a blank line) of the first
    /// [`WRAP_SAMPLE_BYTES`] of the text; `false` once no further line can
    /// change the verdict. (Not inlined: the cleaner calls it for the first
    /// few dozen lines of a page only, and inlined into its walk over the
    /// lines it cost that walk registers on every line.)
    #[inline(never)]
    pub(crate) fn push(&mut self, s: &str) -> bool {
        if self.done.is_some() {
            return false;
        }
        if s.is_empty() {
            self.prev_blank = true;
            return true;
        }
        if s.len() > 100 {
            self.done = Some(false); // a page's paragraph: page text (most pages stop here)
            return false;
        }
        if !self.prev_blank && self.n > 0 {
            self.sample[self.n - 1].2 = true;
        }
        self.prev_blank = false;
        if self.n == WRAP_SAMPLE_LINES {
            self.done = Some(true);
            return false;
        }
        let open = !s.ends_with(['.', '!', '?', ':', '"', '”', '\'', '’', ')']);
        // (at most 100: see above)
        self.sample[self.n] = (s.len() as u8, open, false);
        self.n += 1;
        true
    }

    /// Whether the lines pushed look hard-wrapped (see [`looks_hard_wrapped`]).
    pub(crate) fn verdict(&self) -> bool {
        if self.done == Some(false) {
            return false;
        }
        let n = self.n;
        let sample = &self.sample[..n];
        let longest = sample.iter().map(|x| x.0 as usize).max().unwrap_or(0);
        if n < 10 || !(40..=100).contains(&longest) {
            return false;
        }
        let full = |x: &&(u8, bool, bool)| x.0 as usize * 10 >= longest * 7;
        let n_full = sample.iter().filter(full).count();
        let n_broken = sample.iter().filter(full).filter(|x| x.1 && x.2).count();
        n_full * 10 >= n * 6 && n_broken * 10 >= n * 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_wrapped_prose_is_told_from_page_text() {
        let para = "Shippers were reluctant to offer nearby shipment and only\n\
                    limited sales were booked for March shipment at prices of\n\
                    about 1,750 dlrs per tonne to ports to be named, the trade\n\
                    said.\n\n";
        assert!(looks_hard_wrapped(&para.repeat(4)));
        // page text: a paragraph is one long line
        let page = format!("Home\nNews\n{}\n", para.replace('\n', " ").repeat(4));
        assert!(!looks_hard_wrapped(&page));
        // short lines that end sentences (a list of headlines) or a menu
        let list = "Storm closes three ports on the coast.\n".repeat(12);
        assert!(!looks_hard_wrapped(&list));
        let menu =
            "Home\nNews\nSport\nWeather\nCulture\nOpinion\nVideo\nPodcasts\nNewsletters\nJobs\n";
        assert!(!looks_hard_wrapped(menu));
        // too few lines to tell
        assert!(!looks_hard_wrapped(para));
    }

    fn contents(t: &str) -> Vec<&str> {
        split_lines(t).iter().map(|l| &t[l.start..l.end]).collect()
    }

    #[test]
    fn terminators() {
        assert_eq!(contents(""), Vec::<&str>::new());
        assert_eq!(contents("a"), vec!["a"]);
        assert_eq!(contents("a\n"), vec!["a"]);
        assert_eq!(contents("a\n\n"), vec!["a", ""]);
        assert_eq!(contents("a\r\nb\rc\nd"), vec!["a", "b", "c", "d"]);
        assert_eq!(contents("\r\r\n\n"), vec!["", "", ""]);
        assert_eq!(contents("a\r"), vec!["a"]);
        assert_eq!(
            contents("a\u{b}b\u{c}c\u{1c}d\u{85}e\u{2028}f\u{2029}g\u{2027}\u{a0}"),
            vec!["a", "b", "c", "d", "e", "f", "g\u{2027}\u{a0}"]
        );
        assert_eq!(contents("\u{2028}"), vec![""]);
        assert_eq!(contents("é\u{85}\u{2027}"), vec!["é", "\u{2027}"]);
    }

    /// The lines by the definition (`str::splitlines`'s terminators, tried
    /// char by char), as (start, end, next).
    fn reference(t: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let (mut start, mut it) = (0, t.char_indices().peekable());
        while let Some((i, c)) = it.next() {
            let next = match c {
                '\r' if it.peek().map(|&(_, d)| d) == Some('\n') => {
                    it.next();
                    i + 2
                }
                '\n'
                | '\r'
                | '\u{b}'
                | '\u{c}'
                | '\u{1c}'..='\u{1e}'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}' => i + c.len_utf8(),
                _ => continue,
            };
            out.push((start, i, next));
            start = next;
        }
        if start < t.len() {
            out.push((start, t.len(), t.len()));
        }
        out
    }

    /// Random texts over the terminators, their look-alikes (other bytes
    /// below 0x1F, other chars starting 0xC2 or 0xE2) and plain text, long
    /// enough to cross the 16- and 8-byte blocks, split as the definition says.
    #[test]
    fn random_texts_split_as_defined() {
        let alphabet = [
            "a",
            "bc",
            " ",
            "\t",
            "\n",
            "\r",
            "\r\n",
            "\u{b}",
            "\u{c}",
            "\u{1c}",
            "\u{1e}",
            "\u{1f}",
            "\u{0}",
            "\u{85}",
            "\u{a0}",
            "é",
            "\u{2028}",
            "\u{2029}",
            "\u{2022}",
            "\u{2019}",
            "\u{2027}",
            "\u{20ac}",
            "0123456789abcdef",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..4000 {
            let t: String = (0..next(40))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let got: Vec<_> = lines(&t).map(|l| (l.start, l.end, l.next)).collect();
            assert_eq!(got, reference(&t), "{t:?}");
        }
    }

    #[test]
    fn offsets_cover_text() {
        let t = "x\r\n\ry\nzz";
        let ls = split_lines(t);
        let mut pos = 0;
        for l in &ls {
            assert_eq!(l.start, pos);
            pos = l.next;
        }
        assert_eq!(pos, t.len());
    }
}
