//! Bylines and datelines, from page text.
//!
//! - A byline is a short line (at most 14 words) that starts with "By",
//!   "Written by", "Posted by" (or "Von", "Par", "Por", "Door") followed by a
//!   capitalised name: "By Jane Doe", "By JANE DOE, Associated Press Writer",
//!   "By Joseph Tsidulko November 19, 2019, 07:47 PM EST": the prefix, then
//!   at least one capitalised word. This is the shape the line model flags;
//!   the author an [`crate::article::Article`] reports is read from the line
//!   by [`crate::article::byline_of`], on both the text and the HTML path.
//! - A dateline is a short line (at most 8 words) that holds a date
//!   ([`crate::dates::parse_date`]) and little else: "January 15, 2008",
//!   "Published: 12:00 AM 01/16/2008", "Updated 10:41 GMT, Tue 15 Jan 2008".

use super::lexicon::{is_alphabetic, is_alphanumeric};
use crate::dates::{parse_datetime, DateTime};

/// Byline prefixes (lowercase, with their trailing space).
const BY: [&str; 7] = [
    "by ",
    "written by ",
    "posted by ",
    "von ",
    "par ",
    "por ",
    "door ",
];

/// Words that may follow a byline prefix in lowercase inside a name.
const NAME_PARTICLES: [&str; 9] = ["van", "von", "de", "der", "da", "di", "la", "le", "bin"];

/// Whether `line` has a byline's shape (the line model's flag; the name an
/// [`crate::article::Article`] reports is read by
/// [`crate::article::byline_of`]).
pub(crate) fn is_byline(line: &str) -> bool {
    byline_name(line.trim()).is_some()
}

/// The words of the name in a trimmed byline line (never empty).
fn byline_name(t: &str) -> Option<Vec<&str>> {
    // cheap first: the prefixes are ASCII
    let head = t.as_bytes().get(..12.min(t.len()))?;
    let prefix = BY
        .iter()
        .find(|p| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p.as_bytes()))?;
    let words = word_count(t, 14);
    if words > 14 || t.ends_with('.') && words > 8 {
        return None;
    }
    let rest = t.get(prefix.len()..)?.trim_start_matches([':', ' ']);
    let mut name: Vec<&str> = Vec::new();
    for w in rest.split_whitespace() {
        let core = w.trim_end_matches([',', ';', ':']);
        let first = core.chars().next()?;
        let particle = NAME_PARTICLES.contains(&core) || core == "and" || core == "&";
        if first.is_uppercase() || (particle && !name.is_empty()) {
            name.push(core);
        } else {
            break;
        }
        if core.len() != w.len() || name.len() >= 6 {
            break;
        }
    }
    while name
        .last()
        .is_some_and(|w| NAME_PARTICLES.contains(w) || *w == "and" || *w == "&")
    {
        name.pop();
    }
    if name.is_empty() {
        return None;
    }
    Some(name)
}

/// Words a dateline may hold besides the date itself.
const DATE_WORDS: [&str; 16] = [
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "date",
    "on",
    "at",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "gmt",
    "utc",
    "et",
];

/// The date of a dateline, ISO 8601.
pub(crate) fn dateline(line: &str) -> Option<String> {
    let t = line.trim();
    let date = dateline_date(t)?;
    little_else(t).then(|| date.to_iso())
}

/// The date a longer line opens with, ISO 8601: the line up to its first
/// separator ("|", "·", " - ", " / ", "(", "by", "von" ...) is a dateline
/// ("3. August 2015 · Filed under News", "Veröffentlicht am: 28. Oktober 2023
/// | 2 Kommentare", "23.06.2016 um 16:14 Uhr - Jane Roe - 91 Ergänzungen",
/// "Posted on 5 May 2020 by Jane Roe"), and does not date an update. A year
/// that runs into the next number ("10. Februar 20199. Februar 2019", a
/// blog's published and updated dates written together) ends at its fourth
/// digit. For the page-text Article: such a line near the article's start is
/// its dateline with a byline, a section or a comment count beside it. The
/// cleaner's own line facts read [`dateline`], not this.
pub(crate) fn lead_dateline(line: &str) -> Option<String> {
    const SEPARATORS: [&str; 15] = [
        "|", "·", "•", " - ", " – ", " — ", " / ", "//", " @ ", "(", " by ", " von ", " par ",
        " por ", " door ",
    ];
    let t = line.trim();
    if t.len() > 300 || !has_year(t.as_bytes()) {
        return None;
    }
    let low = t.to_ascii_lowercase();
    let cut = SEPARATORS
        .iter()
        .filter_map(|sep| low.find(sep))
        .min()
        .unwrap_or(t.len());
    let head = &t[..cut];
    let head = &head[..glued_year_end(head)];
    if head.len() == t.len() || crate::article::dates_an_update(head) {
        return None; // a line without a separator is a dateline or none
    }
    dateline(head)
}

/// Where `s` should end if a year in it runs into the next number: after
/// the fourth digit of the first run of five or six digits that starts
/// "19" or "20"; else `s.len()`.
fn glued_year_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if (5..=6).contains(&(i - start)) && matches!(&b[start..start + 2], b"19" | b"20") {
            return start + 4;
        }
    }
    s.len()
}

