//! The splitting algorithm: lines are grouped into blocks (a line, or lines of
//! wrapped prose), then each block is scanned once for candidate boundaries.
//! Every decision reads a bounded window around the candidate, so the whole
//! pass is linear in the text.

use super::{AbbrevClass, SentenceSplitter, Span};

/// How far (in bytes) the splitter looks back for the word before a full stop.
const LOOKBACK: usize = 64;
/// How far it looks back for the token (URL, e-mail address) holding a full stop.
const TOKEN_LOOKBACK: usize = 256;

pub(super) fn split(sp: &SentenceSplitter, text: &str, out: &mut Vec<Span>) {
    let mut block: Option<(usize, usize)> = None; // current block (trimmed)
    for line in Lines::new(text) {
        let (ls, le) = trim(text, line.start, line.end);
        if ls == le {
            if let Some((bs, be)) = block.take() {
                scan_block(sp, text, bs, be, out);
            }
            continue;
        }
        if let Some((bs, be)) = block {
            if continues_prose(text, bs, be, ls, le) {
                block = Some((bs, le));
                continue;
            }
            scan_block(sp, text, bs, be, out);
        }
        block = Some((ls, le));
    }
    if let Some((bs, be)) = block {
        scan_block(sp, text, bs, be, out);
    }
}

/// A line: content `start..end`, without its terminator.
struct Line {
    start: usize,
    end: usize,
}

struct Lines<'t> {
    bytes: &'t [u8],
    pos: usize,
    done: bool,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        Lines {
            bytes: text.as_bytes(),
            pos: 0,
            done: false,
        }
    }
}

impl Iterator for Lines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        if self.done {
            return None;
        }
        let b = self.bytes;
        let start = self.pos;
        let i = memchr::memchr2(b'\n', b'\r', &b[start..]).map_or(b.len(), |p| start + p);
        let end = i;
        if i >= b.len() {
            self.done = true;
        } else if b[i] == b'\r' && i + 1 < b.len() && b[i + 1] == b'\n' {
            self.pos = i + 2;
        } else {
            self.pos = i + 1;
        }
        Some(Line { start, end })
    }
}

fn trim(text: &str, s: usize, e: usize) -> (usize, usize) {
    let seg = &text[s..e];
    let t = seg.trim_start();
    let s2 = s + (seg.len() - t.len());
    let t2 = t.trim_end();
    (s2, s2 + t2.len())
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .find(|c| !is_open_quote(*c))
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether the line `ls..le` continues the prose block `bs..prev_end`.
fn continues_prose(text: &str, bs: usize, prev_end: usize, ls: usize, le: usize) -> bool {
    let next = &text[ls..le];
    let Some(first) = next.chars().next() else {
        return false;
    };
    if !first.is_lowercase() || list_marker_at(text, ls, le).is_some() {
        return false;
    }
    // The previous line as it ended: ignore closing quotes and brackets.
    let prev = &text[..prev_end];
    let Some(last) = prev.chars().rev().find(|c| !is_closer(*c)) else {
        return false;
    };
    if is_terminal(last) || last == ':' {
        return false;
    }
    // A hard wrap leaves trailing spaces before the newline.
    let raw_after = &text[prev_end..ls];
    let hard_wrap = raw_after
        .split(['\n', '\r'])
        .next()
        .is_some_and(|s| !s.is_empty());
    if hard_wrap || matches!(last, ',' | ';' | '-' | '–' | '—' | '(' | '/' | '&') {
        return true;
    }
    let block = &text[bs..prev_end];
    last.is_alphabetic() && starts_upper(block) && block.split_whitespace().take(3).count() >= 3
}

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉'
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』' | '）' | '】' | '〕'
    )
}

fn is_open_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
    )
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '‣' | '⁃' | '▪' | '◦' | '●' | '■' | '►' | '▶' | '◆' | '♦' | '∙'
    )
}

