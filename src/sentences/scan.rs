//! The splitting algorithm: lines are grouped into blocks (a line, or lines of
//! wrapped prose), then each block is scanned once for candidate boundaries.
//! Every decision reads a bounded window around the candidate, so the whole
//! pass is linear in the text.

use super::{AbbrevClass, Ctx, Span};

/// How far (in bytes) the splitter looks back for the word before a full stop.
const LOOKBACK: usize = 64;
/// How far it looks back for the token (URL, e-mail address) holding a full stop.
const TOKEN_LOOKBACK: usize = 256;
/// How far a phrase test ("At 5 a.m.") reads from the sentence start.
const PHRASE_WINDOW: usize = 80;

/// A block being built: its span, and where its first line ends (what the prose
/// test reads of its start).
#[derive(Clone, Copy)]
struct Block {
    start: usize,
    end: usize,
    /// End of the block's first line.
    first_end: usize,
}

impl Block {
    fn open(start: usize, end: usize) -> Block {
        Block {
            start,
            end,
            first_end: end,
        }
    }

    /// Whether the block starts with a capital or a digit and its first line holds at
    /// least three words (in a bounded window). Read only by the last test of
    /// [`continues_prose`]: computed for every block when it opened, it was 12% of
    /// splitting the clean L3S dev pages.
    fn sentence_like(&self, text: &str) -> bool {
        let mut hi = (self.start + TOKEN_LOOKBACK).min(self.first_end);
        while !text.is_char_boundary(hi) {
            hi -= 1;
        }
        let head = &text[self.start..hi];
        starts_upper(head) && head.split_whitespace().take(3).count() >= 3
    }
}

pub(super) fn split(cx: &Ctx<'_>, text: &str, out: &mut Vec<Span>) {
    let mut block: Option<Block> = None; // current block (trimmed)
    for line in Lines::new(text) {
        let (ls, le) = trim(text, line.start, line.end);
        if ls == le {
            if let Some(b) = block.take() {
                scan_block(cx, text, b.start, b.end, out);
            }
            continue;
        }
        if let Some(b) = block {
            if continues_prose(text, &b, ls, le) {
                block = Some(Block { end: le, ..b });
                continue;
            }
            scan_block(cx, text, b.start, b.end, out);
        }
        block = Some(Block::open(ls, le));
    }
    if let Some(b) = block {
        scan_block(cx, text, b.start, b.end, out);
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

/// Python's `str.isspace()`, which sentences are trimmed of.
use crate::hash::is_py_space as is_space;

fn trim(text: &str, s: usize, e: usize) -> (usize, usize) {
    // Nearly every line and sentence starts and ends with an ASCII graphic character, which is
    // no whitespace and a whole character: nothing to trim (the `char` walks below, once per
    // line and once per sentence, were 3% of splitting the clean L3S dev pages).
    let b = text.as_bytes();
    if s < e && b[s].is_ascii_graphic() && b[e - 1].is_ascii_graphic() {
        return (s, e);
    }
    let seg = &text[s..e];
    let t = seg.trim_start_matches(is_space);
    let s2 = s + (seg.len() - t.len());
    let t2 = t.trim_end_matches(is_space);
    (s2, s2 + t2.len())
}

fn starts_upper(s: &str) -> bool {
    s.chars()
        .take(16)
        .find(|c| !is_open_quote(*c))
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether the line `ls..le` continues the prose block `b`.
fn continues_prose(text: &str, b: &Block, ls: usize, le: usize) -> bool {
    let prev_end = b.end;
    let next = &text[ls..le];
    let Some(first) = next.chars().next() else {
        return false;
    };
    if !first.is_lowercase() || list_marker_at(text, ls, le).is_some() {
        return false;
    }
    // The previous line as it ended: ignore closing quotes and brackets (a few).
    let prev = &text[b.start..prev_end];
    let Some(last) = prev.chars().rev().take(16).find(|c| !is_closer(*c)) else {
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
    // A line as long as wrapped prose continues whatever the block's start
    // (which may itself be a wrapped line's continuation), also when it ends
    // in a number ("... for the season of 5.93\nmln against ..."); a shorter
    // one only when it ends in a word and the block reads as a sentence (not
    // a menu, a dateline above a caption).
    let last_line = prev.rsplit(['\n', '\r']).next().unwrap_or(prev);
    if last_line.len() >= WRAPPED_LINE {
        return last.is_alphabetic() || last.is_ascii_digit();
    }
    last.is_alphabetic() && b.sentence_like(text)
}

/// Bytes a line must have to read as wrapped prose (text wrapped at 60-80
/// columns) rather than a menu item, a dateline or a heading.
const WRAPPED_LINE: usize = 45;

fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉' | '．' | '｡'
    ) || is_hard_stop(c)
}

/// Sentence ends of other scripts that always end a sentence: the danda and
/// double danda, the Urdu full stop, the Arabic question mark, the Armenian
/// full stop, the Ethiopic full stop, question mark and paragraph separator,
/// the Burmese and Khmer full stops, and the Greek question mark (U+037E).
fn is_hard_stop(c: char) -> bool {
    matches!(
        c,
        '।' | '॥' | '۔' | '؟' | '։' | '።' | '፧' | '፨' | '။' | '។' | '៕' | '\u{37e}'
    )
}

/// Letters written without spaces between sentences: Han, kana, and the
/// CJK punctuation and full-width forms around them.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F | 0x3000..=0x303F | 0xFF01..=0xFF0F)
}

fn is_greek(c: char) -> bool {
    matches!(c as u32, 0x370..=0x3FF | 0x1F00..=0x1FFF) && c.is_alphabetic()
}

fn is_armenian(c: char) -> bool {
    matches!(c as u32, 0x531..=0x587)
}

fn is_devanagari(c: char) -> bool {
    matches!(c as u32, 0x900..=0x963 | 0x966..=0x97F)
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
    /// A capitalised word (possibly after an opening quote or bracket:
    /// `quoted`, and `bracketed` when that was a bracket); `initial` for a
    /// single letter followed by a full stop ("A. B. Smith").
    Upper {
        word: &'t str,
        quoted: bool,
        bracketed: bool,
        initial: bool,
    },
    /// A lower-case word; `mixed` for words such as "iPhone" or "eBay". A dash
    /// and a lower-case word ("- she said") count as one.
    Lower {
        mixed: bool,
    },
    Digit,
    Other,
}

/// Longest word `classify_next` reads.
const WORD_WINDOW: usize = 64;

fn classify_next(text: &str, k: usize, be: usize) -> Next<'_> {
    if k >= be {
        return Next::End;
    }
    let rest = &text[k..be];
    let mut quoted = false;
    let mut bracketed = false;
    let mut start = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // » and › open a quotation in German and Danish when a letter follows.
        let opens = is_open_quote(c)
            || (matches!(c, '»' | '›') && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic()));
        if opens && i < 8 {
            quoted = true;
            bracketed |= matches!(c, '(' | '[' | '{');
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
        .take_while(|&(i, _)| i < WORD_WINDOW)
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(word_part.len().min(WORD_WINDOW), |(i, _)| i);
    let mut wend = wend;
    while !word_part.is_char_boundary(wend) {
        wend -= 1;
    }
    let word = &word_part[..wend];
    if c.is_uppercase() {
        let initial = word.chars().nth(1).is_none() && word_part[wend..].starts_with('.');
        Next::Upper {
            word,
            quoted,
            bracketed,
            initial,
        }
    } else if c.is_lowercase() {
        Next::Lower {
            mixed: word.chars().skip(1).any(char::is_uppercase),
        }
    } else if c.is_ascii_digit() {
        Next::Digit
    } else if !quoted && matches!(c, '-' | '–' | '—') && dash_then_lower(&word_part[c.len_utf8()..])
    {
        // Dialogue: "Takich dramatów można uniknąć! - apelują lekarze."
        Next::Lower { mixed: false }
    } else {
        Next::Other
    }
}