/// Whether `line` is a dateline ([`dateline`] without formatting the date).
pub(crate) fn is_dateline(line: &str) -> bool {
    let t = line.trim();
    dateline_date(t).is_some() && little_else(t)
}

/// The date of a trimmed short line with a year in it.
fn dateline_date(t: &str) -> Option<DateTime> {
    // the byte test first: most lines have no year
    if !has_year(t.as_bytes()) {
        return None;
    }
    let words = word_count(t, 8);
    if words == 0 || words > 8 {
        return None;
    }
    if crate::dates::names_another_date(t) {
        return None;
    }
    parse_datetime(t)
}

/// Little else but the date: at most two words that are neither date-like
/// nor listed.
fn little_else(t: &str) -> bool {
    let other = t
        .split(|c: char| !is_alphabetic(c))
        .filter(|w| w.len() > 3)
        .filter(|w| !DATE_WORDS.iter().any(|d| lowercase_is(w, d)))
        .filter(|w| !is_month_word(w))
        .filter(|w| !is_weekday(w))
        .take(3)
        .count();
    other <= 2
}

/// Whether `w.to_lowercase() == low`, without building the lowercase.
fn lowercase_is(w: &str, low: &str) -> bool {
    w.chars().flat_map(char::to_lowercase).eq(low.chars())
}

/// Whether the word names a month as a date does: `"{w} 1, 2000"` is a
/// date. The probe is written on the stack (a `format!` per word before).
///
/// A word `month_number` does not read as a month is none: the probe of a
/// word of letters is the tokens `Word(w) Space Num(1) Punct(',') Space
/// Num(2000)`, which only `named_month` can read (no four-digit number
/// before a `-`, `/` or `.` for `iso`, no one- or two-digit number before
/// one for `numeric`, not eight digits for `compact`), and only when
/// `month_number(w)` is a month (the probe is cut at `MAX_DATE_LEN` bytes
/// only for words far longer than any month name). That check first spares
/// the words that are not months a tokenizing `parse_datetime`; the others
/// still parse the probe, so the definition stays the probe's date.
fn is_month_word(w: &str) -> bool {
    const TAIL: &str = " 1, 2000";
    if w.chars().all(is_alphabetic) && crate::dates::month_number(w).is_none() {
        return false;
    }
    let mut buf = [0u8; 64];
    if w.len() + TAIL.len() > buf.len() {
        return parse_datetime(&format!("{w}{TAIL}")).is_some();
    }
    buf[..w.len()].copy_from_slice(w.as_bytes());
    buf[w.len()..w.len() + TAIL.len()].copy_from_slice(TAIL.as_bytes());
    // a str followed by ASCII: valid UTF-8
    std::str::from_utf8(&buf[..w.len() + TAIL.len()])
        .is_ok_and(|probe| parse_datetime(probe).is_some())
}

/// Verbs of a reader comment's signature line, lowercase.
const STAMP_VERBS: [&str; 17] = [
    "said",
    "says",
    "wrote",
    "writes",
    "commented",
    "sagt",
    "sagte",
    "schrieb",
    "schreibt",
    "dijo",
    "dice",
    "escribió",
    "disse",
    "diz",
    "escreveu",
    "dit",
    "écrit",
];

/// Whether `line` is the signature that opens a reader comment, as blog
/// software writes it: a name, a date and a clock time, then "said:"
/// ("Alex on September 17, 2018 at 6:34 am said:"), or a short name, the
/// verb and a date ("Jane says: March 3, 2012 at 4:12 pm"). A sentence that
/// leads into a quote ("The minister said:") has no clock time right
/// before its verb and no date after it, so it is not one.
pub(crate) fn is_comment_stamp(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 240 || !t.as_bytes().contains(&b':') {
        return false;
    }
    let t = t.trim_start_matches(|c: char| !is_alphanumeric(c));
    for (i, _) in t.match_indices(':') {
        let before = t[..i].trim_end();
        let verb_at = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_alphabetic(c))
            .map_or(0, |(p, c)| p + c.len_utf8());
        let verb = &before[verb_at..];
        if verb.len() < 3 || !STAMP_VERBS.contains(&verb.to_lowercase().as_str()) {
            continue;
        }
        let head = before[..verb_at].trim_end();
        let rest = t[i + 1..].trim();
        let head_words = head.split_whitespace().count();
        if rest.is_empty() {
            if head_words <= 16 && ends_with_clock(head) {
                return true;
            }
        } else if (1..=6).contains(&head_words) && is_dateline(rest) {
            return true;
        }
    }
    false
}