/// A list marker ("1.", "2)", "3.)", "a.", "b)") starting at `pos`, followed by
/// whitespace. Returns its end and its (kind, value, style).
fn list_marker_at(text: &str, pos: usize, end: usize) -> Option<(usize, Marker)> {
    let b = &text.as_bytes()[pos..end];
    let mut i = 0;
    let kind;
    let value;
    if b.first().is_some_and(u8::is_ascii_digit) {
        let mut v = 0u32;
        while i < b.len() && i < 3 && b[i].is_ascii_digit() {
            v = v * 10 + u32::from(b[i] - b'0');
            i += 1;
        }
        if i < b.len() && b[i].is_ascii_digit() {
            return None;
        }
        kind = MarkerKind::Digit;
        value = v;
    } else if b.first().is_some_and(u8::is_ascii_lowercase) {
        kind = MarkerKind::Lower;
        value = u32::from(b[0] - b'a');
        i = 1;
    } else {
        return None;
    }
    let style = if b[i..].starts_with(b".)") {
        i += 2;
        MarkerStyle::DotParen
    } else if b[i..].starts_with(b".") {
        i += 1;
        MarkerStyle::Dot
    } else if b[i..].starts_with(b")") {
        i += 1;
        MarkerStyle::Paren
    } else {
        return None;
    };
    // must be followed by whitespace and then something
    let rest = &text[pos + i..end];
    let after = rest.trim_start();
    if after.len() == rest.len() || after.is_empty() {
        return None;
    }
    Some((pos + i, Marker { kind, value, style }))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    Digit,
    Lower,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum MarkerStyle {
    Dot,
    Paren,
    DotParen,
}

#[derive(Clone, Copy)]
struct Marker {
    kind: MarkerKind,
    value: u32,
    style: MarkerStyle,
}

impl Marker {
    fn next_text(&self) -> String {
        let v = self.value + 1;
        let head = match self.kind {
            MarkerKind::Digit => v.to_string(),
            MarkerKind::Lower => match char::from_u32(u32::from(b'a') + v) {
                Some(c) if c.is_ascii_lowercase() => c.to_string(),
                _ => return String::new(),
            },
        };
        let tail = match self.style {
            MarkerStyle::Dot => ".",
            MarkerStyle::Paren => ")",
            MarkerStyle::DotParen => ".)",
        };
        head + tail
    }
}

/// Skips bullet characters and whitespace from `pos`.
fn skip_bullets(text: &str, pos: usize, end: usize) -> usize {
    let mut p = pos;
    for (i, c) in text[pos..end].char_indices() {
        if is_bullet(c) || c.is_whitespace() {
            p = pos + i + c.len_utf8();
        } else {
            break;
        }
    }
    p
}

/// Finds list markers in the block: the one at its start and the ones that
/// continue its numbering ("1. x 2. y 3. z"). Returns (marker start, marker end).
fn find_markers(text: &str, bs: usize, be: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let p = skip_bullets(text, bs, be);
    let Some((mut pos, mut marker)) = list_marker_at(text, p, be) else {
        return out;
    };
    out.push((p, pos));
    loop {
        let needle = marker.next_text();
        if needle.is_empty() {
            break;
        }
        let mut found = None;
        let mut from = pos;
        while let Some(off) = text[from..be].find(needle.as_str()) {
            let at = from + off;
            let before_ok = text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || is_bullet(c));
            if before_ok {
                if let Some((mend, m)) = list_marker_at(text, at, be) {
                    found = Some((at, mend, m));
                    break;
                }
            }
            from = at + needle.len();
        }
        match found {
            Some((at, mend, m)) => {
                out.push((at, mend));
                pos = mend;
                marker = m;
            }
            None => break,
        }
    }
    out
}

/// What follows a candidate boundary.
#[derive(Debug)]
enum Next<'t> {
    End,
    /// A capitalised word (possibly after an opening quote).
    Upper {
        word: &'t str,
        quoted: bool,
    },
    /// A lower-case word; `mixed` for words such as "iPhone" or "eBay".
    Lower {
        mixed: bool,
    },
    Digit,
    Other,
}

fn classify_next(text: &str, k: usize, be: usize) -> Next<'_> {
    if k >= be {
        return Next::End;
    }
    let rest = &text[k..be];
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in rest.char_indices() {
        if is_open_quote(c) && i < 8 {
            quoted = true;
            continue;
        }
        start = i;
        break;
    }
    let word_part = &rest[start..];
    let Some(c) = word_part.chars().next() else {
        return Next::Other;
    };
    let wend = word_part
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(word_part.len(), |(i, _)| i);
    let word = &word_part[..wend];
    if c.is_uppercase() {
        Next::Upper { word, quoted }
    } else if c.is_lowercase() {
        Next::Lower {
            mixed: word.chars().skip(1).any(char::is_uppercase),
        }
    } else if c.is_ascii_digit() {
        Next::Digit
    } else {
        Next::Other
    }
}