/// A space then a lower-case letter.
fn dash_then_lower(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(' ' | '\u{a0}')) && cs.next().is_some_and(char::is_lowercase)
}

/// The kind of a run of terminal punctuation.
enum Run {
    /// A single full stop.
    Period,
    /// "!", "?", "?!", "!!", possibly with dots.
    Strong,
    /// An ellipsis: number of dots ("…" counts three), spaced (". . .").
    Ellipsis { dots: usize, spaced: bool },
    /// CJK full stop or mark, or another script's sentence end: ends a
    /// sentence without a following space.
    Cjk,
}

/// Whether `rest` (the text right after a closing quotation mark) starts with
/// a Japanese quotative particle: と ("「行く！」と言った"), って, or とか, but
/// not a word that begins with と and starts a sentence (ところが, とりわけ,
/// とにかく ...).
fn quotative_particle(rest: &str) -> bool {
    // (not とも: 「…」とも述べた quotes too)
    const SENTENCE_WORDS: [&str; 8] = [
        "ところ",
        "とりわけ",
        "とにかく",
        "ともかく",
        "とても",
        "ともに",
        "とくに",
        "とうとう",
    ];
    rest.starts_with("って")
        || (rest.starts_with('と') && !SENTENCE_WORDS.iter().any(|w| rest.starts_with(w)))
}

/// Whether `rest` (the text right after a closing quotation mark) is a Chinese
/// attribution of the quotation: who said it and a speech verb, then the
/// sentence's end or a comma (“真的吗？”他问道。, “我们赢了！”她说，…), at most
/// eight characters; not a new sentence that begins with a name
/// (“我们赢了！”他说完就走了。 splits).
fn chinese_attribution(rest: &str) -> bool {
    const VERBS: [&str; 20] = [
        "说", "說", "道", "问", "問", "表示", "称", "稱", "答", "指出", "强调", "強調", "补充",
        "補充", "宣布", "透露", "回应", "回應", "喊", "叫",
    ];
    let mut n = 0;
    for (at, c) in rest.char_indices() {
        if matches!(c, '。' | '！' | '？' | '，' | '：' | '；') {
            let said = &rest[..at];
            return n > 0 && VERBS.iter().any(|v| said.ends_with(v));
        }
        n += 1;
        if n > 8 || !is_cjk(c) || matches!(c, '“' | '「' | '『' | '、') {
            return false;
        }
    }
    false
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
                    '。' | '！' | '？' | '．' | '｡' => {
                        cjk = true;
                        q += c.len_utf8();
                    }
                    c if is_hard_stop(c) => {
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
    /// A word that is neither; `start` is where it begins.
    Plain {
        word: &'t str,
        start: usize,
    },
    Abbrev(AbbrevClass),
    /// An initial or initialism ("E", "U.S", "D.C").
    Initial,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '.' | '°' | 'º' | '&')
        // vowel signs and viramas of Devanagari and Bengali ("श्री", "ডা")
        || matches!(c as u32, 0x900..=0x963 | 0x966..=0x9FF)
}