/// Whether `line` is the heading blog software puts over its reader
/// comments, with the post's title in quotes: "10 thoughts on “Title”",
/// "One response to \"Title\"", "3 Comments on “Title”" (WordPress themes'
/// defaults). A count, a word for comments, "on"/"to", then a quote. Such a
/// heading carries the title, so it is often longer than the short lines the
/// phrase list is matched on.
pub(crate) fn is_comment_heading(line: &str) -> bool {
    const COUNTS: [&str; 4] = ["one", "two", "three", "no"];
    const NOUNS: [&str; 8] = [
        "thought",
        "thoughts",
        "response",
        "responses",
        "comment",
        "comments",
        "reply",
        "replies",
    ];
    // every word tested is ASCII: byte tests only (this runs on most lines)
    let lead = line
        .bytes()
        .take_while(|b| b.is_ascii_punctuation() || b.is_ascii_whitespace())
        .count();
    let t = &line[lead..]; // after ASCII bytes: a char boundary
    let first = t.as_bytes().first().map_or(0, |b| b | 0x20);
    if t.len() > 400 || !(first.is_ascii_digit() || matches!(first, b'o' | b't' | b'n')) {
        return false;
    }
    // the count is a short first word: look no further on other lines
    let Some(sp) = t.bytes().take(6).position(|b| b == b' ') else {
        return false;
    };
    let count = &t[..sp];
    if !(count.bytes().all(|b| b.is_ascii_digit())
        || COUNTS.iter().any(|c| count.eq_ignore_ascii_case(c)))
    {
        return false;
    }
    let mut words = t[sp + 1..].splitn(3, ' ');
    let (Some(noun), Some(prep), Some(rest)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    NOUNS.iter().any(|w| noun.eq_ignore_ascii_case(w))
        && (prep.eq_ignore_ascii_case("on") || prep.eq_ignore_ascii_case("to"))
        && rest.starts_with(['“', '"', '«', '„', '‘'])
}

/// Whether `line` is a notice to the reader about the page rather than the
/// story, of a length the phrase list is not matched on: a paywall's notice
/// (what it takes to read the article, naming an account or a
/// subscription), a notice about the site itself that names a legal
/// or consent matter ("By using this site you accept our terms and privacy
/// policy", "The material on this site may not be reproduced without
/// permission", cookie banners), or a notice that the reader's browser is too
/// old ("please update to a modern browser"). One byte scan rules out most
/// lines; the notices name the site or the browser as a story's sentence
/// seldom does, and each needs a second, legal or browser-update, wording.
pub(crate) fn is_reader_notice(line: &str) -> bool {
    let b = line.as_bytes();
    if b.len() > NOTICE_MAX_BYTES {
        return false;
    }
    let marks = notice_marks(b);
    if marks == 0 {
        return false;
    }
    let low = line.to_ascii_lowercase();
    (marks & MARK_READ != 0 && paywall_words(&low))
        || (marks & MARK_SITE != 0 && site_notice_words(&low))
}

/// Longest line (bytes) [`is_reader_notice`] looks at.
const NOTICE_MAX_BYTES: usize = 400;

/// [`notice_marks`]: the line holds "ead" (every paywall wording has "read").
const MARK_READ: u8 = 1;
/// [`notice_marks`]: the line holds "site" or "wser" (as in "browser").
const MARK_SITE: u8 = 2;

/// How to read on, in the paywall wordings of [`is_reader_notice`]
/// (each holds "to read" or "reading": [`paywall_words`] tests those first).
const PAYWALL_READ: [&str; 6] = [
    "to read this article",
    "to read the full",
    "to read the rest",
    "to continue reading",
    "to keep reading",
    "to read more of this",
];

/// The browser-update wordings of [`is_reader_notice`] (each holds
/// "browser": [`site_notice_words`] tests that first).
const OLD_BROWSER: [&str; 9] = [
    "modern browser",
    "supported browser",
    "outdated browser",
    "newer browser",
    "update your browser",
    "upgrade your browser",
    "browser is out of date",
    "browser is not supported",
    "browser is no longer supported",
];

/// The paywall wordings of [`is_reader_notice`], on a lowercase line: how
/// to read on ("To read this article in full you must be registered",
/// "Subscribe to continue reading"), and an account or a subscription; the
/// two together keep an article's own sentence about reading ("to read this
/// article's sources, ...") out.
fn paywall_words(low: &str) -> bool {
    const ACCOUNT: [&str; 8] = [
        "subscri", "register", "sign in", "sign up", "log in", "login", "member", "premium",
    ];
    // (each PAYWALL_READ wording holds "to read" or "reading": a line with neither
    // is spared the six searches)
    (low.contains("to read") || low.contains("reading"))
        && PAYWALL_READ.iter().any(|p| low.contains(p))
        && ACCOUNT.iter().any(|p| low.contains(p))
}

/// The site and browser notices of [`is_reader_notice`], on a lowercase
/// line: the site named as the reader's ("this site", "our website") with a
/// legal or consent matter, or a browser-update wording.
fn site_notice_words(low: &str) -> bool {
    const SITE: [&str; 4] = ["this site", "our site", "this website", "our website"];
    const MATTER: [&str; 7] = [
        "privacy",
        "terms",
        "cookie",
        "permission",
        "reproduc",
        "commission",
        "user agreement",
    ];
    // (each OLD_BROWSER wording holds "browser": a line without it is
    // spared the nine searches)
    (SITE.iter().any(|p| low.contains(p)) && MATTER.iter().any(|p| low.contains(p)))
        || (low.contains("browser") && OLD_BROWSER.iter().any(|p| low.contains(p)))
}

/// Which of the [`is_reader_notice`] marks `b` holds, in any ASCII case:
/// [`MARK_READ`] for "ead", [`MARK_SITE`] for "site" or "wser". The
/// definition [`notice_marks`] is tested against, and its version for lines
/// under 16 bytes and elsewhere than on x86_64.
fn notice_marks_bytewise(b: &[u8]) -> u8 {
    let mut m = 0;
    if b.windows(3).any(|w| w.eq_ignore_ascii_case(b"ead")) {
        m |= MARK_READ;
    }
    if b.windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"site") || w.eq_ignore_ascii_case(b"wser"))
    {
        m |= MARK_SITE;
    }
    m
}