/// The kind of a run of terminal punctuation.
enum Run {
    /// A single full stop.
    Period,
    /// "!", "?", "?!", "!!", possibly with dots.
    Strong,
    /// An ellipsis: number of dots ("…" counts three), spaced (". . .").
    Ellipsis { dots: usize, spaced: bool },
    /// CJK full stop or mark: ends a sentence without a following space.
    Cjk,
}

/// Consumes the run of terminal punctuation starting at `i`.
fn consume_run(text: &str, i: usize, be: usize) -> (usize, Run) {
    let b = text.as_bytes();
    let mut q = i;
    let mut dots = 0;
    let mut strong = false;
    let mut cjk = false;
    let mut spaced = false;
    while q < be {
        match b[q] {
            b'.' => {
                dots += 1;
                q += 1;
            }
            b'!' | b'?' => {
                strong = true;
                q += 1;
            }
            b' ' if dots > 0 && q + 1 < be && b[q + 1] == b'.' && !strong => {
                // ". . ." spaced ellipsis (only continues a run of dots)
                spaced = true;
                q += 1;
            }
            _ => {
                let c = text[q..be].chars().next().unwrap_or(' ');
                match c {
                    '…' => {
                        dots += 3;
                        q += c.len_utf8();
                    }
                    '‼' | '⁇' | '⁈' | '⁉' => {
                        strong = true;
                        q += c.len_utf8();
                    }
                    '。' | '！' | '？' => {
                        cjk = true;
                        q += c.len_utf8();
                    }
                    _ => break,
                }
            }
        }
    }
    let run = if cjk {
        Run::Cjk
    } else if strong {
        Run::Strong
    } else if dots >= 3 || (spaced && dots >= 2) {
        Run::Ellipsis { dots, spaced }
    } else if dots == 1 {
        Run::Period
    } else {
        // ".." : treat as a plain stop
        Run::Period
    };
    (q, run)
}

/// Left context of a full stop at `i`: the word before it.
enum Left<'t> {
    Plain {
        word: &'t str,
    },
    Abbrev(AbbrevClass),
    /// An initial or initialism ("E", "U.S", "D.C").
    Initial,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '°' | 'º' | '&')
}

fn left_context<'t>(sp: &SentenceSplitter, text: &'t str, bs: usize, i: usize) -> Left<'t> {
    // The word: alphanumerics and internal dots, bounded look-back.
    let mut lo = i.saturating_sub(LOOKBACK).max(bs);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut ws = i;
    for (off, c) in text[lo..i].char_indices().rev() {
        if is_word_char(c) {
            ws = lo + off;
        } else {
            break;
        }
    }
    let word = text[ws..i].trim_start_matches('.');
    if word.is_empty() {
        return Left::Plain { word };
    }
    // URLs and e-mail addresses: look at the whole whitespace-delimited token.
    let mut tlo = i.saturating_sub(TOKEN_LOOKBACK).max(bs);
    while !text.is_char_boundary(tlo) {
        tlo += 1;
    }
    let token_start = text[tlo..i]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(tlo, |(p, c)| tlo + p + c.len_utf8());
    let token = &text[token_start..i];
    if token.contains('@') || token.contains("://") || token.starts_with("www.") {
        return Left::Plain { word };
    }
    if let Some(class) = sp.abbrevs.get(word) {
        return Left::Abbrev(class);
    }
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        if c.is_alphabetic() {
            return Left::Initial;
        }
    }
    if word.contains('.')
        && word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
    {
        return Left::Initial;
    }
    Left::Plain { word }
}

/// Time-zone abbreviations that follow "a.m."/"p.m." ("4:15 p.m. ET").
const TIME_ZONES: &[&str] = &[
    "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "HST",
    "GMT", "UTC", "BST", "WET", "CET", "CEST", "EET", "EEST", "MSK", "IST", "PKT", "ICT", "WIB",
    "SGT", "HKT", "JST", "KST", "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT", "SAST", "WAT",
    "EAT",
];