fn left_context<'t>(cx: &Ctx<'_>, text: &'t str, bs: usize, i: usize) -> Left<'t> {
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
    let start = i - word.len();
    if word.is_empty() {
        return Left::Plain { word, start };
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
    // (`contains(':')` first: one memchr, where a substring search sets up a
    // searcher for each of the many words before a full stop)
    if token.contains('@')
        || (token.contains(':') && token.contains("://"))
        || token.starts_with("www.")
    {
        return Left::Plain { word, start };
    }
    if let Some(class) = cx.abbrev(word) {
        return Left::Abbrev(class);
    }
    if let Some(class) = spaced_pair(cx, text, lo, ws, word) {
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
    Left::Plain { word, start }
}

/// A two-letter abbreviation written with a space ("т. д.", "z. B."): the
/// class of "т.д" when `word` is one letter after another letter and a full stop.
fn spaced_pair(cx: &Ctx<'_>, text: &str, lo: usize, ws: usize, word: &str) -> Option<AbbrevClass> {
    let mut cs = word.chars();
    let (Some(second), None) = (cs.next(), cs.next()) else {
        return None;
    };
    let before = text[lo..ws]
        .strip_suffix([' ', '\u{a0}'])?
        .strip_suffix('.')?;
    let first = before.chars().next_back()?;
    let rest = &before[..before.len() - first.len_utf8()];
    if !first.is_alphabetic() || rest.chars().next_back().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let mut key = [0u8; 16];
    let mut n = 0;
    for c in [first, '.', second] {
        n += c.encode_utf8(&mut key[n..]).len();
    }
    cx.abbrev(std::str::from_utf8(&key[..n]).ok()?)
}

/// The word before `pos` (after at most a few spaces), within a bounded window.
fn word_before(text: &str, lo: usize, pos: usize) -> &str {
    let mut lo = pos.saturating_sub(LOOKBACK).max(lo);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let before = text[lo..pos].trim_end();
    let ws = before
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(p, c)| p + c.len_utf8());
    &before[ws..]
}

/// Time-zone abbreviations that follow "a.m."/"p.m." ("4:15 p.m. ET").
const TIME_ZONES: &[&str] = &[
    "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "HST",
    "GMT", "UTC", "BST", "WET", "CET", "CEST", "EET", "EEST", "MSK", "IST", "PKT", "ICT", "WIB",
    "SGT", "HKT", "JST", "KST", "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT", "SAST", "WAT",
    "EAT",
];

/// Verbs that attribute a quotation ('"Why now?" Smith asked.').
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "replied",
    "replies",
    "shouted",
    "cried",
    "insisted",
    "explained",
    "recalled",
    "declared",
    "warned",
    "argued",
    "noted",
    "continued",
    "tweeted",
    "posted",
];

/// Whether the text at `k` is who said a quotation and a verb of saying:
/// one to five capitalised words ("Smith", "Prime Minister Ana Lima") and
/// then one of [`SPEECH_VERBS`] as a whole word.
fn speech_attribution(text: &str, k: usize, be: usize) -> bool {
    let mut hi = (k + PHRASE_WINDOW).min(be);
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let mut names = 0;
    for w in text[k..hi].split_whitespace().take(6) {
        if w.starts_with(char::is_uppercase) && names < 5 {
            names += 1;
            continue;
        }
        let core = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        return names > 0 && SPEECH_VERBS.contains(&core);
    }
    false
}

/// Whether the capitalised word `word` (a slice of `text`) after "a.m."/"p.m."
/// goes on naming the time rather than opening a sentence: a weekday ("6 p.m.
/// Friday and 6 a.m. today"), a month followed by a day ("3:56 a.m. January 8",
/// "4:30 p.m. Jan. 5"), or a spelled-out time zone ("10 p.m. Eastern time").
fn names_the_day(cx: &Ctx<'_>, text: &str, be: usize, word: &str) -> bool {
    if crate::dates::is_english_weekday(&word.to_lowercase()) {
        return true;
    }
    // `word` is a slice of `text` (from `classify_next`): where it ends.
    let end = (word.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize) + word.len();
    let Some(rest) = text.get(end..be) else {
        return false;
    };
    if crate::dates::month_number(word).is_some() || cx.is_month(word) {
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        let rest = rest.trim_start_matches([' ', '\u{a0}']);
        return rest.starts_with(|c: char| c.is_ascii_digit());
    }
    matches!(
        word,
        "Eastern" | "Central" | "Mountain" | "Pacific" | "Atlantic"
    ) && [" time", " Time", " Standard", " Daylight"]
        .iter()
        .any(|t| rest.starts_with(t))
}