/// [`notice_marks_bytewise`], with AVX2 on lines of 35 bytes or more where
/// the CPU has it ([`notice_marks_avx2`]), else [`notice_marks_sse2`].
#[cfg(target_arch = "x86_64")]
fn notice_marks(b: &[u8]) -> u8 {
    if b.len() >= 35 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked above).
        return unsafe { notice_marks_avx2(b) };
    }
    notice_marks_sse2(b)
}

/// [`notice_marks_bytewise`] on a line of at least 35 bytes, 32 starting
/// positions at a time: four overlapping 32-byte loads (at offsets 0 to 3),
/// their bytes ORed with 0x20 (the lowercase of an ASCII letter; no other
/// byte becomes a letter), each compared with the letter that belongs at its
/// offset, so no compare is shifted. "ead" is matched on the loads at 1 to 3
/// (the line's first byte is tested on its own); the last loads end at the
/// line's end. Three-operand instructions and twice the width: about a
/// third of the instructions of [`notice_marks_sse2`] per byte.
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn notice_marks_avx2(b: &[u8]) -> u8 {
    use std::arch::x86_64::*;
    let n = b.len();
    debug_assert!(n >= 35);
    let mut marks = if b[..3].eq_ignore_ascii_case(b"ead") {
        MARK_READ
    } else {
        0
    };
    let case = _mm256_set1_epi8(0x20);
    // (no closure: one would not inherit the AVX2 feature)
    let (e, a, d) = (
        _mm256_set1_epi8(b'e' as i8),
        _mm256_set1_epi8(b'a' as i8),
        _mm256_set1_epi8(b'd' as i8),
    );
    let (s, i, t) = (
        _mm256_set1_epi8(b's' as i8),
        _mm256_set1_epi8(b'i' as i8),
        _mm256_set1_epi8(b't' as i8),
    );
    let (w, r) = (_mm256_set1_epi8(b'w' as i8), _mm256_set1_epi8(b'r' as i8));
    let mut at = 0;
    loop {
        let o = at.min(n - 35);
        // SAFETY: o + 35 <= n, so each load (at o + k, k <= 3, 32 bytes)
        // reads bytes of `b`.
        let p = b.as_ptr().add(o);
        macro_rules! load {
            ($k:expr) => {
                _mm256_or_si256(_mm256_loadu_si256(p.add($k) as *const __m256i), case)
            };
        }
        let (l0, l1, l2, l3) = (load!(0), load!(1), load!(2), load!(3));
        let ead = _mm256_and_si256(
            _mm256_and_si256(_mm256_cmpeq_epi8(l1, e), _mm256_cmpeq_epi8(l2, a)),
            _mm256_cmpeq_epi8(l3, d),
        );
        let site = _mm256_and_si256(
            _mm256_and_si256(_mm256_cmpeq_epi8(l0, s), _mm256_cmpeq_epi8(l1, i)),
            _mm256_and_si256(_mm256_cmpeq_epi8(l2, t), _mm256_cmpeq_epi8(l3, e)),
        );
        let wser = _mm256_and_si256(
            _mm256_and_si256(_mm256_cmpeq_epi8(l0, w), _mm256_cmpeq_epi8(l1, s)),
            _mm256_and_si256(_mm256_cmpeq_epi8(l2, e), _mm256_cmpeq_epi8(l3, r)),
        );
        // "ead" at starts o + 1..o + 32, the others at o..o + 31
        if _mm256_movemask_epi8(ead) != 0 {
            marks |= MARK_READ;
        }
        if _mm256_movemask_epi8(_mm256_or_si256(site, wser)) != 0 {
            marks |= MARK_SITE;
        }
        if marks == MARK_READ | MARK_SITE || o + 35 >= n {
            return marks;
        }
        at = o + 32;
    }
}