/// Whether the text from the sentence start to `i` is a fronted time phrase
/// ("At 5", "Shortly after 10"): then "a.m."/"p.m." does not end the sentence.
fn fronted_time_phrase(text: &str, sent_start: usize, i: usize) -> bool {
    let mut words = 0;
    let mut prep = false;
    for w in text[sent_start..i].split_whitespace() {
        words += 1;
        if words > 4 {
            return false;
        }
        let lw = w.to_ascii_lowercase();
        if matches!(
            lw.as_str(),
            "at" | "by"
                | "until"
                | "till"
                | "before"
                | "after"
                | "from"
                | "since"
                | "around"
                | "about"
                | "on"
                | "circa"
                | "past"
        ) {
            prep = true;
        }
    }
    prep
}

/// Bytes the scanner stops at: terminal punctuation, ':' (credit labels), the
/// first letters of run-on openers, and lead bytes of the non-ASCII terminals
/// and bullets (all of which start with 0xE2, 0xE3 or 0xEF).
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let hits = b".!?:IOAHSTWD";
    let mut k = 0;
    while k < hits.len() {
        t[hits[k] as usize] = true;
        k += 1;
    }
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

fn scan_block(sp: &SentenceSplitter, text: &str, bs: usize, be: usize, out: &mut Vec<Span>) {
    let markers = find_markers(text, bs, be);
    let b = text.as_bytes();
    let mut sent_start = bs;
    let mut m = 0usize; // next marker
                        // Markers' own dots are never boundaries; the first marker opens the block.
    let mut skip_until = 0usize;
    if let Some(&(ms, me)) = markers.first() {
        if skip_bullets(text, bs, be) == ms {
            skip_until = me;
            m = 1;
        }
    }
    let mut i = bs;
    while i < be {
        // Skip to the next byte that can matter (or the next list marker).
        let stop = markers.get(m).map_or(be, |&(ms, _)| ms.min(be));
        i = b[i..stop]
            .iter()
            .position(|&c| INTERESTING[c as usize])
            .map_or(stop, |p| i + p);
        if i >= be {
            break;
        }
        if m < markers.len() && i >= markers[m].0 {
            let (ms, me) = markers[m];
            push_boundary(text, &mut sent_start, ms, ms, out);
            skip_until = me;
            m += 1;
            i = me;
            continue;
        }
        let c = b[i];
        if c == b':' {
            if let Some(ws) = credit_label_start(text, sent_start, i) {
                push_boundary(text, &mut sent_start, ws, ws, out);
            }
            i += 1;
            continue;
        }
        if matches!(c, b'I' | b'O' | b'A' | b'H' | b'S' | b'T' | b'W' | b'D')
            && i > sent_start
            && b[i - 1] == b' '
            && run_on_opener(sp, text, sent_start, i, be)
        {
            push_boundary(text, &mut sent_start, i, i, out);
            i += 1;
            continue;
        }
        let interesting = matches!(c, b'.' | b'!' | b'?') || c >= 0xE2;
        if !interesting || i < skip_until {
            i += 1;
            continue;
        }
        if c >= 0x80 {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if is_bullet(ch) {
                let prev_ws = text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_whitespace);
                if prev_ws && i > sent_start {
                    push_boundary(text, &mut sent_start, i, i, out);
                }
                i += ch.len_utf8();
                continue;
            }
            if !is_terminal(ch) {
                i += ch.len_utf8();
                continue;
            }
        }
        let (q, run) = consume_run(text, i, be);
        // closers stay with the sentence
        let mut j = q;
        let mut closers = false;
        let mut pending_space = false;
        for (off, ch) in text[q..be].char_indices() {
            // “ and ‘ right after the stop close a German quotation („Ja.“).
            if is_closer(ch) || (matches!(ch, '“' | '‘') && !pending_space) {
                j = q + off + ch.len_utf8();
                closers = true;
                pending_space = false;
            } else if matches!(ch, ' ' | '\u{a0}' | '\u{202f}') && !pending_space {
                // French spacing: "fini. »"
                let after = &text[q + off + ch.len_utf8()..be];
                if !after.starts_with(['»', '›']) {
                    break;
                }
                pending_space = true;
            } else {
                break;
            }
        }
        let k = j + text[j..be].len() - text[j..be].trim_start().len();
        let spaced_after = k > j;
        let next = classify_next(text, k, be);
        let split_at: Option<usize> = match run {
            Run::Cjk => Some(j),
            Run::Strong => {
                let yes = spaced_after
                    && match next {
                        Next::Lower { mixed } => mixed,
                        _ => true,
                    };
                yes.then_some(j)
            }
            Run::Ellipsis { dots, spaced } => {
                let attached = i > bs
                    && text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| !c.is_whitespace());
                let upper = matches!(next, Next::Upper { .. });
                let elided = text[..i].ends_with(['[', '(']);
                if !spaced_after || elided {
                    None
                } else if dots >= 4 && attached && spaced && upper && b[i] == b'.' {
                    // "word. . . . Next": the first dot ends the sentence and the
                    // ellipsis opens the next one.
                    Some(i + 1)
                } else if (dots >= 4 || closers) && (upper || matches!(next, Next::Other)) {
                    Some(j)
                } else {
                    None
                }
            }
            Run::Period => {
                decide_period(sp, text, bs, be, sent_start, i, spaced_after, &next).then_some(j)
            }
        };
        if let Some(at) = split_at {
            let next_start = if at == j { k } else { at };
            push_boundary(text, &mut sent_start, at, next_start, out);
        }
        i = if split_at.is_some() {
            j.max(i + 1)
        } else {
            q.max(i + 1)
        };
    }
    // At the block end even a bare bullet is kept: nothing follows it.
    let (s, e) = trim(text, sent_start, be);
    if s < e {
        out.push((s, e));
    }
}