/// Whether the text from the sentence start to `i` is a fronted time phrase
/// ("At 5", "Shortly after 10"): then "a.m."/"p.m." does not end the sentence.
fn fronted_time_phrase(text: &str, sent_start: usize, i: usize) -> bool {
    if i - sent_start > PHRASE_WINDOW {
        return false;
    }
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

/// Bytes the scanner stops at: terminal punctuation, ':' (credit labels and
/// the Armenian full stop typed as a colon), ';' (the Greek question mark),
/// '|' (the danda typed as a bar), the first letters of run-on openers, and
/// lead bytes of the non-ASCII terminals and bullets.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let hits = b".!?:;|IOAHSTWD";
    let mut k = 0;
    while k < hits.len() {
        t[hits[k] as usize] = true;
        k += 1;
    }
    // '։' D6 89, '؟' D8 9F, '۔' DB 94, U+037E CD BE, danda E0 A5 A4/A5,
    // Ethiopic/Burmese/Khmer stops E1 .., bullets and '…' E2 .., '。' E3 80 82,
    // full-width forms EF ..
    let leads = [0xCD, 0xD6, 0xD8, 0xDB, 0xE0, 0xE1, 0xE2, 0xE3, 0xEF];
    let mut k = 0;
    while k < leads.len() {
        t[leads[k]] = true;
        k += 1;
    }
    t
};

/// Whether a block of 16 bytes may hold a byte of [`INTERESTING`]: a
/// superset test (every lead byte from 0xCD up counts) written as
/// comparisons, which the compiler turns into a few vector instructions,
/// where the table needs two loads and a branch per byte.
#[inline(always)]
fn may_be_interesting(chunk: &[u8; 16]) -> bool {
    let mut any = [0u8; 16];
    for (a, &c) in any.iter_mut().zip(chunk) {
        let mut hit = u8::from(c >= 0xCD);
        for x in *b".!?:;|IOAHSTWD" {
            hit |= u8::from(c == x);
        }
        *a = hit;
    }
    any.iter().fold(0, |acc, &a| acc | a) != 0
}

/// The first position in `i..stop` of a byte of [`INTERESTING`], or `stop`:
/// with SSSE3 (nearly every x86_64 CPU; checked at run time), 16 bytes at a
/// time by two nibble lookups ([`next_interesting_ssse3`]); else
/// [`next_interesting_portable`].
#[inline]
fn next_interesting(b: &[u8], i: usize, stop: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("ssse3") {
            // SAFETY: the CPU has SSSE3, checked just above.
            return unsafe { next_interesting_ssse3(b, i, stop) };
        }
    }
    next_interesting_portable(b, i, stop)
}

/// The nibble tables of [`INTERESTING`]: a byte `c` is interesting iff
/// `LO[c & 15] & HI[c >> 4] != 0`. Each high nibble of an interesting byte has
/// a bit of its own (there are eight), set in `HI` at that nibble and in `LO` at
/// the low nibble of each interesting byte with that high nibble.
const NIBBLES: ([u8; 16], [u8; 16]) = {
    let (mut lo, mut hi) = ([0u8; 16], [0u8; 16]);
    let mut next_bit = 0u32;
    let mut c = 0;
    while c < 256 {
        if INTERESTING[c] {
            let h = c >> 4;
            if hi[h] == 0 {
                assert!(next_bit < 8, "more than eight high nibbles");
                hi[h] = 1 << next_bit;
                next_bit += 1;
            }
            lo[c & 15] |= hi[h];
        }
        c += 1;
    }
    (lo, hi)
};

/// [`next_interesting`] with SSSE3: each block of 16 bytes is classified
/// exactly by two `pshufb` lookups (see [`NIBBLES`]), and the first
/// interesting byte of a block is the first bit of its mask.
///
/// # Safety
///
/// The CPU must support SSSE3.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "ssse3")]
unsafe fn next_interesting_ssse3(b: &[u8], mut i: usize, stop: usize) -> usize {
    use std::arch::x86_64::*;
    let stop = stop.min(b.len());
    let (lo_t, hi_t) = (&NIBBLES.0, &NIBBLES.1);
    // SAFETY (all the loads): `lo_t` and `hi_t` are 16 bytes; the block read
    // is `b[i..i + 16]`, within `b` since `i + 16 <= stop <= b.len()`.
    let lo_t = _mm_loadu_si128(lo_t.as_ptr() as *const __m128i);
    let hi_t = _mm_loadu_si128(hi_t.as_ptr() as *const __m128i);
    let low4 = _mm_set1_epi8(0x0F);
    while i + 16 <= stop {
        let v = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
        let lo = _mm_shuffle_epi8(lo_t, _mm_and_si128(v, low4));
        let hi = _mm_shuffle_epi8(hi_t, _mm_and_si128(_mm_srli_epi16::<4>(v), low4));
        let none = _mm_cmpeq_epi8(_mm_and_si128(lo, hi), _mm_setzero_si128());
        let hits = !(_mm_movemask_epi8(none) as u32) & 0xFFFF;
        if hits != 0 {
            return i + hits.trailing_zeros() as usize;
        }
        i += 16;
    }
    next_interesting_bytewise(b, i, stop)
}

/// The first byte in `i..stop` that may matter (else `stop`), one byte at a
/// time: the tail after the last whole 16-byte block.
#[inline]
fn next_interesting_bytewise(b: &[u8], i: usize, stop: usize) -> usize {
    b[i..stop]
        .iter()
        .position(|&c| INTERESTING[c as usize])
        .map_or(stop, |p| i + p)
}