/// [`notice_marks_bytewise`], thirteen starting positions at a time (SSE2,
/// part of x86_64): each 16-byte load, its bytes ORed with 0x20 (the
/// lowercase of an ASCII letter; no other byte becomes a letter), is
/// compared with the letters, the compares of the later letters shifted down
/// one to three bytes; the last load is the line's last 16 bytes. The
/// memchr iterator over the 'd's took a call and its setup per line and per
/// 'd' (the test runs on most lines of 4 to 40 words).
#[cfg(target_arch = "x86_64")]
fn notice_marks_sse2(b: &[u8]) -> u8 {
    use std::arch::x86_64::*;
    let n = b.len();
    if n < 16 {
        return notice_marks_bytewise(b);
    }
    let mut marks = 0;
    let mut at = 0;
    loop {
        let o = at.min(n - 16);
        // SAFETY: SSE2 is part of x86_64; o + 16 <= n, so the load reads
        // bytes of `b`.
        let (read, site) = unsafe {
            let v = _mm_or_si128(
                _mm_loadu_si128(b.as_ptr().add(o) as *const __m128i),
                _mm_set1_epi8(0x20),
            );
            let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let (e, s) = (eq(b'e'), eq(b's'));
            let ead = _mm_and_si128(
                e,
                _mm_and_si128(_mm_srli_si128::<1>(eq(b'a')), _mm_srli_si128::<2>(eq(b'd'))),
            );
            let site = _mm_and_si128(
                _mm_and_si128(s, _mm_srli_si128::<1>(eq(b'i'))),
                _mm_and_si128(_mm_srli_si128::<2>(eq(b't')), _mm_srli_si128::<3>(e)),
            );
            let wser = _mm_and_si128(
                _mm_and_si128(eq(b'w'), _mm_srli_si128::<1>(s)),
                _mm_and_si128(_mm_srli_si128::<2>(e), _mm_srli_si128::<3>(eq(b'r'))),
            );
            // "ead" at starts o..o + 13, the others at o..o + 12 (the
            // shifted compares are zero past the load)
            (
                _mm_movemask_epi8(ead) & 0x3FFF,
                _mm_movemask_epi8(_mm_or_si128(site, wser)) & 0x1FFF,
            )
        };
        if read != 0 {
            marks |= MARK_READ;
        }
        if site != 0 {
            marks |= MARK_SITE;
        }
        if marks == MARK_READ | MARK_SITE || o + 16 >= n {
            return marks;
        }
        at = o + 13;
    }
}

#[cfg(not(target_arch = "x86_64"))]
fn notice_marks(b: &[u8]) -> u8 {
    notice_marks_bytewise(b)
}

/// How many signature shapes [`signature_key`] tells apart (its keys are
/// below this).
pub(crate) const SIGNATURE_KEYS: usize = POSTER_WORDS.len();

/// Words that open a post's signature ("By", "Posted by", "Von" ...),
/// lowercase; see [`signature_key`].
const POSTER_WORDS: [&str; 8] = [
    "by",
    "posted",
    "submitted",
    "von",
    "por",
    "par",
    "door",
    "av",
];

/// The signature shape of a line, if it is one: a poster word first, then a
/// name and a clock time, in at most 16 words ("BY GANN AT 01/08/08 05:32
/// PM", "Posted by: Dom, London on 5:19pm Tue 1 Jan 08"). Returns the poster
/// word's index in [`POSTER_WORDS`]. One such line is an article's byline;
/// the caller looks for the same shape repeated, which is a list of reader
/// comments (or of posts), each opened by its signature.
pub(crate) fn signature_key(line: &str) -> Option<u8> {
    let t = line.trim_ascii();
    // the poster words are ASCII and short: byte tests on the first word
    // first, which rules out nearly every line
    if !matches!(
        t.as_bytes().first()? | 0x20,
        b'a' | b'b' | b'd' | b'p' | b's' | b'v'
    ) {
        return None;
    }
    let end = t.bytes().take(11).position(|b| b == b' ')?;
    let first = t[..end].trim_end_matches(|c: char| c.is_ascii_punctuation());
    let key = POSTER_WORDS
        .iter()
        .position(|w| first.eq_ignore_ascii_case(w))?;
    if t.len() > 160 || word_count(t, 16) > 16 || !has_clock(t.as_bytes()) {
        return None;
    }
    Some(key as u8)
}

/// Whether `b` holds a clock time: a run of one or two digits, a colon, two
/// digits and no further digit ("5:19pm", "05:32 PM", "18:05").
fn has_clock(b: &[u8]) -> bool {
    (1..b.len().saturating_sub(2)).any(|i| {
        let hours = b[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .take(3)
            .count();
        b[i] == b':'
            && (1..=2).contains(&hours)
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
            && b.get(i + 3).is_none_or(|c| !c.is_ascii_digit())
    })
}

/// Whether `s` ends with a clock time ("6:34", "6:34 am", "18:05 Uhr").
fn ends_with_clock(s: &str) -> bool {
    let mut s = s.trim_end();
    for suffix in ["am", "pm", "a.m.", "p.m.", "uhr", "h"] {
        let cut = s.len().saturating_sub(suffix.len());
        if cut > 0 && s.get(cut..).is_some_and(|t| t.eq_ignore_ascii_case(suffix)) {
            s = s[..cut].trim_end();
            break;
        }
    }
    let b = s.as_bytes();
    let n = b.len();
    n >= 4
        && b[n - 1].is_ascii_digit()
        && b[n - 2].is_ascii_digit()
        && b[n - 3] == b':'
        && b[n - 4].is_ascii_digit()
}

/// `t.split_whitespace().count()` up to `cap + 1` (the callers compare it
/// with `cap`): a byte at a time on ASCII text (ASCII whitespace as
/// `char::is_whitespace` has it: tab to carriage return, and space), stopping
/// at word `cap + 1`; the split when `t` has a byte from 0x80 up (its
/// iterator took a call and about a hundred instructions per word, over the
/// whole line).
fn word_count(t: &str, cap: usize) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for &b in t.as_bytes() {
        if b >= 0x80 {
            return t.split_whitespace().take(cap + 1).count();
        }
        let ws = b == b' ' || (b'\t'..=b'\r').contains(&b);
        if !ws && !in_word {
            n += 1;
            if n > cap {
                break;
            }
        }
        in_word = !ws;
    }
    n
}