#[allow(clippy::too_many_arguments)]
fn decide_period(
    sp: &SentenceSplitter,
    text: &str,
    bs: usize,
    be: usize,
    sent_start: usize,
    i: usize,
    spaced_after: bool,
    next: &Next<'_>,
) -> bool {
    let left = left_context(sp, text, sent_start.max(bs), i);
    if matches!(next, Next::End) {
        return true;
    }
    if !spaced_after {
        // "world.Today": only a plain word of two or more letters followed by a
        // Title-case word.
        let Left::Plain { word } = left else {
            return false;
        };
        let Next::Upper {
            word: nw,
            quoted: false,
        } = next
        else {
            return false;
        };
        let mut hi = (i + TOKEN_LOOKBACK).min(be);
        while !text.is_char_boundary(hi) {
            hi -= 1;
        }
        let right = &text[i..hi];
        let right = &right[..right.find(char::is_whitespace).unwrap_or(right.len())];
        if right.contains(['@', '/']) {
            return false;
        }
        return word.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            && !word.contains('.')
            && nw.chars().count() >= 2
            && nw.chars().nth(1).is_some_and(char::is_lowercase);
    }
    let ambiguous = |next: &Next<'_>| match next {
        Next::Upper { word, quoted } => *quoted || sp.starters.contains(word),
        _ => false,
    };
    match left {
        Left::Abbrev(AbbrevClass::Title) => false,
        Left::Abbrev(AbbrevClass::Number | AbbrevClass::Month) => {
            !matches!(next, Next::Digit) && ambiguous(next)
        }
        Left::Abbrev(AbbrevClass::Time) => match next {
            Next::Upper {
                word,
                quoted: false,
            } if TIME_ZONES.contains(word) => false,
            Next::Upper { .. } => !fronted_time_phrase(text, sent_start, i),
            Next::Other => true,
            _ => false,
        },
        Left::Abbrev(AbbrevClass::Ambiguous) | Left::Initial => ambiguous(next),
        Left::Plain { .. } => match next {
            Next::Lower { mixed } => *mixed,
            _ => true,
        },
    }
}

/// Openers that, capitalised in the middle of sentence-case text and followed by
/// a lower-case function word, mark two blocks run together without punctuation
/// (a heading or caption glued to the next paragraph: "... any constituency In
/// the New Territories West ...").
const RUN_ON_OPENERS: &[&str] = &[
    "In", "On", "At", "After", "During", "He", "She", "They", "We", "It",
];