/// [`next_interesting`] without SSSE3: 16 bytes at a time while no byte of a
/// block can be one (most blocks of prose), then byte by byte within the
/// block that may hold one.
#[inline]
fn next_interesting_portable(b: &[u8], mut i: usize, stop: usize) -> usize {
    while i + 16 <= stop {
        let chunk: &[u8; 16] = b[i..i + 16].try_into().expect("16 bytes");
        if may_be_interesting(chunk) {
            if let Some(p) = chunk.iter().position(|&c| INTERESTING[c as usize]) {
                return i + p;
            }
        }
        i += 16;
    }
    next_interesting_bytewise(b, i, stop)
}

/// For a lead byte that starts whole scripts (Devanagari, Arabic, kana ...),
/// whether the character at `i` can matter; lets the scanner step over the
/// script's letters without decoding them.
#[inline]
fn lead_matters(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        0xCD => at(1) == 0xBE,
        0xD6 => at(1) == 0x89,
        0xD8 => at(1) == 0x9F,
        0xDB => at(1) == 0x94,
        0xE0 => at(1) == 0xA5 && matches!(at(2), 0xA4 | 0xA5),
        0xE1 => matches!(
            (at(1), at(2)),
            (0x8D, 0xA2 | 0xA7 | 0xA8) | (0x81, 0x8B) | (0x9F, 0x94 | 0x95)
        ),
        0xE3 => at(1) == 0x80 && at(2) == 0x82,
        _ => true,
    }
}

/// Collects the sentences of a block: the start of the current sentence, and
/// how far the text since it is known to be bare bullets (so a run of bullets
/// is checked once, not once per bullet).
struct Emitter<'o> {
    sent_start: usize,
    bare_to: usize,
    out: &'o mut Vec<Span>,
}

impl Emitter<'_> {
    /// Ends the current sentence at `end` (if it has content beyond bullets)
    /// and starts the next at `next_start`.
    fn push(&mut self, text: &str, end: usize, next_start: usize) {
        if end <= self.sent_start {
            return;
        }
        let (s, e) = trim(text, self.sent_start, end);
        if s == e {
            self.sent_start = next_start.max(end);
            self.bare_to = self.sent_start;
            return;
        }
        let from = self.bare_to.max(s).min(e);
        if text[from..e]
            .chars()
            .all(|c| is_bullet(c) || c.is_whitespace() || c == '-')
        {
            // a bare bullet belongs to what follows
            self.bare_to = e;
            return;
        }
        self.out.push((s, e));
        self.sent_start = next_start.max(end);
        self.bare_to = self.sent_start;
    }
}

/// Whether the ':' at `i` is the Armenian full stop typed as a colon: after an
/// Armenian word, before the end or a capitalised Armenian word.
fn armenian_colon(text: &str, i: usize, be: usize) -> bool {
    if !text[..i].chars().next_back().is_some_and(is_armenian) {
        return false;
    }
    let rest = text[i + 1..be].trim_start();
    rest.is_empty()
        || (rest.len() < text[i + 1..be].len()
            && rest
                .chars()
                .next()
                .is_some_and(|c| is_armenian(c) && c.is_uppercase()))
}

/// Whether the ';' at `i` is the Greek question mark: after a Greek word (and
/// closing quotes), before the end or a capitalised word or an opening quote.
fn greek_question(text: &str, i: usize, be: usize) -> bool {
    let before = text[..i].chars().rev().take(4).find(|c| !is_closer(*c));
    if !before.is_some_and(is_greek) {
        return false;
    }
    let after = &text[i + 1..be];
    let rest = after.trim_start();
    rest.is_empty()
        || (rest.len() < after.len()
            && rest
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || is_open_quote(c)))
}

/// Whether the '|' at `i` is a danda typed as a bar: after Devanagari (and at
/// most one space), before a space or the end.
fn bar_danda(text: &str, i: usize, be: usize) -> bool {
    let before = text[..i].strip_suffix(' ').unwrap_or(&text[..i]);
    before.chars().next_back().is_some_and(is_devanagari)
        && text[i + 1..be]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
}