/// Whether `b` holds a year 1900..=2099 as a run of exactly four digits
/// (a cheap test before the date parser). Eight bytes without a digit are
/// stepped over at a time (most bytes of the lines it reads: the byte walk
/// took eight instructions a byte); the runs of digits are read a byte at a
/// time.
fn has_year(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let n = b.len();
    let mut i = 0;
    while i < n {
        // (`i` is at the start or just past a byte that is no digit, so no
        // run goes on into the bytes stepped over.) A byte is a digit when
        // its XOR with '0' is below 10; `t - 10` borrows into the high bit
        // of the lowest such byte (bytes from 0x80 up have it set in `t`
        // and are no digit)
        while let Some(w) = b.get(i..).and_then(|r| r.first_chunk::<8>()) {
            let t = u64::from_le_bytes(*w) ^ (ONES * u64::from(b'0'));
            if t.wrapping_sub(ONES * 10) & !t & (ONES * 0x80) != 0 {
                break;
            }
            i += 8;
        }
        while i < n && !b[i].is_ascii_digit() {
            i += 1;
        }
        let start = i;
        while i < n && b[i].is_ascii_digit() {
            i += 1;
        }
        if i - start == 4 && matches!(&b[start..start + 2], b"19" | b"20") {
            return true;
        }
    }
    false
}