fn run_on_opener(
    sp: &SentenceSplitter,
    text: &str,
    sent_start: usize,
    i: usize,
    be: usize,
) -> bool {
    // Fast reject on bytes: an opener is 2-6 ASCII letters followed by a space.
    let bytes = &text.as_bytes()[i..be];
    let n = bytes
        .iter()
        .take(7)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if !(2..=6).contains(&n) || bytes.get(n) != Some(&b' ') {
        return false;
    }
    let rest = &text[i..be];
    let w_end = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..w_end];
    if !RUN_ON_OPENERS.contains(&word) || !rest[w_end..].starts_with(' ') {
        return false;
    }
    let after = &rest[w_end + 1..];
    let n_end = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    let next = &after[..n_end];
    if next.is_empty() || !next.chars().all(|c| c.is_lowercase()) || !sp.starters.contains(next) {
        return false;
    }
    // Bounded look-back: the previous word and whether two more precede it.
    let mut lo = i.saturating_sub(LOOKBACK).max(sent_start);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let before = &text[lo..i - 1];
    let mut words = before.split_whitespace();
    let Some(prev) = words.next_back() else {
        return false;
    };
    if words.rev().take(2).count() < 2 {
        return false;
    }
    let lower = prev.chars().all(|c| c.is_lowercase());
    let acronym = prev.chars().count() >= 2 && prev.chars().all(|c| c.is_uppercase());
    (lower || acronym) && !sp.starters.contains(prev)
}

/// Photo and source credits that news pages run on after a caption without a
/// full stop ("Rescue teams at work Photo: Jane Doe."): the label opens a sentence.
const CREDIT_LABELS: &[&str] = &[
    "Image",
    "Photo",
    "Photograph",
    "Picture",
    "Pictured",
    "Credit",
    "Credits",
    "Source",
    "Video",
    "Graphic",
    "Illustration",
    "Caption",
    "Foto",
    "Bild",
    "Quelle",
];

/// If the word before the colon at `i` is a credit label that follows text
/// without final punctuation, returns where the label starts.
fn credit_label_start(text: &str, sent_start: usize, i: usize) -> Option<usize> {
    let before = &text[sent_start..i];
    let ws = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let label = &before[ws..];
    if !CREDIT_LABELS.contains(&label) {
        return None;
    }
    let prev = before[..ws].trim_end();
    if prev.len() == before[..ws].len() || prev.is_empty() {
        return None; // not preceded by a space, or nothing before it
    }
    let last = prev.chars().next_back()?;
    if is_terminal(last)
        || is_closer(last)
        || matches!(last, ':' | ';' | ',' | '|' | '-' | '–' | '—')
    {
        return None;
    }
    Some(sent_start + ws)
}

/// Ends the current sentence at `end` (if it has content beyond bullets) and
/// starts the next at `next_start`.
fn push_boundary(
    text: &str,
    sent_start: &mut usize,
    end: usize,
    next_start: usize,
    out: &mut Vec<Span>,
) {
    if end <= *sent_start {
        return;
    }
    let (s, e) = trim(text, *sent_start, end);
    if s == e {
        *sent_start = next_start.max(end);
        return;
    }
    if text[s..e]
        .chars()
        .all(|c| is_bullet(c) || c.is_whitespace() || c == '-')
    {
        // a bare bullet belongs to what follows
        return;
    }
    out.push((s, e));
    *sent_start = next_start.max(end);
}

#[cfg(test)]
mod tests {
    use super::super::SentenceSplitter;

    fn split(text: &str) -> Vec<&str> {
        SentenceSplitter::new().split(text)
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(split("").is_empty());
        assert!(split(" \n\t \r\n ").is_empty());
    }

    #[test]
    fn lines_end_sentences() {
        assert_eq!(
            split("Storm hits coast\nBy Jane Doe\n\nThe storm hit. It rained."),
            vec![
                "Storm hits coast",
                "By Jane Doe",
                "The storm hit.",
                "It rained."
            ]
        );
        assert_eq!(split("a\r\nb\rc"), vec!["a", "b", "c"]);
    }

    #[test]
    fn wrapped_prose_joins() {
        assert_eq!(
            split("This is a sentence\ncut off in the middle."),
            vec!["This is a sentence\ncut off in the middle."]
        );
        assert_eq!(
            split("features\ncontact manager\nevents, activities\n"),
            vec!["features", "contact manager", "events, activities"]
        );
        assert_eq!(
            split("Saturday, September 12, 2015\npilgrims at the mosque."),
            vec!["Saturday, September 12, 2015", "pilgrims at the mosque."]
        );
    }