fn scan_block(cx: &Ctx<'_>, text: &str, bs: usize, be: usize, out: &mut Vec<Span>) {
    let markers = find_markers(text, bs, be);
    let b = text.as_bytes();
    let mut em = Emitter {
        sent_start: bs,
        bare_to: bs,
        out,
    };
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
        loop {
            i = next_interesting(b, i, stop);
            if i >= stop || b[i] < 0xC0 || lead_matters(b, i) {
                break;
            }
            i += 1;
        }
        if i >= be {
            break;
        }
        if m < markers.len() && i >= markers[m].0 {
            let (ms, me) = markers[m];
            em.push(text, ms, ms);
            skip_until = me;
            m += 1;
            i = me;
            continue;
        }
        let c = b[i];
        if c == b':' {
            if armenian_colon(text, i, be) {
                let k = i + 1 + text[i + 1..be].len() - text[i + 1..be].trim_start().len();
                em.push(text, i + 1, k);
            } else if let Some(ws) = credit_label_start(text, em.sent_start, i) {
                em.push(text, ws, ws);
            }
            i += 1;
            continue;
        }
        if c == b';' || c == b'|' {
            let yes = if c == b';' {
                greek_question(text, i, be)
            } else {
                bar_danda(text, i, be)
            };
            if yes {
                let k = i + 1 + text[i + 1..be].len() - text[i + 1..be].trim_start().len();
                em.push(text, i + 1, k);
            }
            i += 1;
            continue;
        }
        if matches!(c, b'I' | b'O' | b'A' | b'H' | b'S' | b'T' | b'W' | b'D')
            && i > em.sent_start
            && b[i - 1] == b' '
            && run_on_opener(cx, text, em.sent_start, i, be)
        {
            em.push(text, i, i);
            i += 1;
            continue;
        }
        let interesting = matches!(c, b'.' | b'!' | b'?') || c >= 0xC0;
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
                if prev_ws && i > em.sent_start {
                    em.push(text, i, i);
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
        let rest = &text[q..be];
        for (off, ch) in rest.char_indices().take(32) {
            let after = &rest[off + ch.len_utf8()..];
            let ends_word = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
            // “ and ‘ right after the stop close a German quotation („Ja.“), and
            // « and ‹ a German or Danish one (»Ja.«), unless a word follows.
            if is_closer(ch) || (matches!(ch, '“' | '‘' | '«' | '‹') && !pending_space && ends_word)
            {
                j = q + off + ch.len_utf8();
                closers = true;
                pending_space = false;
            } else if matches!(ch, ' ' | '\u{a0}' | '\u{202f}') && !pending_space {
                // French spacing ("fini. »"), and a closing quote set off by a
                // space ("beter. '' Er").
                let closing = after.starts_with(['»', '›'])
                    || ((after.starts_with("''") || after.starts_with('”'))
                        && after
                            .trim_start_matches(['\'', '”'])
                            .chars()
                            .next()
                            .is_none_or(char::is_whitespace));
                if !closing {
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
        // "!", "?" or an ellipsis directly followed by Chinese or Japanese text
        // ends a sentence ("美味しい!また", "GO!生理的", "ロビー?2008年"); not
        // inside a quotation ("「すごい!」と言った").
        let cjk_joined = || {
            let before = text[..i].chars().next_back();
            let after = text[k..be].chars().next();
            !spaced_after
                && !closers
                && match (before, after) {
                    (Some(b), Some(a)) if is_cjk(b) => is_cjk(a) || a.is_ascii_digit(),
                    (Some(b), Some(a)) => {
                        b.is_alphanumeric() && is_cjk(a) && a != '、' && a != '，'
                    }
                    _ => false,
                }
        };
        let split_at: Option<usize> = match run {
            // 「本当？」と聞いた: a quotation closed after its own sentence end and
            // followed by a quotative particle goes on as the sentence that
            // quotes it (Japanese news quotes so: 「…？」と述べた)
            Run::Cjk if closers && !spaced_after && quotative_particle(&text[j..be]) => None,
            // “真的吗？”他问道。: a Chinese quotation and who said it
            Run::Cjk if closers && !spaced_after && chinese_attribution(&text[j..be]) => None,
            Run::Cjk => Some(j),
            Run::Strong => {
                let yes = (spaced_after
                    && match next {
                        Next::Lower { mixed } => mixed,
                        // a quoted question or exclamation and who said it:
                        // '"We are done!" Smith said.'
                        Next::Upper { quoted: false, .. } => {
                            !(closers && speech_attribution(text, k, be))
                        }
                        _ => true,
                    })
                    || cjk_joined();
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
                if cjk_joined() {
                    Some(j)
                } else if !spaced_after || elided {
                    None
                } else if dots >= 4 && attached && spaced && upper && b[i] == b'.' {
                    // "word. . . . Next": the first dot ends the sentence and the
                    // ellipsis opens the next one.
                    Some(i + 1)
                } else if (dots >= 4 || closers) && (upper || matches!(next, Next::Other)) {
                    Some(j)
                } else if text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && matches!(next, Next::Upper { word, quoted: false, .. } if word != "I")
                {
                    // "word... Next": a capitalised word after an ellipsis that
                    // closes a word opens a sentence (not the English "I"; a
                    // spaced " ... " marks words left out of a quotation).
                    Some(j)
                } else {
                    None
                }
            }
            Run::Period => {
                decide_period(cx, text, bs, be, em.sent_start, i, spaced_after, &next).then_some(j)
            }
        };
        if let Some(at) = split_at {
            let next_start = if at == j { k } else { at };
            em.push(text, at, next_start);
        }
        i = if split_at.is_some() {
            j.max(i + 1)
        } else {
            q.max(i + 1)
        };
    }
    // At the block end even a bare bullet is kept: nothing follows it.
    let (s, e) = trim(text, em.sent_start, be);
    if s < e {
        em.out.push((s, e));
    }
}

#[allow(clippy::too_many_arguments)]
fn decide_period(
    cx: &Ctx<'_>,
    text: &str,
    bs: usize,
    be: usize,
    sent_start: usize,
    i: usize,
    spaced_after: bool,
    next: &Next<'_>,
) -> bool {
    let left = left_context(cx, text, sent_start.max(bs), i);
    if matches!(next, Next::End) {
        return true;
    }
    if !spaced_after {
        // "world.Today": only a plain word of two or more letters followed by a
        // Title-case word.
        let Left::Plain { word, .. } = left else {
            return false;
        };
        let Next::Upper {
            word: nw,
            quoted: false,
            ..
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
    // A quotation opening after "Co." starts a sentence; a bracket after it
    // most often holds a ticker or an aside ("Alphabet Inc. (GOOGL.O) rose"),
    // so it does only when a sentence opener follows.
    let ambiguous = |next: &Next<'_>| match next {
        Next::Upper {
            word,
            quoted,
            bracketed,
            initial,
        } => (*quoted && !*bracketed) || (!*initial && cx.is_starter(word)),
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
                ..
            } if TIME_ZONES.contains(word) || names_the_day(cx, text, be, word) => false,
            Next::Upper { .. } => !fronted_time_phrase(text, sent_start, i),
            Next::Other => true,
            _ => false,
        },
        Left::Abbrev(AbbrevClass::Ambiguous) | Left::Initial => ambiguous(next),
        Left::Abbrev(AbbrevClass::Final) => match next {
            Next::Lower { mixed } => *mixed,
            _ => true,
        },
        Left::Plain { word, start } => match next {
            Next::Lower { mixed } => *mixed,
            Next::Upper { word: nw, .. } if is_ordinal(cx, text, sent_start, word, start, nw) => {
                ambiguous(next)
            }
            _ => true,
        },
    }
}

/// Whether the number `word` (starting at `start`) before a full stop and the
/// capitalised word `next` make an ordinal: "3. Oktober" (a month name after
/// one or two digits), "der 18. Wirtschaftsgipfel" (a word that announces an
/// ordinal before up to three digits), or any short number in a language that
/// writes ordinals with a full stop.
fn is_ordinal(
    cx: &Ctx<'_>,
    text: &str,
    sent_start: usize,
    word: &str,
    start: usize,
    next: &str,
) -> bool {
    let n = word.len();
    if n == 0 || n > 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if n <= 2 && cx.is_month(next) {
        return true;
    }
    if n <= cx.ordinal_digits() {
        return true;
    }
    n <= 3 && {
        let prev = word_before(text, sent_start, start);
        !prev.is_empty() && cx.is_pre_ordinal(prev)
    }
}

/// Openers that, capitalised in the middle of sentence-case text and followed by
/// a lower-case function word, mark two blocks run together without punctuation
/// (a heading or caption glued to the next paragraph: "... any constituency In
/// the New Territories West ...").
const RUN_ON_OPENERS: &[&str] = &[
    "In", "On", "At", "After", "During", "He", "She", "They", "We", "It",
];

fn run_on_opener(cx: &Ctx<'_>, text: &str, sent_start: usize, i: usize, be: usize) -> bool {
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
    if next.is_empty() || !next.chars().all(|c| c.is_lowercase()) || !cx.is_starter(next) {
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
    (lower || acronym) && !cx.is_starter(prev)
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
    // Labels are short: read a bounded window before the colon.
    let mut lo = i.saturating_sub(32).max(sent_start);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let before = &text[lo..i];
    let ws = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    let label = &before[ws..];
    if !CREDIT_LABELS.contains(&label) {
        return None;
    }
    let gap = &text[sent_start..lo + ws];
    let prev = gap.trim_end();
    if prev.len() == gap.len() || prev.is_empty() {
        return None; // not preceded by a space, or nothing before it
    }
    let last = prev.chars().next_back()?;
    if is_terminal(last)
        || is_closer(last)
        || matches!(last, ':' | ';' | ',' | '|' | '-' | '–' | '—')
    {
        return None;
    }
    Some(lo + ws)
}

#[cfg(test)]
mod tests {
    use super::super::SentenceSplitter;

    fn split(text: &str) -> Vec<&str> {
        SentenceSplitter::new().split(text)
    }

    #[test]
    fn block_skip_finds_what_the_byte_loop_finds() {
        use super::{
            may_be_interesting, next_interesting, next_interesting_portable, INTERESTING, NIBBLES,
        };
        // the nibble tables are exact
        for c in 0..=255u8 {
            let nibbles = NIBBLES.0[(c & 15) as usize] & NIBBLES.1[(c >> 4) as usize] != 0;
            assert_eq!(nibbles, INTERESTING[c as usize], "{c:#x}");
        }
        // the block test is a superset of the table, at every place in a block
        for c in 0..=255u8 {
            for at in 0..16 {
                let mut chunk = [b'x'; 16];
                chunk[at] = c;
                assert!(
                    !INTERESTING[c as usize] || may_be_interesting(&chunk),
                    "{c:#x}"
                );
            }
        }
        assert!(!may_be_interesting(b"the rain fell in"));
        // and the skip finds the first interesting byte from every start to every stop
        let naive = |b: &[u8], i: usize, stop: usize| {
            (i..stop)
                .find(|&k| INTERESTING[b[k] as usize])
                .unwrap_or(stop)
        };
        let mut rng = crate::testing::Rng(0x9e37_79b9_7f4a_7c15);
        for round in 0..300 {
            let len = round % 90;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let seed = rng.next();
                    // mostly lower-case prose, now and then anything
                    if seed.is_multiple_of(23) {
                        (seed >> 24) as u8
                    } else {
                        b"abcdefghijklmnopqrstuvwxyz ,"[(seed >> 8) as usize % 28]
                    }
                })
                .collect();
            for i in 0..=len {
                for stop in i..=len {
                    let want = naive(&bytes, i, stop);
                    assert_eq!(next_interesting(&bytes, i, stop), want);
                    assert_eq!(next_interesting_portable(&bytes, i, stop), want);
                }
            }
        }
    }

    #[test]
    fn a_japanese_quotation_with_its_quotative_particle_is_one_sentence() {
        let sp = crate::sentences::SentenceSplitter::new();
        let t = "首相は「本当か？」と述べた。「行くぞ！」って叫んだ。「はい。」とも言った。\
                 「終わりだ！」ところが違った。東京で雨。";
        let got: Vec<&str> = sp.spans(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(
            got,
            [
                "首相は「本当か？」と述べた。",
                "「行くぞ！」って叫んだ。",
                "「はい。」とも言った。",
                "「終わりだ！」",
                "ところが違った。",
                "東京で雨。"
            ]
        );
    }

    #[test]
    fn a_chinese_quotation_with_its_attribution_is_one_sentence() {
        let sp = crate::sentences::SentenceSplitter::new();
        let t = "“真的吗？”他问道。“我们赢了！”她说，“明天再来。”\
                 “我们赢了！”他说完就走了。“好。”北京下雨。";
        let got: Vec<&str> = sp.spans(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(
            got,
            [
                "“真的吗？”他问道。",
                "“我们赢了！”她说，“明天再来。”",
                "“我们赢了！”",
                "他说完就走了。",
                "“好。”",
                "北京下雨。"
            ]
        );
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(split("").is_empty());
        assert!(split(" \n\t \r\n ").is_empty());
    }

    #[test]
    fn sentences_are_trimmed_of_python_whitespace() {
        // U+001C..U+001F are str.isspace() in Python: never at a sentence's ends.
        let sp = crate::sentences::SentenceSplitter::new();
        let t = "東京で雨。\u{1e}\u{1e}明日は晴れ！ Hello there. \u{1f}\u{1f}Next one.\u{1c}";
        let got: Vec<&str> = sp.spans(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(
            got,
            ["東京で雨。", "明日は晴れ！", "Hello there.", "Next one."]
        );
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
        // a wire story wrapped at 65 columns: a line may end in a number
        let wire = "Arrivals for the week ended February 22 were 155,221 bags\n\
                    of 60 kilos making a cumulative total for the season of 5.93\n\
                    mln against 5.81 at the same stage last year. Again it seems\n\
                    that cocoa was included.";
        assert_eq!(
            split(wire),
            vec![
                "Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos making \
                 a cumulative total for the season of 5.93\nmln against 5.81 at the same stage \
                 last year.",
                "Again it seems\nthat cocoa was included."
            ]
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
                "Shares of Alphabet Inc. (GOOGL.O) rose 2%. Meta Platforms Inc. [META.O] fell.",
                &[
                    "Shares of Alphabet Inc. (GOOGL.O) rose 2%.",
                    "Meta Platforms Inc. [META.O] fell.",
                ],
            ),
            (
                "It was sold to Acme Inc. (The deal closed in May.)",
                &["It was sold to Acme Inc.", "(The deal closed in May.)"],
            ),
            (
                "\"We are done!\" Smith said. \"Why now?\" asked Ana. “Is it over?” Prime Minister \
                 Ana Lima asked reporters. \"Stop!\" Police arrived. Then quiet.",
                &[
                    "\"We are done!\" Smith said.",
                    "\"Why now?\" asked Ana.",
                    "“Is it over?” Prime Minister Ana Lima asked reporters.",
                    "\"Stop!\"",
                    "Police arrived.",
                    "Then quiet.",
                ],
            ),
            (
                "Police held 103 drivers between 6 p.m. Friday and 6 a.m. today. It ended.",
                &[
                    "Police held 103 drivers between 6 p.m. Friday and 6 a.m. today.",
                    "It ended.",
                ],
            ),
            (
                "Posted 3:56 a.m. January 8, 2008. Masses at 4:30 p.m. Jan. 5. It ended at 10 p.m. \
                 Eastern time. It closed at 9 p.m. January was cold.",
                &[
                    "Posted 3:56 a.m. January 8, 2008.",
                    "Masses at 4:30 p.m. Jan. 5.",
                    "It ended at 10 p.m. Eastern time.",
                    "It closed at 9 p.m.",
                    "January was cold.",
                ],
            ),
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
            // other scripts' sentence ends and letters, and language rules
            "।",
            "॥",
            " | ",
            "क",
            "ि",
            "۔",
            "؟",
            "ب",
            "։",
            "ա",
            "Ա",
            ": ",
            "።",
            "፧",
            "ፀ",
            "။",
            "ဒ",
            "។",
            "\u{37e}",
            "; ",
            "α",
            "Ω",
            "．",
            "｡",
            "の",
            "中",
            "z. B. ",
            "т. д. ",
            "3. ",
            " Oktober",
            "usw. ",
            "word... ",
            "! - ",
            "»",
            "«",
            "''",
            "ı",
        ];
        use super::super::{Language, LanguageMode};
        let modes = [
            LanguageMode::Universal,
            LanguageMode::Auto,
            LanguageMode::Fixed(Language::German),
            LanguageMode::Fixed(Language::Turkish),
            LanguageMode::Fixed(Language::Hindi),
            LanguageMode::Fixed(Language::Greek),
        ];
        let mut rng = crate::testing::Rng(0x9E37_79B9_7F4A_7C15);
        let mut next = move || rng.next();
        for _ in 0..30_000 {
            let n = (next() % 40) as usize;
            let text: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let splitter = SentenceSplitter::with_language(modes[(next() % 6) as usize]);
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