fn is_weekday(w: &str) -> bool {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    // the lowercase starts with an ASCII day: its first three characters
    // are that day's (no lowercase `String` built per word)
    w.len() <= 9
        && DAYS
            .iter()
            .any(|d| w.chars().flat_map(char::to_lowercase).take(3).eq(d.chars()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The helpers answer as the allocating expressions they replace.
    #[test]
    fn word_tests_match_their_definitions() {
        for w in [
            "January",
            "JANUARY",
            "Sept",
            "sept",
            "Okt",
            "März",
            "févr",
            "Mai",
            "Monday",
            "FRİDAY",
            "Fri",
            "TUESDAYS",
            "Wednesdays",
            "Published",
            "PUBLISHED",
            "\u{212a}ast",
            "Updated",
            "Posted",
            "modified",
            "date",
            "Dates",
            "Marching",
            "Minister",
            "maio",
            "Juni",
            "ab",
            "İstanbul",
            "thursday",
            "Sunshine",
            "saturdayy",
            "Ξ",
            "",
        ] {
            let low = w.to_lowercase();
            assert_eq!(
                DATE_WORDS.iter().any(|d| lowercase_is(w, d)),
                DATE_WORDS.contains(&low.as_str()),
                "{w:?}"
            );
            assert_eq!(
                is_month_word(w),
                parse_datetime(&format!("{w} 1, 2000")).is_some(),
                "{w:?}"
            );
            const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
            assert_eq!(
                is_weekday(w),
                DAYS.iter().any(|d| low.starts_with(d)) && w.len() <= 9,
                "{w:?}"
            );
        }
        let long = "m".repeat(70);
        assert!(!is_month_word(&long));
    }

    #[test]
    fn bylines() {
        for t in [
            "By Jane Doe",
            "By Umair Irfan Updated Nov 13, 2019, 10:28am EST",
            "By JANE DOE, Associated Press Writer",
            "By Joseph Tsidulko November 19, 2019, 07:47 PM EST",
            "Written by Ana Lima and Ben van Dijk",
        ] {
            assert!(is_byline(t), "{t}");
        }
        for t in [
            "By the end of the year prices had risen sharply.",
            "Bystanders filmed the crash",
            "By",
        ] {
            assert!(!is_byline(t), "{t}");
        }
    }

    #[test]
    fn comment_stamps() {
        for t in [
            "  • Alex on September 17, 2018 at 6:34 am said:",
            "Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:",
            "Jane Roe says: March 3, 2012 at 4:12 pm",
            "Max am 3. März 2024 um 18:05 Uhr sagte:",
            "Bob wrote: 2009-03-12 10:41",
        ] {
            assert!(is_comment_stamp(t), "{t}");
        }
        for t in [
            "The minister said:",
            "Speaking at 10:30 on Tuesday, the minister said:",
            "He said: the vote is on March 3, 2012 and nothing will change that.",
            "Posted by: Jim, Sydney on 8:21pm",
            "Kickoff at 7:30 pm",
            "said:",
            "",
        ] {
            assert!(!is_comment_stamp(t), "{t}");
        }
    }

    #[test]
    fn comment_headings() {
        for t in [
            "10 thoughts on “Business Focus: Why Some Win”",
            "One thought on \"A Title\"",
            "2 Responses to “Another Title”",
            "  3 Comments on «Titre»",
            "(2 replies to “Title”)",
        ] {
            assert!(is_comment_heading(t), "{t}");
        }
        for t in [
            "10 thoughts on focus",
            "Thoughts on “Focus”",
            "10 ideas on “Focus”",
            "The comments on “Focus” were harsh, the editor said.",
            "",
        ] {
            assert!(!is_comment_heading(t), "{t}");
        }
    }

    #[test]
    fn notice_marks_match_the_definition() {
        let parts = [
            "e", "E", "a", "A", "d", "D", "ea", "EAD", "s", "S", "i", "t", "w", "r", "it", "SIT",
            "wse", "x", " ", "é", "\u{c5}", "\0", "re",
        ];
        let mut rng = crate::testing::Rng(0x0ead_0ead_1234_5678);
        for _ in 0..20_000 {
            let mut line = String::new();
            for _ in 0..rng.below(80) {
                line.push_str(parts[rng.below(parts.len())]);
            }
            let b = line.as_bytes();
            assert_eq!(notice_marks(b), notice_marks_bytewise(b), "{line:?}");
            #[cfg(target_arch = "x86_64")]
            assert_eq!(notice_marks_sse2(b), notice_marks_bytewise(b), "{line:?}");
        }
        // a match at every offset, none in lines without one
        for (word, mark) in [
            (&b"eAd"[..], MARK_READ),
            (b"SiTe", MARK_SITE),
            (b"wSER", MARK_SITE),
        ] {
            let w = word.len();
            for n in 0..70 {
                for k in 0..=n.max(w) - w {
                    let mut b = vec![b'x'; n.max(w)];
                    b[k..k + w].copy_from_slice(word);
                    assert_eq!(notice_marks(&b), mark, "{n} {k}");
                    #[cfg(target_arch = "x86_64")]
                    assert_eq!(notice_marks_sse2(&b), mark, "{n} {k}");
                    b[k + 1] = b'x';
                    assert_eq!(notice_marks(&b), 0, "{n} {k}");
                    #[cfg(target_arch = "x86_64")]
                    assert_eq!(notice_marks_sse2(&b), 0, "{n} {k}");
                }
            }
        }
    }

    #[test]
    fn paywall_notices() {
        for t in [
            "To read this article in full you must be registered with the site.",
            "Subscribe to continue reading: plans start at one dollar a week",
            "Members only. Log in to read the full story",
            "TO READ THE REST, SIGN IN",
        ] {
            assert!(is_reader_notice(t), "{t}");
        }
        for t in [
            "To read this article's sources, follow the footnotes.",
            "He went home to read the full report the council had published.",
            "Subscribe to our newsletter",
            "",
        ] {
            assert!(!is_reader_notice(t), "{t}");
        }
    }

    #[test]
    fn reader_notices() {
        for t in [
            "By using this site you agree to our Terms of Service and Privacy Policy.",
            "Material on this website may not be reproduced without written permission.",
            "This website uses cookies to give you the best experience.",
            "You are using an outdated browser. Please update your browser to view this page.",
            "For the best experience, please switch to a modern browser.",
            "To read this article in full you must be registered with the site.",
        ] {
            assert!(is_reader_notice(t), "{t}");
        }
        for t in [
            "The company said the site would reopen once the inspection was over.",
            "Privacy campaigners said the new terms went too far, the regulator said.",
            "Google said its browser would block the trackers by default next year.",
            "The archaeologists dated the site to the third century.",
            "",
        ] {
            assert!(!is_reader_notice(t), "{t}");
        }
    }

    #[test]
    fn signatures() {
        let by = Some(0);
        assert_eq!(signature_key("BY GANN AT 01/08/08 05:32 PM"), by);
        assert_eq!(signature_key("by: Jo Park, 9:05 am"), by);
        assert_eq!(
            signature_key("Posted by: Dom, London on 5:19pm Tue 1 Jan 08"),
            Some(1)
        );
        assert_eq!(signature_key("Von Max M. am 03.03.2024 um 18:05"), Some(3));
        // the hour is the digit run right before the colon, wherever it is
        assert_eq!(signature_key("By Jo, 1 5:19 pm"), by);
        for t in [
            // no clock time
            "By Jane Doe",
            "Posted by Jane Doe on March 3, 2012",
            // no poster word first
            "Kickoff at 7:30 pm",
            "Updated 10:45 am",
            // a ratio or a score is not a clock
            "By a margin of 3:1 the members voted for it",
            "By 2:045 nothing",
            // a sentence, not a signature
            "By the time the match started at 7:30 pm, the rain had stopped and the ground \
             was full again after a long wait outside.",
            "Bystanders at 7:30",
            "",
        ] {
            assert_eq!(signature_key(t), None, "{t}");
        }
    }

    #[test]
    fn lines_that_open_with_a_date() {
        for (line, date) in [
            ("3. August 2015 · Filed under News", "2015-08-03"),
            (
                "Veröffentlicht am: 28. Oktober 2023 | Anzahl Kommentare: noch keine",
                "2023-10-28",
            ),
            (
                "23.06.2016 um 16:14 Uhr - Jane Roe - 91 Ergänzungen",
                "2016-06-23T16:14:00",
            ),
            (
                "Posted on May 5, 2020 by Jane Roe in Travel, Food",
                "2020-05-05",
            ),
            (
                "Veröffentlicht am 06.10.2023 (Letztes Update: 06.10.2023)",
                "2023-10-06",
            ),
            // published and updated dates written together: the first
            (
                "Veröffentlicht am 10. Februar 20199. Februar 2019 von Jane",
                "2019-02-10",
            ),
            ("17/11/201917/11/2019 ~ Jane Roe", "2019-11-17"),
        ] {
            assert_eq!(lead_dateline(line).as_deref(), Some(date), "{line}");
        }
        for line in [
            // an update, another date, a sentence, no separator, no date first
            "Updated May 5, 2020 | 3 comments",
            "Member since 12 May 2004 | 200 posts",
            "Prices rose 5% in the year to May 2020 | Charts and tables below",
            "5 May 2020",
            "Read more | Archive 2020",
            "12/04/2020 by Jane Roe",
        ] {
            assert_eq!(lead_dateline(line), None, "{line}");
        }
    }

    #[test]
    fn datelines() {
        assert_eq!(dateline("January 15, 2008").as_deref(), Some("2008-01-15"));
        assert_eq!(
            dateline("Published: Tuesday, 15 January 2008").as_deref(),
            Some("2008-01-15")
        );
        assert_eq!(dateline("Prices rose 5% in 2008"), None);
        assert_eq!(dateline("Home"), None);
        // a span's start or end, a founding or a birth date: not the page's date
        for t in [
            "Since 1st March, 1999",
            "Member since: 12 May 2004",
            "Offer valid until 31 May 2008",
            "Est. 1887",
            "Born 4 July 1950",
        ] {
            assert_eq!(dateline(t), None, "{t}");
        }
        for t in [
            "January 15, 2008",
            "Published: Tuesday, 15 January 2008",
            "Prices rose 5% in 2008",
            "Home",
            "Updated 10:41 GMT, Tue 15 Jan 2008",
            "Council meeting minutes approved January 15, 2008 today",
            "MÄRZ 5. März 2024",
        ] {
            assert_eq!(is_dateline(t), dateline(t).is_some(), "{t}");
        }
        assert!(
            has_year(b"on 2008-01-15")
                && has_year(b"1999")
                && !has_year(b"12345")
                && !has_year(b"3 comments")
        );
    }

    /// The searches that spare the lists hold for every wording of them.
    #[test]
    fn notice_prefilters_cover_their_wordings() {
        for p in PAYWALL_READ {
            assert!(p.contains("to read") || p.contains("reading"), "{p}");
            assert!(paywall_words(&format!("{p} subscriber")), "{p}");
        }
        for p in OLD_BROWSER {
            assert!(p.contains("browser"), "{p}");
            assert!(site_notice_words(p), "{p}");
        }
    }

    /// `word_count` is `split_whitespace().count()` (up to its cap): every ASCII byte next
    /// to letters and spaces, and non-ASCII spaces (no-break, thin, ideographic)
    /// and letters.
    #[test]
    fn word_count_is_the_split() {
        let mut lines: Vec<String> = (0u8..128)
            .flat_map(|b| {
                let c = b as char;
                [format!("a{c}b"), format!("{c}"), format!(" {c} x{c}{c}y ")]
            })
            .collect();
        for extra in [
            "\u{a0}", "\u{2009}", "\u{3000}", "\u{85}", "é", "\u{1c}", "\u{b}",
        ] {
            lines.push(format!("Jan{extra}15,{extra}2008"));
            lines.push(format!("{extra}By Jane{extra} Roe {extra}"));
        }
        lines.push(String::new());
        lines.push("  Published:\tTuesday,\r\n15 January 2008  ".into());
        for t in &lines {
            for cap in 0..5 {
                let n = t.split_whitespace().count();
                assert_eq!(word_count(t, cap), n.min(cap + 1), "{t:?} {cap}");
            }
        }
    }

    /// `has_year` as the byte walk it replaces (the definition).
    fn has_year_bytewise(b: &[u8]) -> bool {
        let mut run = 0;
        for (i, &c) in b.iter().enumerate() {
            if c.is_ascii_digit() {
                run += 1;
                continue;
            }
            if run == 4 && matches!(&b[i - 4..i - 2], b"19" | b"20") {
                return true;
            }
            run = 0;
        }
        run == 4 && matches!(&b[b.len() - 4..b.len() - 2], b"19" | b"20")
    }

    /// The eight-byte steps find the byte walk's years: runs of digits at
    /// every offset and length, next to letters, '/' and ':' (the bytes
    /// around the digits), bytes from 0x80 up and the ends.
    #[test]
    fn has_year_matches_the_byte_walk() {
        let pieces: [&[u8]; 14] = [
            b"1999",
            b"2024",
            b"20",
            b"19",
            b"12345",
            b"201",
            b"0",
            b"x",
            b"  ",
            b"/",
            b":",
            "é".as_bytes(),
            b"ab",
            b"\xff",
        ];
        let mut rng = crate::testing::Rng(0x9e37_79b9_7f4a_7c15u64);
        let mut next = move || rng.next();
        let mut lines: Vec<Vec<u8>> = Vec::new();
        for pad in 0..20 {
            for year in [
                &b"2008"[..],
                b"1900",
                b"2099",
                b"1899",
                b"20081",
                b"208",
                b"3008",
            ] {
                for tail in [&b""[..], b"x", b"5", b" ", b"\x80"] {
                    let mut l = b"a".repeat(pad);
                    l.extend_from_slice(year);
                    l.extend_from_slice(tail);
                    lines.push(l);
                }
            }
        }
        for _ in 0..5000 {
            let mut l = Vec::new();
            for _ in 0..next() % 12 {
                l.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
            }
            lines.push(l);
        }
        for b in (0u8..=255).map(|x| [x; 9]) {
            lines.push(b.to_vec());
        }
        for l in &lines {
            assert_eq!(has_year(l), has_year_bytewise(l), "{l:?}");
        }
    }
}