    #[test]
    fn abbreviations_and_initials() {
        let cases: &[(&str, &[&str])] = &[
            (
                "I live in the U.S. How about you?",
                &["I live in the U.S.", "How about you?"],
            ),
            (
                "I work for the U.S. Government in Virginia.",
                &["I work for the U.S. Government in Virginia."],
            ),
            (
                "Talks on Nov.7 and Nov. 8 ended.",
                &["Talks on Nov.7 and Nov. 8 ended."],
            ),
            (
                "Mr. Smith met Dr. Jones. They spoke.",
                &["Mr. Smith met Dr. Jones.", "They spoke."],
            ),
            (
                "J. R. R. Tolkien wrote it.",
                &["J. R. R. Tolkien wrote it."],
            ),
            (
                "Acme Inc. said so. Acme Inc. It fell.",
                &["Acme Inc. said so.", "Acme Inc.", "It fell."],
            ),
            ("Use e.g. This one.", &["Use e.g. This one."]),
            (
                "Updated 4:15 p.m. ET on Nov. 7.",
                &["Updated 4:15 p.m. ET on Nov. 7."],
            ),
            ("Smith et al. found it.", &["Smith et al. found it."]),
            (
                "At 5 a.m. Mr. Smith left. He came back at 6 P.M. Mr. Smith slept.",
                &[
                    "At 5 a.m. Mr. Smith left.",
                    "He came back at 6 P.M.",
                    "Mr. Smith slept.",
                ],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&split(text), want, "{text}");
        }
    }

    #[test]
    fn numbers_urls_emails() {
        assert_eq!(
            split("It cost $1.5 billion, or 3.14 each."),
            vec!["It cost $1.5 billion, or 3.14 each."]
        );
        assert_eq!(
            split("Mail jane.doe@example.com. Or see https://example.com/a.html. Thanks."),
            vec![
                "Mail jane.doe@example.com.",
                "Or see https://example.com/a.html.",
                "Thanks."
            ]
        );
        assert_eq!(
            split("Hello world.Today is Tuesday."),
            vec!["Hello world.", "Today is Tuesday."]
        );
        assert_eq!(
            split("He has a Ph.D. in physics."),
            vec!["He has a Ph.D. in physics."]
        );
    }

    #[test]
    fn quotes_and_brackets() {
        assert_eq!(
            split("He said, “This is great.” She left."),
            vec!["He said, “This is great.”", "She left."]
        );
        assert_eq!(
            split("\"It is great.\" she said."),
            vec!["\"It is great.\" she said."]
        );
        assert_eq!(
            split("« C'est fini. » Il part."),
            vec!["« C'est fini. »", "Il part."]
        );
        assert_eq!(split("„Ja.“ Er geht."), vec!["„Ja.“", "Er geht."]);
        assert_eq!(
            split("It works (mostly.) at night."),
            vec!["It works (mostly.) at night."]
        );
        assert_eq!(
            split("\"Cool clock, Ahmed. Want to bring it?\""),
            vec!["\"Cool clock, Ahmed.", "Want to bring it?\""]
        );
    }

    #[test]
    fn marks_and_ellipses() {
        assert_eq!(
            split("Really?! Yes!! Fine."),
            vec!["Really?!", "Yes!!", "Fine."]
        );
        assert_eq!(
            split("She works at Yahoo! in sales."),
            vec!["She works at Yahoo! in sales."]
        );
        assert_eq!(split("Well... maybe … not."), vec!["Well... maybe … not."]);
        assert_eq!(
            split("I never meant that.... She left."),
            vec!["I never meant that....", "She left."]
        );
        assert_eq!(
            split("Sales rose. iPhone demand held."),
            vec!["Sales rose.", "iPhone demand held."]
        );
    }

    #[test]
    fn bullets_and_lists() {
        assert_eq!(
            split("• 9. First item • 10. Second item"),
            vec!["• 9. First item", "• 10. Second item"]
        );
        assert_eq!(
            split("1. First item. 2. Second item."),
            vec!["1. First item.", "2. Second item."]
        );
        assert_eq!(
            split("a. One b. Two c. Three"),
            vec!["a. One", "b. Two", "c. Three"]
        );
        assert_eq!(
            split("  • one\n- two\n3) three"),
            vec!["• one", "- two", "3) three"]
        );
    }

    #[test]
    fn credits_and_brackets() {
        assert_eq!(
            split("Rescue teams at work Image: Jane Doe. Image: a caption."),
            vec![
                "Rescue teams at work",
                "Image: Jane Doe.",
                "Image: a caption."
            ]
        );
        assert_eq!(
            split("\"Bohr [...] used it [...]\" (Smith 55)."),
            vec!["\"Bohr [...] used it [...]\" (Smith 55)."]
        );
        assert_eq!(
            split("It is Jane.Doe@example.com. Yes."),
            vec!["It is Jane.Doe@example.com.", "Yes."]
        );
        assert_eq!(
            split("It is Tuesday.Mr. Smith bought 1,000.That is a lot."),
            vec![
                "It is Tuesday.",
                "Mr. Smith bought 1,000.",
                "That is a lot."
            ]
        );
    }

    #[test]
    fn run_on_headings() {
        assert_eq!(
            split("Chu received the largest vote In the west, Chu won."),
            vec!["Chu received the largest vote", "In the west, Chu won."]
        );
        // Trade-off: a title such as "the film In the Heights" is split too.
        for keep in [
            "Reports In the Press Today",
            "It was, In the end, fine.",
            "according to The Associated Press.",
        ] {
            assert_eq!(split(keep).len(), 1, "{keep}");
        }
    }

    #[test]
    fn cjk() {
        assert_eq!(
            split("今日は晴れ。明日は雨！"),
            vec!["今日は晴れ。", "明日は雨！"]
        );
    }

    #[test]
    fn spans_are_trimmed_ordered_and_slice_the_text() {
        let text = "  First one.  Second one?\n\n • Third\r\n";
        let spans = SentenceSplitter::new().spans(text);
        let mut last = 0;
        for &(s, e) in &spans {
            assert!(s >= last && s < e);
            assert_eq!(text[s..e].trim(), &text[s..e]);
            last = e;
        }
        assert_eq!(spans.len(), 3);
    }

    /// Random strings from news-like pieces: spans must be ordered, trimmed,
    /// on char boundaries, and cover every non-space character.
    #[test]
    fn random_inputs_keep_the_invariants() {
        const PIECES: &[&str] = &[
            "a",
            "b",
            "X",
            "Z",
            " ",
            ".",
            "!",
            "?",
            "…",
            "\"",
            "'",
            "“",
            "”",
            "‘",
            "’",
            "(",
            ")",
            "[",
            "]",
            "«",
            "»",
            "\n",
            "\r",
            "\t",
            "•",
            "-",
            "0",
            "7",
            ":",
            ",",
            "@",
            "/",
            "é",
            "İ",
            "🚀",
            "\u{a0}",
            "\u{202f}",
            "。",
            "！",
            "U.S.",
            "Mr.",
            " a.m. ",
            "...",
            " In the ",
            "Image: ",
            "1. ",
            " 2. ",
            "www.x.com",
            "The",
            "a.",
            "b)",
            ". . .",
            "http://",
            "Co.",
            "St.",
        ];
        let splitter = SentenceSplitter::new();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let n = (next() % 40) as usize;
            let text: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let spans = splitter.spans(&text);
            let mut last = 0;
            let mut covered = String::new();
            for &(s, e) in &spans {
                assert!(last <= s && s < e && e <= text.len(), "{text:?} {spans:?}");
                let sent = &text[s..e];
                assert_eq!(sent, sent.trim(), "{text:?}");
                covered.push_str(sent);
                last = e;
            }
            let strip = |t: &str| t.split_whitespace().collect::<String>();
            assert_eq!(strip(&covered), strip(&text), "{text:?} {spans:?}");
        }
    }

    #[test]
    fn pathological_inputs_do_not_blow_up() {
        let dots = ".".repeat(100_000);
        let _ = split(&dots);
        let long = "word ".repeat(200_000) + "end.";
        assert_eq!(split(&long).len(), 1);
        let marks = "1. ".repeat(10_000);
        let _ = split(&marks);
        let bullets = "• ".repeat(10_000);
        let _ = split(&bullets);
    }
}
