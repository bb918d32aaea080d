//! Per-line features and the ±3-line window features built on them.
//!
//! Everything here is language-agnostic: words are whitespace tokens, except
//! that CJK/Kana/Hangul-syllable-free scripts written without spaces count one
//! word per two characters; stopwords are the union of several languages.

use super::lexicon::{
    is_alphabetic, is_alphanumeric, is_numeric, pack, PhraseKind, Phrases, WordSet, PACKED_BYTES,
};
use crate::hash::{FNV_PRIME, FNV_SEED};

/// Lines with at most this many words are checked against the phrase lists
/// (on longer lines a phrase is usually part of a real sentence).
pub(crate) const SHORT_LINE_WORDS: u32 = 12;

/// Number of entries in a feature vector (see [`FEATURE_NAMES`]).
pub const N_FEATURES: usize = 19;

/// Names of the model's features, in vector order.
pub const FEATURE_NAMES: [&str; N_FEATURES] = [
    "log_words",
    "words_cap",
    "terminal",
    "stop_ratio",
    "title_ratio",
    "bullet",
    "separators",
    "digit_ratio",
    "counter",
    "phrase",
    "terminator",
    "win_log_words",
    "win_terminal",
    "win_stop_ratio",
    "win_bullet",
    "position",
    "url",
    "starts_lower",
    "log_chars",
];

/// Raw facts about one non-blank line.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TextFacts {
    pub words: u32,
    pub chars: u32,
    pub terminal: bool,
    pub stop_ratio: f32,
    pub title_ratio: f32,
    pub bullet: bool,
    pub separators: u32,
    pub digit_ratio: f32,
    pub letters: u32,
    pub counter: bool,
    pub phrase: Option<PhraseKind>,
    pub url: bool,
    pub starts_lower: bool,
}

#[inline]
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '"'
            | '\''
            | '”'
            | '’'
            | '…'
            | ')'
            | ']'
            | ':'
            | '»'
            | '«'
            | '」'
            | '』'
            | '。'
            | '！'
            | '？'
            | '؟'
            | '।'
    )
}

#[inline]
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Whether `w`, a token's alphanumeric span, is a stopword (ASCII case
/// folded; both token walks share this).
#[inline(always)]
fn is_stopword(w: &[u8], stop: &WordSet) -> bool {
    let lower = |x: u8| BYTE_LOWER[x as usize];
    let n = w.len();
    if n == 0 || n > MAX_STOPWORD_BYTES || !stop.may_contain(lower(w[0]), lower(w[n - 1]), n) {
        return false;
    }
    let mut h = FNV_SEED;
    for &x in w {
        h = (h ^ lower(x) as u64).wrapping_mul(FNV_PRIME);
    }
    stop.contains_hash(h)
}

/// [`is_stopword`] on `hb[lo..hi]` (`lo < hi`): a core of at most
/// [`PACKED_BYTES`] bytes is read as one `u64`, lowercased eight bytes at a
/// time and looked up packed ([`WordSet::contains_packed`]), not hashed a
/// byte at a time after a shape test (that took a twentieth of `clean`).
#[inline(always)]
fn is_stopword_at(hb: &[u8], lo: usize, hi: usize, stop: &WordSet) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let n = hi - lo;
    if n > PACKED_BYTES {
        return is_stopword(&hb[lo..hi], stop);
    }
    let w = match hb.get(lo..lo + PACKED_BYTES) {
        Some(b) => u64::from_le_bytes(b.try_into().unwrap_or([0; PACKED_BYTES])),
        // (the sample's last bytes)
        None => pack(&hb[lo..hi]),
    };
    let w = w & (u64::MAX >> (64 - 8 * n));
    // SWAR: 0x80 in each byte from 'A' to 'Z' (a byte from 0x80 up is not
    // ASCII; within the low seven bits, adding 0x80 - 'A' carries into the
    // high bit from 'A' up, adding 0x7F - 'Z' from past 'Z' up), then 0x20
    // added to those bytes
    let low7 = w & (ONES * 0x7F);
    let from_a = low7 + ONES * (0x80 - b'A' as u64);
    let past_z = low7 + ONES * (0x7F - b'Z' as u64);
    let upper = (from_a ^ past_z) & !w & (ONES * 0x80);
    stop.contains_packed(w | (upper >> 2))
}

/// Counts token `tok` into `c` as a separator ("|", "/", ">", "-", "»",
/// "·", "›") when it is one, the continuation bytes of a multi-byte one
/// into `sep_cont`; whether it was (both token walks share this).
#[inline(always)]
fn count_separator(tok: &[u8], c: &mut TokCounts, sep_cont: &mut u32) -> bool {
    match tok {
        [b'|' | b'/' | b'>' | b'-'] => {
            c.separators += 1;
            true
        }
        // '»', '·', '›'
        [0xC2, 0xBB | 0xB7] | [0xE2, 0x80, 0xBA] => {
            c.separators += 1;
            *sep_cont += tok.len() as u32 - 1;
            true
        }
        _ => false,
    }
}

/// Strips a list bullet ("•", "-", "*", "▪", "►", "1.", "2)") from the front of a
/// trimmed line; returns the rest and whether a bullet was there.
#[inline(always)]
pub(crate) fn strip_bullet(s: &str) -> (&str, bool) {
    // most lines start with an ASCII byte that begins no bullet
    let b = s.as_bytes();
    if b.first()
        .is_none_or(|&b| b < 0x80 && !matches!(b, b'-' | b'*' | b'0'..=b'9'))
    {
        return (s, false);
    }
    // "• " and an ASCII graphic character: how list items and most blocks
    // of HTML turned into text start (half the lines of both dev sets)
    if let [0xE2, 0x80, 0xA2, b' ', x, ..] = *b {
        if x.is_ascii_graphic() {
            return (&s[4..], true);
        }
    }
    bullet_of(s)
}

/// [`strip_bullet`] without its ASCII fast path (the definition).
fn bullet_of(s: &str) -> (&str, bool) {
    let mut it = s.char_indices();
    if let Some((_, c)) = it.next() {
        if matches!(
            c,
            '•' | '·' | '▪' | '►' | '▸' | '◦' | '‣' | '-' | '*' | '–' | '—' | '●' | '■'
        ) {
            let rest = &s[c.len_utf8()..];
            if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                return (rest.trim_start(), true);
            }
        }
        if c.is_ascii_digit() {
            let b = s.as_bytes();
            let mut i = 0;
            while i < b.len() && i < 3 && b[i].is_ascii_digit() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'.' || b[i] == b')') {
                let rest = &s[i + 1..];
                if rest.is_empty() || rest.starts_with(char::is_whitespace) {
                    return (rest.trim_start(), true);
                }
            }
        }
    }
    (s, false)
}

const COUNTER_WORDS: [&str; 22] = [
    "comment",
    "comments",
    "share",
    "shares",
    "view",
    "views",
    "reply",
    "replies",
    "like",
    "likes",
    "reads",
    "votes",
    "kommentare",
    "kommentar",
    "commentaires",
    "commentaire",
    "comentarios",
    "comentario",
    "commenti",
    "comentários",
    "reacties",
    "photos",
];

const _: () = {
    // the length filter in `is_counter`
    let mut i = 0;
    while i < COUNTER_WORDS.len() {
        assert!(COUNTER_WORDS[i].len() >= 4 && COUNTER_WORDS[i].len() <= 12);
        i += 1;
    }
};

/// Longest stopword in bytes (longer tokens skip the lookup).
const MAX_STOPWORD_BYTES: usize = 16;

/// ASCII whitespace (tab to carriage return, and space).
pub(crate) const WS: u8 = 1;
/// An ASCII digit.
pub(crate) const DIGIT: u8 = 2;
/// An ASCII capital letter.
pub(crate) const UPPER: u8 = 4;
/// An ASCII small letter.
pub(crate) const LOWER: u8 = 8;
/// An ASCII letter (a mask: test with `&`).
pub(crate) const ALPHA: u8 = UPPER | LOWER;

/// Class bits of each ASCII byte.
pub(crate) static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c == b' ' || (c >= 9 && c <= 13) {
            WS
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else {
            0
        };
        b += 1;
    }
    t
};

/// An e-mail address or a link: "@", "http" or "www." (lowercase input).
/// The definition [`has_url`] is tested against, and its version for long
/// lines and elsewhere than on x86_64.
fn has_url_bytewise(b: &[u8]) -> bool {
    memchr::memchr3_iter(b'@', b'h', b'w', b)
        .any(|k| b[k] == b'@' || b[k..].starts_with(b"http") || b[k..].starts_with(b"www."))
}

/// Lines up to this many bytes take the SSE2 test of [`has_url`].
#[cfg(target_arch = "x86_64")]
const URL_BLOCK_BYTES: usize = 128;

/// [`has_url_bytewise`], sixteen starting positions at a time (SSE2, part
/// of x86_64) on a zero-padded copy of a short line: the four loads at
/// offsets 0 to 3 are compared with "http" and "www." and the first with
/// "@". (An 'h' or a 'w' is in most lines, so the memchr3 walk stopped at
/// nearly every word.) A zero byte is none of those, so no match runs
/// into the padding.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn has_url(b: &[u8]) -> bool {
    use std::arch::x86_64::*;
    if b.len() > URL_BLOCK_BYTES {
        return has_url_bytewise(b);
    }
    // the sixteen starting positions of the 19 bytes at `w[0..19]`
    let hits = |w: &[u8]| -> i32 {
        debug_assert!(w.len() >= 19);
        // SAFETY: SSE2 is part of x86_64; the loads at 0..16 to 3..19 stay
        // inside `w`.
        unsafe {
            let p = w.as_ptr();
            let load = |k: usize| _mm_loadu_si128(p.add(k) as *const __m128i);
            let eq = |v: __m128i, c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let (v0, v1, v2, v3) = (load(0), load(1), load(2), load(3));
            let http = _mm_and_si128(
                _mm_and_si128(eq(v0, b'h'), eq(v1, b't')),
                _mm_and_si128(eq(v2, b't'), eq(v3, b'p')),
            );
            let www = _mm_and_si128(
                _mm_and_si128(eq(v0, b'w'), eq(v1, b'w')),
                _mm_and_si128(eq(v2, b'w'), eq(v3, b'.')),
            );
            _mm_movemask_epi8(_mm_or_si128(eq(v0, b'@'), _mm_or_si128(http, www)))
        }
    };
    // the blocks whose 19 bytes are in the line are read in place; only the
    // last positions (at most 18 bytes) are read from a zero-padded copy
    // (the whole line was copied to a zeroed 147-byte buffer, a memset and
    // a memcpy call per short line)
    let mut i = 0;
    while i + 19 <= b.len() {
        if hits(&b[i..]) != 0 {
            return true;
        }
        i += 16;
    }
    if i < b.len() {
        // (up to 18 positions: two windows)
        let mut buf = [0u8; 48];
        super::lexicon::copy_short(&mut buf, &b[i..]);
        return hits(&buf) != 0 || (b.len() - i > 16 && hits(&buf[16..]) != 0);
    }
    false
}

#[cfg(not(target_arch = "x86_64"))]
fn has_url(b: &[u8]) -> bool {
    has_url_bytewise(b)
}

/// Lines longer than this many bytes get their ratios from a prefix.
const SAMPLE_BYTES: usize = 200;

/// Splits a long line into a sample prefix (ending at whitespace) and the rest.
#[inline(always)]
fn split_sample(body: &str) -> (&str, &str) {
    if body.len() <= SAMPLE_BYTES {
        return (body, "");
    }
    let b = body.as_bytes();
    match memchr::memchr(b' ', &b[SAMPLE_BYTES..]) {
        // a space is always a char boundary
        Some(k) => body.split_at(SAMPLE_BYTES + k),
        None => (body, ""),
    }
}

/// Words (runs after an ASCII space) and characters (non-continuation bytes)
/// of the rest of a long line.
#[cfg(target_arch = "x86_64")]
fn count_rest(rest: &str) -> (u32, u32) {
    let (words, chars, prev_space) = count_rest_blocks(rest.as_bytes());
    let tail = &rest.as_bytes()[rest.len() / 64 * 64..];
    let (w, c) = count_rest_bytewise(tail, prev_space);
    (words + w, chars + c)
}

#[cfg(not(target_arch = "x86_64"))]
fn count_rest(rest: &str) -> (u32, u32) {
    count_rest_bytewise(rest.as_bytes(), true)
}

/// [`count_rest`] of the whole 64-byte blocks of `b`, sixteen bytes at a
/// time (SSE2, part of x86_64: a space or tab mask and a continuation-byte
/// mask per block, a word starting at each non-space byte after a space),
/// and whether the last byte read is a space or tab (or `true` when no
/// block was read). The byte loop took about five instructions per byte of
/// the long lines.
#[cfg(target_arch = "x86_64")]
fn count_rest_blocks(b: &[u8]) -> (u32, u32, bool) {
    use std::arch::x86_64::*;
    let (mut words, mut chars) = (0u32, 0u32);
    // bit 0: whether the byte before the block is a space (the line's
    // start counts as one)
    let mut carry = 1u64;
    for block in b.chunks_exact(64) {
        let (mut sp, mut cont) = (0u64, 0u64);
        for k in 0..4 {
            // SAFETY: SSE2 is part of x86_64; the load reads bytes
            // 16k..16k+16 of the 64-byte block.
            unsafe {
                let v = _mm_loadu_si128(block.as_ptr().add(16 * k) as *const __m128i);
                let space = _mm_or_si128(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8)),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\t' as i8)),
                );
                let c = _mm_cmpeq_epi8(
                    _mm_and_si128(v, _mm_set1_epi8(0xC0u8 as i8)),
                    _mm_set1_epi8(0x80u8 as i8),
                );
                sp |= (_mm_movemask_epi8(space) as u32 as u64) << (16 * k);
                cont |= (_mm_movemask_epi8(c) as u32 as u64) << (16 * k);
            }
        }
        words += (!sp & (sp << 1 | carry)).count_ones();
        chars += 64 - cont.count_ones();
        carry = sp >> 63;
    }
    (words, chars, carry != 0)
}

/// [`count_rest`] a byte at a time, `prev_space` saying whether the byte
/// before `b` is a space: the definition, and the tail after the blocks.
fn count_rest_bytewise(b: &[u8], prev_space: bool) -> (u32, u32) {
    let mut words = 0u32;
    let mut chars = 0u32;
    let mut prev_space = prev_space;
    for &b in b {
        let space = b == b' ' || b == b'\t';
        words += (prev_space && !space) as u32;
        chars += ((b & 0xC0) != 0x80) as u32;
        prev_space = space;
    }
    (words, chars)
}

/// Running state of the token being read in [`line_facts`].
#[derive(Clone, Copy)]
struct Tok {
    chars: u32,
    digits: u32,
    letters: u32,
    cjk: u32,
    first: char,
    first_alpha: Option<char>,
    len: usize,
    fits: bool,
    an_lo: usize,
    an_hi: usize,
}

impl Default for Tok {
    fn default() -> Self {
        Tok {
            chars: 0,
            digits: 0,
            letters: 0,
            cjk: 0,
            first: ' ',
            first_alpha: None,
            len: 0,
            fits: true,
            an_lo: 0,
            an_hi: 0,
        }
    }
}

/// Token counts of a line sample (see [`plain_tokens`], [`char_tokens`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct TokCounts {
    tokens: u32,
    /// Single-character separator tokens (`| / > -`).
    separators: u32,
    /// Bytes of the other tokens.
    chars: u32,
    words: u32,
    /// Tokens with a letter, and those whose first letter is uppercase.
    alpha_tokens: u32,
    caps: u32,
    /// Tokens whose alphanumeric core (at most [`MAX_STOPWORD_BYTES`], in a
    /// token of at most 32 bytes) is a stopword.
    stops: u32,
    /// Digits, letters and `|` bytes of the whole sample.
    digits: u32,
    letters: u32,
    pipes: u32,
}

/// ASCII lowercase by table (one load in the hash loop).
pub(crate) static ASCII_LOWER: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    t
};

/// [`ASCII_CLASS`] over every byte value: bytes from 0x80 up (the bytes
/// of the characters [`plain_cont`] lets through) are in no class.
pub(crate) static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = ASCII_CLASS[b];
        b += 1;
    }
    t
};

/// [`ASCII_LOWER`] over every byte value (bytes from 0x80 up unchanged: the
/// characters [`plain_cont`] lets through are their own lowercase).
static BYTE_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b < 128 { ASCII_LOWER[b] } else { b as u8 };
        b += 1;
    }
    t
};

/// What [`byte_counts`] reads from a sample's bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct ByteCounts {
    digits: u32,
    letters: u32,
    pipes: u32,
    /// Whether a byte is 0x80 or above (the sample is not ASCII).
    high: bool,
}

/// Digits, ASCII letters, `|` bytes and non-ASCII bytes of `hb`, a byte at a time: the
/// definition [`byte_counts`] is tested against, and its version elsewhere
/// than on x86_64.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn byte_counts_bytewise(hb: &[u8]) -> ByteCounts {
    let mut k = ByteCounts::default();
    for &x in hb {
        k.digits += x.is_ascii_digit() as u32;
        k.letters += x.is_ascii_alphabetic() as u32;
        k.pipes += (x == b'|') as u32;
        k.high |= x >= 0x80;
    }
    k
}

/// Digits, ASCII letters, `|` bytes and non-ASCII bytes of `hb`, sixteen bytes at a time
/// (SSE2, part of x86_64: range compares and a movemask and popcount per
/// class; the last partial block is read from a zero-padded copy, and a
/// zero byte is in no class; the compares are summed in byte lanes, not
/// popcounted: x86_64's baseline has no popcount instruction). This took
/// the token walk an add per byte and a flush per token, and (`high`)
/// spares ASCII samples the separate `is_ascii` pass.
#[cfg(target_arch = "x86_64")]
fn byte_counts(hb: &[u8]) -> ByteCounts {
    use std::arch::x86_64::*;
    let mut k = ByteCounts::default();
    // SAFETY: SSE2 is part of x86_64; each load reads the 16 bytes of a
    // block of `hb` or of the zero-padded `tail`.
    unsafe {
        // bytes from 0x80 up are negative as i8: below every range
        let within = |lo: u8, hi: u8, x: __m128i| {
            _mm_and_si128(
                _mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1)),
                _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1)),
            )
        };
        // per-lane byte counters (a compare's -1 subtracted), summed with
        // `sad` at least every 255 blocks, before a lane can wrap
        let sum = |x: __m128i| {
            let s = _mm_sad_epu8(x, _mm_setzero_si128());
            (_mm_cvtsi128_si32(s) + _mm_extract_epi16::<4>(s)) as u32
        };
        let mut high = 0i32;
        let mut tail = [0u8; 16];
        for group in hb.chunks(16 * 255) {
            let (mut digits, mut letters, mut pipes) = (
                _mm_setzero_si128(),
                _mm_setzero_si128(),
                _mm_setzero_si128(),
            );
            for chunk in group.chunks(16) {
                let block: &[u8] = if chunk.len() == 16 {
                    chunk
                } else {
                    // (only the last block is short: groups are whole blocks)
                    tail[..chunk.len()].copy_from_slice(chunk);
                    &tail
                };
                let v = _mm_loadu_si128(block.as_ptr() as *const __m128i);
                digits = _mm_sub_epi8(digits, within(b'0', b'9', v));
                let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
                letters = _mm_sub_epi8(letters, within(b'a', b'z', folded));
                pipes = _mm_sub_epi8(pipes, _mm_cmpeq_epi8(v, _mm_set1_epi8(b'|' as i8)));
                high |= _mm_movemask_epi8(v);
            }
            k.digits += sum(digits);
            k.letters += sum(letters);
            k.pipes += sum(pipes);
        }
        k.high = high != 0;
    }
    k
}

#[cfg(not(target_arch = "x86_64"))]
fn byte_counts(hb: &[u8]) -> ByteCounts {
    byte_counts_bytewise(hb)
}

/// Whether a non-ASCII character is punctuation the byte walk of
/// [`plain_tokens`] counts as [`char_tokens`] does: not whitespace, not a
/// letter, digit or CJK character (so in no class), and its own lowercase
/// (so its bytes hash as they are). The bullets, curly quotes, dashes and
/// signs of news text are tested first.
#[inline]
fn is_plain_punct(c: char) -> bool {
    matches!(
        c,
        '•' | '’'
            | '‘'
            | '“'
            | '”'
            | '»'
            | '«'
            | '·'
            | '©'
            | '—'
            | '–'
            | '…'
            | '£'
            | '€'
            | '™'
    ) || (!(c.is_whitespace() || is_cjk(c) || is_alphanumeric(c)) && {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    })
}

/// `Some(number of UTF-8 continuation bytes)` when every non-ASCII
/// character of `s` is [`is_plain_punct`] (then [`plain_tokens`] counts
/// it); `None` otherwise. L3S's lines are half ASCII, and most of the other
/// half only have a bullet, a curly quote or a dash: they took the
/// character walk before.
pub(crate) fn plain_cont(s: &str) -> Option<u32> {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let b = s.as_bytes();
    let mut cont = 0u32;
    let mut i = 0;
    while i < b.len() {
        // eight ASCII bytes at a time
        if let Some(w) = b.get(i..i + 8) {
            let w = u64::from_le_bytes(w.try_into().unwrap_or([0x80; 8]));
            if w & HIGHS == 0 {
                i += 8;
                continue;
            }
        }
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        // `i` is at a character's first byte: ASCII bytes and whole
        // characters are stepped over
        let c = s.get(i..)?.chars().next()?;
        if !is_plain_punct(c) {
            return None;
        }
        let k = c.len_utf8();
        cont += k as u32 - 1;
        i += k;
    }
    Some(cont)
}

/// The whitespace tokens of a sample that is ASCII but for
/// [`is_plain_punct`] characters (`cont` is its number of continuation
/// bytes, from [`plain_cont`]), counted as [`char_tokens`] counts them, a
/// byte at a time: per token a tight walk to its end, then its first
/// alphanumeric byte, its first letter and (for a short core) the FNV-1a
/// hash of the lowercase core, read from the class table, as
/// `stop.contains` would compute it. A token's characters are its bytes
/// less its continuation bytes.
fn plain_tokens(hb: &[u8], counts: ByteCounts, cont: u32, stop: &WordSet) -> TokCounts {
    const ALNUM: u8 = DIGIT | ALPHA;
    let class = |x: u8| BYTE_CLASS[x as usize];
    // the digit, letter and `|` counts of the whole sample (whitespace and
    // bytes from 0x80 up add nothing to them)
    let mut c = TokCounts {
        digits: counts.digits,
        letters: counts.letters,
        pipes: counts.pipes,
        ..TokCounts::default()
    };
    // continuation bytes of the separator tokens ('»', '›', '·')
    let mut sep_cont = 0u32;
    let n = hb.len();
    let mut i = 0;
    while i < n {
        if class(hb[i]) & WS != 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && class(hb[i]) & WS == 0 {
            i += 1;
        }
        let tok = &hb[start..i];
        c.tokens += 1;
        if count_separator(tok, &mut c, &mut sep_cont) {
            continue;
        }
        c.chars += tok.len() as u32;
        c.words += 1;
        // no alphanumeric byte: no letter and no stopword either
        let Some(lo) = tok.iter().position(|&x| class(x) & ALNUM != 0) else {
            continue;
        };
        if let Some(&a) = tok[lo..].iter().find(|&&x| class(x) & ALPHA != 0) {
            c.alpha_tokens += 1;
            c.caps += a.is_ascii_uppercase() as u32;
        }
        if tok.len() <= 32 {
            let hi = tok
                .iter()
                .rposition(|&x| class(x) & ALNUM != 0)
                .unwrap_or(lo)
                + 1;
            c.stops += is_stopword(&tok[lo..hi], stop) as u32;
        }
    }
    less_continuations(c, cont, sep_cont)
}

/// Samples up to this many bytes (82% of the L3S lines) take
/// [`masked_tokens`]: one bit per byte in a `u64`.
#[cfg(target_arch = "x86_64")]
const MASK_BYTES: usize = 64;

/// One bit per byte of a sample of at most [`MASK_BYTES`] bytes (bit `i`
/// is byte `i`) for each class [`plain_tokens`] reads and [`byte_counts`]
/// counts. Bits past the sample's end are clear.
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy, Debug)]
pub(super) struct Masks {
    /// [`WS`] bytes.
    ws: u64,
    /// ASCII digits, letters, capitals and `|` bytes.
    pub(super) digit: u64,
    pub(super) alpha: u64,
    upper: u64,
    pipe: u64,
    /// The other bytes a one-byte separator token is: `/`, `>` and `-`.
    sep: u64,
    /// Bytes from 0x80 up.
    pub(super) high: u64,
}

#[cfg(target_arch = "x86_64")]
impl Masks {
    /// The masks of the first `k` bytes (`k < 64`) only.
    fn first(self, k: usize) -> Masks {
        let keep = (1u64 << k) - 1;
        Masks {
            ws: self.ws & keep,
            digit: self.digit & keep,
            alpha: self.alpha & keep,
            upper: self.upper & keep,
            pipe: self.pipe & keep,
            sep: self.sep & keep,
            high: self.high & keep,
        }
    }

    /// The [`byte_counts`] of the sample: the masks' popcounts.
    fn counts(&self) -> ByteCounts {
        ByteCounts {
            digits: sparse_ones(self.digit),
            letters: self.alpha.count_ones(),
            pipes: sparse_ones(self.pipe),
            high: self.high != 0,
        }
    }
}

/// `x.count_ones()` for a mask with few bits set (a line's digits and `|`
/// bytes: most have none): a step per bit. x86_64's baseline has no
/// popcount instruction, and its software popcount is a dozen instructions
/// whatever the mask.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn sparse_ones(mut x: u64) -> u32 {
    let mut n = 0;
    while x != 0 {
        x &= x - 1;
        n += 1;
    }
    n
}

/// The [`Masks`] of a sample of at most [`MASK_BYTES`] bytes, sixteen bytes
/// at a time (SSE2, part of x86_64: range compares and a movemask per
/// class). A last partial block is read as the sample's last sixteen bytes,
/// whose masks are shifted down past the bytes already read (a `memcpy` to a
/// zero-padded copy per line and per window before); only a sample shorter
/// than sixteen bytes is read from a zero-padded copy (a zero byte is in no
/// class).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn byte_masks(hb: &[u8]) -> Masks {
    use std::arch::x86_64::*;
    debug_assert!(hb.len() <= MASK_BYTES);
    let (mut ws, mut digit, mut alpha, mut upper, mut pipe, mut sep, mut high) =
        (0u64, 0, 0, 0, 0, 0, 0);
    let mut tail = [0u8; 32];
    // ORs the masks of the 16 bytes at `block` into place: bit `i` of the
    // block is byte `at + i - drop` of `hb` (the low `drop` bits, bytes read
    // already, are shifted out)
    let mut add = |block: &[u8], drop: u32, at: usize| {
        // SAFETY: SSE2 is part of x86_64; the load reads the 16 bytes of
        // `block`, a slice of `hb` or the zero-padded `tail`.
        unsafe {
            debug_assert!(block.len() >= 16);
            let v = _mm_loadu_si128(block.as_ptr() as *const __m128i);
            // bytes from 0x80 up are negative as i8: below every range
            let within = |lo: u8, hi: u8, x: __m128i| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1)),
                    _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1)),
                )
            };
            let bits = |x: __m128i| ((_mm_movemask_epi8(x) as u32 >> drop) as u64) << at;
            let space = _mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8));
            let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
            ws |= bits(_mm_or_si128(space, within(9, 13, v)));
            digit |= bits(within(b'0', b'9', v));
            alpha |= bits(within(b'a', b'z', folded));
            upper |= bits(within(b'A', b'Z', v));
            pipe |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'|' as i8)));
            sep |= bits(_mm_or_si128(
                _mm_or_si128(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b'/' as i8)),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(b'>' as i8)),
                ),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(b'-' as i8)),
            ));
            high |= bits(v);
        }
    };
    let n = hb.len();
    let full = n / 16;
    for b in 0..full {
        add(&hb[b * 16..], 0, b * 16);
    }
    let r = n % 16;
    if r != 0 {
        if n >= 16 {
            add(&hb[n - 16..], (16 - r) as u32, full * 16);
        } else {
            super::lexicon::copy_short(&mut tail, hb);
            add(&tail, 0, 0);
        }
    }
    Masks {
        ws,
        digit,
        alpha,
        upper,
        pipe,
        sep,
        high,
    }
}

/// [`byte_masks`] thirty-two bytes at a time (AVX2: half the compares and
/// movemasks of the sixteen-byte blocks on a sample of more than sixteen
/// bytes); the same masks. A last partial block is read as the sample's last
/// thirty-two bytes, shifted down past the bytes already read; only a sample
/// shorter than thirty-two bytes is read from a zero-padded copy.
///
/// Inlined into [`line_facts_bit_ops`], which enables AVX2 (so that the
/// intrinsics inline too): as a `#[target_feature]` function of its own it
/// stayed a call per window, its masks returned through memory.
///
/// # Safety
///
/// The CPU must have AVX2 ([`has_bit_ops`] checks it).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(super) unsafe fn byte_masks_wide(hb: &[u8]) -> Masks {
    use std::arch::x86_64::*;
    debug_assert!(hb.len() <= MASK_BYTES);
    let (mut ws, mut digit, mut alpha, mut upper, mut pipe, mut sep, mut high) =
        (0u64, 0, 0, 0, 0, 0, 0);
    let mut tail = [0u8; 32];
    // ORs the masks of the 32 bytes at `$block` into place: bit `i` of the
    // block is byte `$at + i - $drop` of `hb` (the low `$drop` bits, bytes
    // read already, are shifted out). A macro, not a closure: a closure
    // does not inherit the AVX2 of the function it is inlined into, and its
    // intrinsics stay calls.
    macro_rules! add {
        ($block:expr, $drop:expr, $at:expr) => {{
            let block: &[u8] = $block;
            let (drop, at): (u32, usize) = ($drop, $at);
            debug_assert!(block.len() >= 32);
            // SAFETY: the CPU has AVX2 (the caller's contract); the load reads
            // the 32 bytes of `block`, a slice of `hb` or the zero-padded `tail`.
            unsafe {
                let v = _mm256_loadu_si256(block.as_ptr() as *const __m256i);
                // bytes from 0x80 up are negative as i8: below every range
                macro_rules! within {
                    ($lo:expr, $hi:expr, $x:expr) => {
                        _mm256_and_si256(
                            _mm256_cmpgt_epi8($x, _mm256_set1_epi8($lo as i8 - 1)),
                            _mm256_cmpgt_epi8(_mm256_set1_epi8($hi as i8 + 1), $x),
                        )
                    };
                }
                macro_rules! bits {
                    ($x:expr) => {
                        ((_mm256_movemask_epi8($x) as u32 >> drop) as u64) << at
                    };
                }
                let space = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b' ' as i8));
                let folded = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
                ws |= bits!(_mm256_or_si256(space, within!(9u8, 13u8, v)));
                digit |= bits!(within!(b'0', b'9', v));
                alpha |= bits!(within!(b'a', b'z', folded));
                upper |= bits!(within!(b'A', b'Z', v));
                pipe |= bits!(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'|' as i8)));
                sep |= bits!(_mm256_or_si256(
                    _mm256_or_si256(
                        _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'/' as i8)),
                        _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'>' as i8)),
                    ),
                    _mm256_cmpeq_epi8(v, _mm256_set1_epi8(b'-' as i8)),
                ));
                high |= bits!(v);
            }
        }};
    }
    let n = hb.len();
    let full = n / 32;
    for b in 0..full {
        add!(&hb[b * 32..], 0, b * 32);
    }
    let r = n % 32;
    if r != 0 {
        if n >= 32 {
            add!(&hb[n - 32..], (32 - r) as u32, full * 32);
        } else {
            super::lexicon::copy_short(&mut tail, hb);
            add!(&tail, 0, 0);
        }
    }
    Masks {
        ws,
        digit,
        alpha,
        upper,
        pipe,
        sep,
        high,
    }
}

/// Whether `b` (at least 32 bytes) is ASCII, thirty-two bytes at a time
/// (AVX2; the last block is the last thirty-two bytes). No closure: see
/// [`byte_masks_wide`].
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn is_ascii_wide(b: &[u8]) -> bool {
    use std::arch::x86_64::*;
    let n = b.len();
    if n < 32 {
        return b.is_ascii();
    }
    // SAFETY: AVX2 (the caller's contract); each load reads 32 bytes of `b`
    // (`i + 32 <= n`, and the last block is `b[n - 32..]`).
    unsafe {
        let p = b.as_ptr();
        let mut acc = _mm256_loadu_si256(p.add(n - 32) as *const __m256i);
        let mut i = 0;
        while i + 32 <= n {
            acc = _mm256_or_si256(acc, _mm256_loadu_si256(p.add(i) as *const __m256i));
            i += 32;
        }
        _mm256_movemask_epi8(acc) == 0
    }
}

/// The [`Masks`] of a sample: [`byte_masks_wide`] with `WIDE`, which only
/// [`line_facts_bit_ops`]'s code passes (the CPU has AVX2 there), else
/// [`byte_masks`].
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn masks_of<const WIDE: bool>(hb: &[u8]) -> Masks {
    if WIDE {
        // SAFETY: `WIDE` is set only under `line_facts_bit_ops`, which runs
        // when `has_bit_ops` found AVX2 (and in tests that check it).
        unsafe { byte_masks_wide(hb) }
    } else {
        byte_masks(hb)
    }
}

/// [`plain_tokens`] read from the sample's [`Masks`] (see
/// [`add_masked_tokens`]).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn masked_tokens(hb: &[u8], m: &Masks, cont: u32, stop: &WordSet) -> TokCounts {
    let mut c = TokCounts::default();
    let mut sep_cont = 0u32;
    add_masked_tokens::<false>(hb, "", m, stop, &mut c, &mut sep_cont);
    less_continuations(c, cont, sep_cont)
}

/// [`char_tokens`] of a sample with non-ASCII letters (or other characters
/// [`plain_cont`] does not take), read from its [`Masks`]: only the tokens
/// with a byte from 0x80 up take the character walk, one at a time, the
/// others are read as [`masked_tokens`] reads them. (The character walk
/// of the whole sample was ten times a plain line's count on L3S's 1,311
/// lines with non-ASCII letters, most of whose tokens are ASCII.)
/// [`char_tokens`] is a sum over the sample's tokens, and an ASCII
/// whitespace byte ends a token in both walks, so the sums agree.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn mixed_tokens(head: &str, m: &Masks, stop: &WordSet) -> TokCounts {
    let mut c = TokCounts::default();
    let mut sep_cont = 0u32;
    add_masked_tokens::<true>(head.as_bytes(), head, m, stop, &mut c, &mut sep_cont);
    c
}

/// [`plain_tokens`] on a sample longer than [`MASK_BYTES`], read from the
/// [`Masks`] of one window of up to [`MASK_BYTES`] bytes after another:
/// each window but the last is cut after its last whitespace byte, so no
/// token spans two. `None` when a window has no whitespace (a token longer
/// than a window). The byte walk took a tenth of `clean` on these samples
/// (a sixth of the L3S lines).
///
/// With `MIXED`, [`mixed_tokens`] of each window instead (`cont` is then
/// 0): the tokens with a byte from 0x80 up take the character walk.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn windowed_tokens<const MIXED: bool, const WIDE: bool>(
    head: &str,
    cont: u32,
    stop: &WordSet,
) -> Option<TokCounts> {
    let mut c = TokCounts::default();
    let mut sep_cont = 0u32;
    let mut rest = head;
    while !rest.is_empty() {
        let mut k = rest.len().min(MASK_BYTES);
        let mut m = masks_of::<WIDE>(&rest.as_bytes()[..k]);
        if k < rest.len() {
            if m.ws == 0 {
                return None;
            }
            k = 64 - m.ws.leading_zeros() as usize;
            if k < MASK_BYTES {
                m = m.first(k);
            }
        }
        // (`k` is past an ASCII whitespace byte or at the end: a
        // character boundary)
        let (window, next) = rest.split_at_checked(k)?;
        add_masked_tokens::<MIXED>(window.as_bytes(), window, &m, stop, &mut c, &mut sep_cont);
        rest = next;
    }
    Some(less_continuations(c, cont, sep_cont))
}

/// Adds the tokens of `hb` (at most [`MASK_BYTES`] bytes, whose masks are
/// `m`) and its byte counts to `c`, and the continuation bytes of its
/// separators to `sep_cont` ([`TokCounts::chars`] still counts every
/// byte): each token's start and end, its first alphanumeric byte, its
/// first letter and its last alphanumeric byte are bit scans, not a walk
/// over its bytes (the walk took a fifth of `clean`); only a possible
/// stopword's bytes are read, to hash them.
///
/// With `MIXED` (`text` is the sample, `hb` its bytes), a token with a byte
/// from 0x80 up is counted by [`char_tokens`] instead, less the ASCII
/// digits, letters and `|` bytes the masks counted in it already, and adds
/// nothing to `sep_cont`: the counts are then [`char_tokens`]' with
/// [`TokCounts::chars`] in characters. Without it, `text` is not read.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn add_masked_tokens<const MIXED: bool>(
    hb: &[u8],
    text: &str,
    m: &Masks,
    stop: &WordSet,
    c: &mut TokCounts,
    sep_cont: &mut u32,
) {
    // bits below `k` (k <= 64)
    let below = |k: usize| if k >= 64 { u64::MAX } else { (1u64 << k) - 1 };
    let counts = m.counts();
    c.digits += counts.digits;
    c.letters += counts.letters;
    c.pipes += counts.pipes;
    let alnums = m.digit | m.alpha;
    let n = hb.len();
    // past the end counts as whitespace: every token ends by `n`
    let ws = m.ws | !below(n);
    let word = !ws;
    // the first byte of each token
    let mut starts = word & !(word << 1);
    if !MIXED && !has_long_token(word) {
        add_plain_tokens(hb, m, stop, ws, starts, c, sep_cont);
        return;
    }
    while starts != 0 {
        let start = starts.trailing_zeros() as usize;
        starts &= starts - 1;
        // the whitespace from `start` on: its lowest bit ends the token
        // (none when a token runs to the 64th byte: `end` is then 64, and
        // the bits below it are all of them)
        let after = ws & (u64::MAX << start);
        let end = after.trailing_zeros() as usize;
        let tok = &hb[start..end];
        // the bits below `end` (`below(end)` without its test for 64)
        let span = (u64::MAX << start) & !after & after.wrapping_sub(1);
        if MIXED && m.high & span != 0 {
            // (`start` and `end` are next to ASCII whitespace or at the
            // sample's ends: character boundaries)
            let t = char_tokens(text.get(start..end).unwrap_or(""), stop);
            c.tokens += t.tokens;
            c.separators += t.separators;
            c.chars += t.chars;
            c.words += t.words;
            c.alpha_tokens += t.alpha_tokens;
            c.caps += t.caps;
            c.stops += t.stops;
            c.digits = (c.digits + t.digits).saturating_sub(sparse_ones(m.digit & span));
            c.letters = (c.letters + t.letters).saturating_sub((m.alpha & span).count_ones());
            c.pipes = (c.pipes + t.pipes).saturating_sub(sparse_ones(m.pipe & span));
            continue;
        }
        c.tokens += 1;
        if count_separator(tok, c, sep_cont) {
            continue;
        }
        c.chars += tok.len() as u32;
        c.words += 1;
        // no alphanumeric byte: no letter and no stopword either
        let alnum = alnums & span;
        if alnum == 0 {
            continue;
        }
        // (letters are alphanumeric: the first is at or after the first
        // alphanumeric byte)
        let alpha = m.alpha & span;
        if alpha != 0 {
            c.alpha_tokens += 1;
            c.caps += (m.upper >> alpha.trailing_zeros()) as u32 & 1;
        }
        if tok.len() <= 32 {
            let lo = alnum.trailing_zeros() as usize;
            let hi = 64 - alnum.leading_zeros() as usize;
            c.stops += is_stopword_at(hb, lo, hi, stop) as u32;
        }
    }
}

/// Whether a token (a run of `word`'s bits; one running to the 64th bit
/// ends there) is longer than 32 bytes: runs of 2, 4, ..., 32, then 33 bits.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn has_long_token(word: u64) -> bool {
    let mut x = word;
    for k in [1, 2, 4, 8, 16, 1] {
        x &= x >> k;
    }
    x != 0
}

/// [`add_masked_tokens`] of a window whose tokens are at most 32 bytes
/// long and whose characters [`plain_cont`] takes (no token takes the
/// character walk), with counts over the masks instead of a step per
/// token: tokens and their bytes by popcounts, one-byte separators as the
/// one-byte tokens that are `|`, `/`, `>` or `-`, each token's first letter
/// and first alphanumeric byte at once by an addition (adding a token's
/// first bit to its bits that are not letters carries up to its first
/// letter, or past its end when it has none). Only the tokens with an
/// alphanumeric byte take a step (the stopword lookup), and the tokens that
/// start with a byte from 0x80 up one more (the multi-byte separators).
/// The step per token mispredicted a branch on one token in four of the
/// L3S pages' (whether it is a separator, has a letter, an alphanumeric
/// byte, ...: as good as random); the counts are the same.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn add_plain_tokens(
    hb: &[u8],
    m: &Masks,
    stop: &WordSet,
    ws: u64,
    starts: u64,
    c: &mut TokCounts,
    sep_cont: &mut u32,
) {
    let word = !ws;
    // the last byte of each token
    let lasts = word & !(word >> 1);
    let short_seps = starts & lasts & (m.pipe | m.sep);
    let mut seps = short_seps.count_ones();
    let mut sep_bytes = seps;
    c.separators += seps;
    // the multi-byte separators ("»", "·", "›") start with a byte from 0x80 up
    let mut high_starts = starts & m.high;
    while high_starts != 0 {
        let start = high_starts.trailing_zeros() as usize;
        high_starts &= high_starts - 1;
        let end = (ws & (u64::MAX << start)).trailing_zeros() as usize;
        let tok = &hb[start..end.min(hb.len())];
        if count_separator(tok, c, sep_cont) {
            seps += 1;
            sep_bytes += tok.len() as u32;
        }
    }
    let tokens = starts.count_ones();
    c.tokens += tokens;
    c.words += tokens - seps;
    c.chars += word.count_ones() - sep_bytes;
    // (separators have no letter and no alphanumeric byte)
    let first_alpha = ((word & !m.alpha).wrapping_add(starts)) & m.alpha;
    c.alpha_tokens += first_alpha.count_ones();
    c.caps += (first_alpha & m.upper).count_ones();
    let alnums = m.digit | m.alpha;
    let mut first_alnum = ((word & !alnums).wrapping_add(starts)) & alnums;
    while first_alnum != 0 {
        let lo = first_alnum.trailing_zeros() as usize;
        first_alnum &= first_alnum - 1;
        // the whitespace from `lo` on: its lowest bit ends the token, and
        // the alphanumeric bits below it are the token's from `lo` on
        let after = ws & (u64::MAX << lo);
        let hi = 64 - (alnums & after.wrapping_sub(1) & !after).leading_zeros() as usize;
        c.stops += is_stopword_at(hb, lo, hi, stop) as u32;
    }
}

/// `c` with [`TokCounts::chars`] counting characters, not bytes: less the
/// sample's `cont` continuation bytes, but for the `sep_cont` of its
/// separator tokens (which `chars` does not count).
#[inline(always)]
fn less_continuations(mut c: TokCounts, cont: u32, sep_cont: u32) -> TokCounts {
    // whitespace has no continuation byte: the rest are the words'
    debug_assert!(sep_cont <= cont && cont - sep_cont <= c.chars);
    c.chars = c.chars.saturating_sub(cont.saturating_sub(sep_cont));
    c
}

/// The token counts of a sample: [`plain_tokens`] (or [`masked_tokens`],
/// the same counts) when it is ASCII but for punctuation, [`char_tokens`]
/// otherwise.
#[inline(always)]
fn sample_tokens<const WIDE: bool>(head: &str, stop: &WordSet) -> TokCounts {
    #[cfg(target_arch = "x86_64")]
    if head.len() <= MASK_BYTES {
        let m = masks_of::<WIDE>(head.as_bytes());
        let cont = if m.high != 0 {
            plain_cont(head)
        } else {
            Some(0)
        };
        return match cont {
            Some(cont) => masked_tokens(head.as_bytes(), &m, cont, stop),
            None => mixed_tokens(head, &m, stop),
        };
    }
    // (an ASCII sample, most long ones, has no continuation byte: with
    // `WIDE` that is a test of thirty-two bytes at a time, where
    // `plain_cont` steps over eight)
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `WIDE` is set only under `line_facts_bit_ops` (see `masks_of`).
    let ascii = WIDE && unsafe { is_ascii_wide(head.as_bytes()) };
    #[cfg(not(target_arch = "x86_64"))]
    let ascii = false;
    let Some(cont) = (if ascii { Some(0) } else { plain_cont(head) }) else {
        #[cfg(target_arch = "x86_64")]
        if let Some(c) = windowed_tokens::<true, WIDE>(head, 0, stop) {
            return c;
        }
        return char_tokens(head, stop);
    };
    #[cfg(target_arch = "x86_64")]
    if let Some(c) = windowed_tokens::<false, WIDE>(head, cont, stop) {
        return c;
    }
    plain_tokens(head.as_bytes(), byte_counts(head.as_bytes()), cont, stop)
}

/// The token counts of a sample, one character at a time: the definition
/// (for any text) that [`plain_tokens`] follows on the samples it takes.
/// Each token is lowercased into a buffer (when it fits) for the stopword
/// lookup, with its leading and trailing punctuation trimmed via
/// `an_lo..an_hi`; ASCII bytes take a table-driven fast path.
fn char_tokens(head: &str, stop: &WordSet) -> TokCounts {
    let mut out = TokCounts::default();
    let mut t = Tok::default();
    let mut buf = [0u8; 32];
    let bytes = head.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    loop {
        let (c, len) = if i >= n {
            (' ', 1)
        } else {
            let b = bytes[i];
            if b < 0x80 {
                let cls = ASCII_CLASS[b as usize];
                if cls & WS == 0 {
                    // ASCII fast path
                    i += 1;
                    if t.chars == 0 {
                        t.first = b as char;
                    }
                    t.chars += 1;
                    if cls & DIGIT != 0 {
                        t.digits += 1;
                    } else if cls & ALPHA != 0 {
                        t.letters += 1;
                        t.first_alpha.get_or_insert(b as char);
                    } else if b == b'|' {
                        out.pipes += 1;
                    }
                    if t.len < buf.len() {
                        buf[t.len] = b.to_ascii_lowercase();
                        t.len += 1;
                        if cls & (DIGIT | ALPHA) != 0 {
                            if t.an_lo == t.an_hi {
                                t.an_lo = t.len - 1;
                            }
                            t.an_hi = t.len;
                        }
                    } else {
                        t.fits = false;
                    }
                    continue;
                }
                (' ', 1)
            } else {
                let c = head[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        };
        i += len;
        if c.is_whitespace() {
            if t.chars != 0 {
                out.tokens += 1;
                if t.chars == 1 && matches!(t.first, '|' | '/' | '>' | '-' | '»' | '›' | '·') {
                    out.separators += 1;
                } else {
                    out.chars += t.chars;
                    out.digits += t.digits;
                    out.letters += t.letters;
                    out.words += if t.cjk >= 2 { 1 + (t.cjk - 1) / 2 } else { 1 };
                    if let Some(a) = t.first_alpha {
                        out.alpha_tokens += 1;
                        if a.is_uppercase() {
                            out.caps += 1;
                        }
                    }
                    if t.fits
                        && t.cjk == 0
                        && t.an_lo < t.an_hi
                        && t.an_hi - t.an_lo <= MAX_STOPWORD_BYTES
                        && stop.may_contain(buf[t.an_lo], buf[t.an_hi - 1], t.an_hi - t.an_lo)
                        && stop.contains(&buf[t.an_lo..t.an_hi])
                    {
                        out.stops += 1;
                    }
                }
                t = Tok::default();
            }
            if i > n {
                break;
            }
            continue;
        }
        if t.chars == 0 {
            t.first = c;
        }
        t.chars += 1;
        let alnum = if is_cjk(c) {
            t.cjk += 1;
            t.letters += 1;
            true
        } else if is_alphabetic(c) {
            t.letters += 1;
            t.first_alpha.get_or_insert(c);
            true
        } else if is_numeric(c) {
            t.digits += 1;
            true
        } else {
            false
        };
        if t.fits {
            let before = t.len;
            for l in c.to_lowercase() {
                let k = l.len_utf8();
                if t.len + k <= buf.len() {
                    l.encode_utf8(&mut buf[t.len..]);
                    t.len += k;
                } else {
                    t.fits = false;
                }
            }
            if alnum && t.fits {
                if t.an_lo == t.an_hi {
                    t.an_lo = before;
                }
                t.an_hi = t.len;
            }
        }
    }
    out
}

/// Bytes of the stack buffer short non-ASCII lines are lowercased into.
const LOWER_BUF: usize = 256;

/// `s` lowercased as `str::to_lowercase` does, written to `buf` (no
/// allocation: 17k short non-ASCII lines per pass over the L3S pages took a
/// malloc and a free each); `None` when it does not fit, or when `s` has a
/// 'Σ', whose lowercase depends on its neighbours (then the caller uses
/// `to_lowercase`).
#[inline(always)]
fn lowercase_in<'b>(s: &str, buf: &'b mut [u8; LOWER_BUF]) -> Option<&'b str> {
    let bytes = s.as_bytes();
    if bytes.len() > LOWER_BUF {
        return None;
    }
    let (mut i, mut n) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            *buf.get_mut(n)? = ASCII_LOWER[b as usize];
            n += 1;
            i += 1;
            continue;
        }
        let c = s[i..].chars().next()?;
        i += c.len_utf8();
        if c == 'Σ' {
            return None;
        }
        for l in c.to_lowercase() {
            let k = l.len_utf8();
            l.encode_utf8(buf.get_mut(n..n + k)?);
            n += k;
        }
    }
    // SAFETY: ASCII bytes and whole chars' UTF-8 only.
    Some(unsafe { std::str::from_utf8_unchecked(&buf[..n]) })
}

/// Computes the facts of one trimmed, non-empty line: [`line_facts_with`]
/// compiled with the bit instructions of x86_64 CPUs since about 2013
/// (`popcnt`, `lzcnt`, BMI1's `tzcnt`, BMI2's shifts, and AVX2 for the byte
/// masks, [`byte_masks_wide`]; checked at run time, [`has_bit_ops`]) when the
/// CPU has them, else for baseline x86_64. The token walk is bit scans and
/// shifts over byte masks: on baseline x86_64 each `trailing_zeros` is a
/// `bsf` and a `cmov`, each variable shift moves its count to `cl` first,
/// and each `count_ones` is a dozen instructions. The same Rust code either
/// way (but for the masks' block width): the facts are the same.
#[inline(always)]
pub(crate) fn line_facts(s: &str, stop: &WordSet, phrases: &Phrases) -> TextFacts {
    #[cfg(target_arch = "x86_64")]
    if has_bit_ops() {
        // SAFETY: the CPU has the features, checked just above.
        return unsafe { line_facts_bit_ops(s, stop, phrases) };
    }
    line_facts_with::<false>(s, stop, phrases)
}

/// Whether the CPU has the features of [`line_facts_bit_ops`] (detected
/// once per process: one load per line after that, where the standard
/// library's four cached checks cost 0.3% of `clean` on the L3S pages).
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn has_bit_ops() -> bool {
    static HAS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *HAS.get_or_init(|| {
        std::arch::is_x86_feature_detected!("popcnt")
            && std::arch::is_x86_feature_detected!("lzcnt")
            && std::arch::is_x86_feature_detected!("bmi1")
            && std::arch::is_x86_feature_detected!("bmi2")
            && std::arch::is_x86_feature_detected!("avx2")
    })
}

/// [`line_facts_with`] compiled with `popcnt`, `lzcnt`, BMI1, BMI2 and AVX2
/// (the byte masks thirty-two bytes at a time).
///
/// # Safety
///
/// The CPU must have those features ([`has_bit_ops`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt,lzcnt,bmi1,bmi2,avx2")]
unsafe fn line_facts_bit_ops(s: &str, stop: &WordSet, phrases: &Phrases) -> TextFacts {
    line_facts_with::<true>(s, stop, phrases)
}

/// See [`line_facts`] (inlined into each of its two versions; `WIDE` in
/// [`line_facts_bit_ops`]: see [`masks_of`]).
#[inline(always)]
fn line_facts_with<const WIDE: bool>(s: &str, stop: &WordSet, phrases: &Phrases) -> TextFacts {
    let (body, bullet) = strip_bullet(s);
    let mut f = TextFacts {
        bullet,
        ..TextFacts::default()
    };
    // Long lines: ratios come from the first SAMPLE_BYTES (cut at a space);
    // the rest only adds words and characters, counted cheaply.
    let (head, rest) = split_sample(body);
    // Tokens are runs of non-whitespace. Samples whose characters are
    // ASCII or punctuation (most lines) are counted by `plain_tokens`, the
    // others by `char_tokens`.
    let c = sample_tokens::<WIDE>(head, stop);
    f.separators += c.pipes + c.separators;
    let TokCounts {
        tokens,
        chars,
        words,
        alpha_tokens,
        caps,
        stops,
        digits,
        letters,
        ..
    } = c;
    let (extra_words, extra_chars) = count_rest(rest);
    let head_chars = chars + tokens.saturating_sub(1);
    f.words = words + extra_words;
    f.chars = head_chars + extra_chars;
    f.letters = if extra_chars > 0 && head_chars > 0 {
        (letters as u64 * f.chars as u64 / head_chars as u64) as u32
    } else {
        letters
    };
    f.stop_ratio = if tokens > 0 {
        stops as f32 / tokens as f32
    } else {
        0.0
    };
    f.title_ratio = if alpha_tokens > 0 {
        caps as f32 / alpha_tokens as f32
    } else {
        0.0
    };
    f.digit_ratio = if chars > 0 {
        digits as f32 / chars as f32
    } else {
        0.0
    };
    // (`s` is trimmed, and `body` is a suffix of it: its end is trimmed too)
    debug_assert_eq!(s, s.trim());
    f.terminal = body.chars().next_back().is_some_and(is_terminal);
    f.starts_lower = body.chars().next().is_some_and(|c| c.is_lowercase());
    if words <= SHORT_LINE_WORDS {
        let lowered;
        // (zeroed only for non-ASCII lines: most short lines are ASCII)
        let mut buf;
        let ascii = body.is_ascii();
        let low = if ascii {
            body
        } else if let Some(l) = lowercase_in(body, {
            buf = [0u8; LOWER_BUF];
            &mut buf
        }) {
            l
        } else {
            lowered = body.to_lowercase();
            &lowered
        };
        // (`low` is `body` when that is ASCII, else its lowercase, which
        // may be: the Kelvin sign's is 'k')
        let ascii = ascii || low.is_ascii();
        f.phrase = phrases.find_known(low, body, words, ascii);
        f.url = has_url(low.as_bytes());
        f.counter = is_counter(low, ascii, words, letters, digits);
    } else {
        #[cfg(target_arch = "x86_64")]
        if WIDE {
            // SAFETY: `WIDE` is set only under `line_facts_bit_ops` (see `masks_of`).
            f.url = unsafe { has_scheme_sep_wide(body.as_bytes()) };
            return f;
        }
        f.url = memchr::memchr_iter(b':', body.as_bytes())
            .any(|k| body.as_bytes()[k..].starts_with(b"://"));
    }
    f
}

/// Whether `b` holds "://", thirty-two starting bytes at a time (AVX2: three
/// compares of loads one byte apart; the last block is the one ending at
/// the last byte), the test of the long lines' `url` fact. `memchr_iter`'s
/// `any` took about 150 instructions a line on L3S (a call per ':' and the
/// iterator's steps). No closure: see [`byte_masks_wide`].
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn has_scheme_sep_wide(b: &[u8]) -> bool {
    use std::arch::x86_64::*;
    let n = b.len();
    if n < 34 {
        return b.windows(3).any(|w| w == b"://");
    }
    // SAFETY: AVX2 (the caller's contract); the loads at `i`, `i + 1` and
    // `i + 2` read 32 bytes each within `b` (`i + 34 <= n`).
    unsafe {
        let p = b.as_ptr();
        macro_rules! at {
            ($i:expr) => {{
                let i: usize = $i;
                let colon = _mm256_cmpeq_epi8(
                    _mm256_loadu_si256(p.add(i) as *const __m256i),
                    _mm256_set1_epi8(b':' as i8),
                );
                let slash1 = _mm256_cmpeq_epi8(
                    _mm256_loadu_si256(p.add(i + 1) as *const __m256i),
                    _mm256_set1_epi8(b'/' as i8),
                );
                let slash2 = _mm256_cmpeq_epi8(
                    _mm256_loadu_si256(p.add(i + 2) as *const __m256i),
                    _mm256_set1_epi8(b'/' as i8),
                );
                _mm256_movemask_epi8(_mm256_and_si256(colon, _mm256_and_si256(slash1, slash2))) != 0
            }};
        }
        let mut i = 0;
        while i + 34 <= n {
            if at!(i) {
                return true;
            }
            i += 32;
        }
        // the starts from n - 34 on (some read again)
        at!(n - 34)
    }
}

/// `low` is lowercase or ASCII. "3 comments", "Comments (12)", "1.2K shares", a line of only digits and
/// punctuation ("2007", "7:51 pm" is not: it has letters but no counter word), but not a table's
/// row of numbers ("1.0\t2023": cells are tab-separated in page text).
#[inline(always)]
fn is_counter(low: &str, ascii: bool, words: u32, letters: u32, digits: u32) -> bool {
    debug_assert_eq!(ascii, low.is_ascii());
    if digits == 0 || words > 4 {
        return false;
    }
    if letters == 0 {
        return !low.contains('\t');
    }
    // (the counter words are 4 to 12 bytes long: other runs need no compare)
    let counter_word = |w: &[u8]| {
        (4..=12).contains(&w.len())
            && COUNTER_WORDS
                .iter()
                .any(|c| c.as_bytes().eq_ignore_ascii_case(w))
    };
    if ascii {
        // the runs of ASCII letters, a byte at a time: on ASCII text they
        // are the runs of alphabetic characters `split` gives (the char walk
        // with its `is_alphabetic` and iterator steps took 250 instructions
        // per call on the L3S pages)
        let b = low.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            if counter_word(&b[start..i]) {
                return true;
            }
        }
        return false;
    }
    low.split(|c: char| !is_alphabetic(c))
        .any(|w| counter_word(w.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boilerplate::lexicon::stopwords;

    #[test]
    fn a_table_row_of_numbers_is_no_counter() {
        let phrases = Phrases::new(true, true, &[], &[]).unwrap();
        let counter = |s: &str| line_facts(s, stopwords(), &phrases).counter;
        for s in ["12", "3 comments", "Comments (12)", "2007", "1 | 2 | 3"] {
            assert!(counter(s), "{s}");
        }
        for s in ["1.0\t2023", "2.0\t\t2024\t15%", "7:51 pm"] {
            assert!(!counter(s), "{s}");
        }
    }

    /// The byte walk of [`is_counter`] on ASCII lines finds the counter
    /// words the char split finds.
    #[test]
    fn counter_words_by_bytes_match_the_char_split() {
        let reference = |low: &str| {
            low.split(|c: char| !is_alphabetic(c))
                .filter(|w| (4..=12).contains(&w.len()))
                .any(|w| COUNTER_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w)))
        };
        let parts = [
            "3",
            " ",
            "comments",
            "Comments",
            "(12)",
            "SHARES",
            "views",
            "x",
            "view2s",
            "likes!",
            "é",
            "Ünter",
            "replies",
            "\t",
            "reads-",
            "votes",
            "k",
            "12345678901234",
        ];
        for line in random_lines(&parts, 0x5eed_c0de_0001, 20_000, 8) {
            // 1 digit and 1 letter: the walk is reached
            assert_eq!(
                is_counter(&line, line.is_ascii(), 1, 1, 1),
                reference(&line),
                "{line:?}"
            );
        }
        for w in COUNTER_WORDS {
            // (`is_counter` reads lowercase or ASCII lines)
            let line = if w.is_ascii() {
                format!("12 {}", w.to_uppercase())
            } else {
                format!("12 {w}")
            };
            assert!(is_counter(&line, line.is_ascii(), 2, 1, 2), "{line:?}");
        }
    }

    #[test]
    fn lowercase_in_is_to_lowercase() {
        let long = "É".repeat(LOWER_BUF / 2 - 1) + "x";
        for t in [
            "",
            "ÀB Ça",
            "İstanbul",
            "ΣΊΣΥΦΟΣ ΟΔΟΣ",
            "Straße ẞ",
            "• Home",
            &long,
            "ǅ ǈ Ⅻ ⓐ Ω",
            "x",
        ] {
            let mut buf = [0u8; LOWER_BUF];
            match lowercase_in(t, &mut buf) {
                Some(l) => assert_eq!(l, t.to_lowercase(), "{t:?}"),
                None => assert!(
                    t.contains('Σ') || t.to_lowercase().len() > LOWER_BUF,
                    "{t:?}"
                ),
            }
        }
        let mut buf = [0u8; LOWER_BUF];
        assert!(lowercase_in(&(long.clone() + "é"), &mut buf).is_none());
        assert_eq!(lowercase_in("AÉ", &mut buf), Some("aé"));
    }

    /// The token loop as it was before the one-walk version (the
    /// definition: split, then per token find, position, lowercase, hash).
    fn reference_tokens(hb: &[u8], stop: &WordSet) -> TokCounts {
        let mut c = TokCounts::default();
        for &x in hb {
            c.digits += x.is_ascii_digit() as u32;
            c.letters += x.is_ascii_alphabetic() as u32;
            c.pipes += (x == b'|') as u32;
        }
        let mut buf = [0u8; MAX_STOPWORD_BYTES];
        for tok in hb.split(|&x| ASCII_CLASS[x as usize] & WS != 0) {
            if tok.is_empty() {
                continue;
            }
            c.tokens += 1;
            if tok.len() == 1 && matches!(tok[0], b'|' | b'/' | b'>' | b'-') {
                c.separators += 1;
                continue;
            }
            c.chars += tok.len() as u32;
            c.words += 1;
            if let Some(&a) = tok.iter().find(|x| x.is_ascii_alphabetic()) {
                c.alpha_tokens += 1;
                c.caps += a.is_ascii_uppercase() as u32;
            }
            if tok.len() <= 32 {
                let lo = tok.iter().position(|x| x.is_ascii_alphanumeric());
                if let Some(lo) = lo {
                    let hi = tok
                        .iter()
                        .rposition(|x| x.is_ascii_alphanumeric())
                        .unwrap_or(lo)
                        + 1;
                    let w = &tok[lo..hi];
                    if w.len() <= MAX_STOPWORD_BYTES {
                        for (d, x) in buf.iter_mut().zip(w) {
                            *d = x.to_ascii_lowercase();
                        }
                        c.stops += stop.contains(&buf[..w.len()]) as u32;
                    }
                }
            }
        }
        c
    }

    #[test]
    fn the_listed_punctuation_is_plain() {
        for c in "•’‘“”»«·©—–…£€™".chars() {
            assert!(
                !(c.is_whitespace() || is_cjk(c) || c.is_alphabetic() || c.is_numeric()),
                "{c:?}"
            );
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
        }
        for c in [
            '\u{a0}', '\u{2009}', 'é', 'ß', 'İ', 'Ⅻ', 'ⓐ', '٣', '中', 'ア', 'ǅ',
        ] {
            assert!(!is_plain_punct(c), "{c:?}");
        }
        assert_eq!(plain_cont("abc"), Some(0));
        assert_eq!(plain_cont("• a’b — c…"), Some(2 + 2 + 2 + 2));
        assert_eq!(plain_cont("a\u{a0}b"), None);
        assert_eq!(plain_cont("café"), None);
    }

    #[test]
    fn byte_counts_match_the_definition() {
        let all: Vec<u8> = (0..=255u8).chain(0..=255).collect();
        for k in 0..all.len() {
            for len in [0, 1, 15, 16, 17, 33, 200] {
                let b = &all[k..(k + len).min(all.len())];
                assert_eq!(byte_counts(b), byte_counts_bytewise(b), "{b:?}");
            }
        }
        // past 255 blocks a lane would wrap: the lanes are summed first
        for n in [16 * 255 - 1, 16 * 255, 16 * 255 + 1, 16 * 600 + 7] {
            for fill in [&b"7"[..], b"a", b"|", b"\xC3\xA9", b"Z9| "] {
                let b: Vec<u8> = fill.iter().copied().cycle().take(n).collect();
                assert_eq!(byte_counts(&b), byte_counts_bytewise(&b), "{n} {fill:?}");
            }
        }
    }

    #[test]
    fn has_url_matches_the_definition() {
        let parts = [
            "a", "h", "t", "p", "w", ".", "@", "http", "htt", "ttp", "www", "ww.", "www.", "x ",
            "the ", "é", "\0",
        ];
        let mut rng = crate::testing::Rng(0x1234_5678_9abc_def1);
        for _ in 0..20_000 {
            let mut line = String::new();
            for _ in 0..rng.below(60) {
                line.push_str(parts[rng.below(parts.len())]);
            }
            let b = line.as_bytes();
            assert_eq!(has_url(b), has_url_bytewise(b), "{line:?}");
        }
        // a match at every offset of a block, and across the padding
        for k in 0..140 {
            for m in ["http", "www.", "@", "htt", "www"] {
                let line = format!("{}{m}", "x".repeat(k));
                let b = line.as_bytes();
                assert_eq!(has_url(b), has_url_bytewise(b), "{line:?}");
                assert_eq!(has_url(b), m.len() == 4 || m == "@", "{line:?}");
            }
        }
    }

    /// Pieces of lines for the pseudo-random tests: ASCII words, stopwords,
    /// punctuation, separators and non-ASCII characters of each kind.
    const PARTS: &[&str] = &[
        "the",
        "The",
        "AND",
        "und",
        "of",
        "x",
        "-",
        "|",
        "/",
        ">",
        "»",
        "›",
        "·",
        "«",
        "•",
        "’",
        "‘",
        "“",
        "”",
        "—",
        "–",
        "…",
        "©",
        "™",
        "€",
        "£",
        "(",
        ")",
        "'",
        ".",
        "2024",
        "a1",
        "Minister",
        "\t",
        " ",
        " ",
        " ",
        "\x0b",
        "--",
        "don’t",
        "don't",
        "l’état",
        "’s",
        "sixteen-letters!",
        "seventeenletterss",
        "thirty-two-bytes-long-token-x’",
        "é",
        "\u{a0}",
        "中文",
        "Ⅻ",
        "\u{9d}",
        "»»",
        "x»",
        "·x",
    ];

    /// `n` pseudo-random lines of up to `max` pieces of `parts`.
    fn random_lines<'a>(
        parts: &'a [&str],
        seed: u64,
        n: usize,
        max: usize,
    ) -> impl Iterator<Item = String> + 'a {
        let mut rng = crate::testing::Rng(seed);
        (0..n).map(move |_| {
            let k = rng.below(max);
            (0..k).map(|_| parts[rng.below(parts.len())]).collect()
        })
    }

    /// The byte walk counts as the character walk on every sample it takes:
    /// pseudo-random lines over ASCII words, punctuation, separators and
    /// non-ASCII characters of each kind.
    #[test]
    fn sample_tokens_match_char_tokens() {
        let stop = stopwords();
        let parts = PARTS;
        let mut taken = 0;
        for line in random_lines(parts, 0x9e37_79b9_7f4a_7c15, 6000, 30) {
            if line.is_ascii() {
                assert_eq!(
                    char_tokens(&line, stop),
                    reference_tokens(line.as_bytes(), stop),
                    "{line:?}"
                );
            }
            assert_eq!(
                byte_counts(line.as_bytes()).high,
                !line.is_ascii(),
                "{line:?}"
            );
            if plain_cont(&line).is_some() {
                taken += 1;
            }
            assert_eq!(
                sample_tokens::<false>(&line, stop),
                char_tokens(&line, stop),
                "{line:?}"
            );
        }
        assert!(taken > 1000, "{taken}");
    }

    /// The block count of the rest of a long line is the byte loop's:
    /// pseudo-random lines with spaces, tabs and multi-byte characters at and
    /// across the 64-byte block edges.
    #[test]
    fn count_rest_matches_bytewise() {
        let parts = [
            "a", " ", "\t", "é", "—", "word", "  ", "日本", "x\ty", "€ ", " (",
        ];
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut line = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 120) as usize;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                line.push_str(parts[(x % parts.len() as u64) as usize]);
            }
            assert_eq!(
                count_rest(&line),
                count_rest_bytewise(line.as_bytes(), true),
                "{line:?}"
            );
        }
    }

    /// The bit-scan walk counts as the byte walk: pseudo-random lines (the
    /// samples `plain_tokens` takes, of up to `MASK_BYTES`), and tokens
    /// that start or end at the 16-byte blocks and at the mask's end.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn masked_tokens_match_plain_tokens() {
        let stop = stopwords();
        let check = |line: &str| {
            let b = line.as_bytes();
            if b.len() > MASK_BYTES {
                return false;
            }
            let m = byte_masks(b);
            assert_eq!(m.counts(), byte_counts_bytewise(b), "{line:?}");
            // every mask bit as the byte says, none past the end
            let bit = |f: &dyn Fn(u8) -> bool| {
                (b.iter().enumerate()).fold(0u64, |a, (i, &x)| a | ((f(x) as u64) << i))
            };
            assert_eq!(
                m.ws,
                bit(&|x| ASCII_CLASS.get(x as usize).is_some_and(|c| c & WS != 0)),
                "{line:?}"
            );
            assert_eq!(m.digit, bit(&|x| x.is_ascii_digit()), "{line:?}");
            assert_eq!(m.alpha, bit(&|x| x.is_ascii_alphabetic()), "{line:?}");
            assert_eq!(m.upper, bit(&|x| x.is_ascii_uppercase()), "{line:?}");
            assert_eq!(m.pipe, bit(&|x| x == b'|'), "{line:?}");
            assert_eq!(m.sep, bit(&|x| matches!(x, b'/' | b'>' | b'-')), "{line:?}");
            assert_eq!(m.high, bit(&|x| x >= 0x80), "{line:?}");
            let Some(cont) = plain_cont(line) else {
                return false;
            };
            assert_eq!(
                masked_tokens(b, &m, cont, stop),
                plain_tokens(b, byte_counts(b), cont, stop),
                "{line:?}"
            );
            true
        };
        let mut taken = 0;
        for line in random_lines(PARTS, 0x51_7cc1_b727_220a, 8000, 14) {
            taken += check(&line) as u32;
        }
        assert!(taken > 1000, "{taken}");
        for n in [0, 1, 2, 15, 16, 17, 31, 32, 33, 47, 48, 49, 62, 63, 64, 65] {
            for (a, z) in [
                ("x", " "),
                (" ", "x"),
                ("The", "|"),
                ("9", "Ab"),
                ("»", "the"),
            ] {
                let mut line = String::new();
                while line.len() < n {
                    line.push_str(if line.len() % 7 < 3 { a } else { z });
                }
                let cut = (0..=n.min(line.len()))
                    .rev()
                    .find(|&k| line.is_char_boundary(k));
                line.truncate(cut.unwrap_or(0));
                check(&line);
                let spaced = format!("{} and {}", "x".repeat(n.saturating_sub(6)), a);
                check(&spaced);
                check(&"A".repeat(n));
                check(&" ".repeat(n));
            }
        }
    }

    /// The window-by-window walk counts as the byte walk on samples longer
    /// than a window: pseudo-random lines, tokens ending at and crossing a
    /// window's end, and a window without whitespace (`None`).
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn windowed_tokens_match_plain_tokens() {
        let stop = stopwords();
        let check = |line: &str| {
            let b = line.as_bytes();
            let Some(cont) = plain_cont(line) else {
                return false;
            };
            let plain = plain_tokens(b, byte_counts(b), cont, stop);
            match windowed_tokens::<false, false>(line, cont, stop) {
                Some(w) => assert_eq!(w, plain, "{line:?}"),
                None => assert!(b.len() > MASK_BYTES, "{line:?}"),
            }
            true
        };
        // (the pieces the byte walk takes: a line with any other is rarely
        // long)
        let parts: Vec<&str> = PARTS
            .iter()
            .copied()
            .filter(|p| plain_cont(p).is_some())
            .collect();
        let mut taken = 0;
        for line in random_lines(&parts, 0x3c6e_f372_fe94_f82b, 3000, 80) {
            taken += (check(&line) && line.len() > MASK_BYTES) as u32;
        }
        assert!(taken > 500, "{taken}");
        for n in [60, 62, 63, 64, 65, 66, 127, 128, 129, 200] {
            for tail in [" the end", "| The", "x» y", "  ", "A"] {
                check(&format!("{}{tail}", "ab ".repeat(n / 3)));
                check(&format!("{} {tail}", "x".repeat(n)));
                check(&format!("{}{tail}", "The ".repeat(n / 4)));
            }
        }
        assert_eq!(
            windowed_tokens::<false, false>(&"x".repeat(65), 0, stop),
            None
        );
        assert_eq!(
            windowed_tokens::<true, false>(&"é".repeat(40), 0, stop),
            None
        );
    }

    /// The AVX2 masks are the SSE2 masks: samples of every length up to
    /// `MASK_BYTES` (partial blocks at every offset), with every byte class.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn wide_masks_match_byte_masks() {
        if !has_bit_ops() {
            return;
        }
        let mut lines: Vec<String> = random_lines(PARTS, 0x3c6e_f372_fe94_f82b, 4000, 40).collect();
        let every: Vec<u8> = (1..=255u8).collect();
        for n in 0..=MASK_BYTES {
            for at in (0..every.len()).step_by(7) {
                let b: Vec<u8> = every.iter().cycle().skip(at).take(n).copied().collect();
                lines.push(String::from_utf8_lossy(&b).into_owned());
            }
            lines.push("a| 9Z\t".repeat(11)[..n].to_string());
        }
        for line in &lines {
            let b = &line.as_bytes()[..line.len().min(MASK_BYTES)];
            // SAFETY: the CPU has AVX2 (checked above).
            let wide = unsafe { byte_masks_wide(b) };
            assert_eq!(format!("{wide:?}"), format!("{:?}", byte_masks(b)), "{b:?}");
        }
    }

    /// The AVX2 "://" test is the byte windows': every length up to 130
    /// with the separator (or a part of it) at every position.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn wide_scheme_test_is_the_windows() {
        if !has_bit_ops() {
            return;
        }
        for n in 0..130usize {
            for piece in [&b"://"[..], b":/", b"//", b":", b"/:/"] {
                for at in 0..n.saturating_sub(piece.len()) + 1 {
                    let mut b = vec![b'a'; n];
                    let k = piece.len().min(n - at.min(n));
                    b[at..at + k].copy_from_slice(&piece[..k]);
                    let want = b.windows(3).any(|w| w == b"://");
                    // SAFETY: the CPU has AVX2 (checked above).
                    assert_eq!(unsafe { has_scheme_sep_wide(&b) }, want, "{n} {at}");
                }
            }
        }
    }

    /// The AVX2 ASCII test is `is_ascii`: every length up to 130 with one
    /// byte from 0x80 up at every position, and none.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn wide_ascii_test_is_is_ascii() {
        if !has_bit_ops() {
            return;
        }
        for n in 0..130 {
            let mut b = vec![b'a'; n];
            // SAFETY: the CPU has AVX2 (checked above).
            assert!(unsafe { is_ascii_wide(&b) }, "{n}");
            for at in 0..n {
                b[at] = 0x80;
                assert!(!unsafe { is_ascii_wide(&b) }, "{n} {at}");
                b[at] = b'a';
            }
        }
    }

    /// The mask walk that sends only the tokens with a non-ASCII byte to
    /// the character walk counts as the character walk on the whole
    /// sample, in one mask and window by window: pseudo-random lines of
    /// every piece (non-ASCII letters, digits and spaces, CJK, separators),
    /// short and long, and pieces at the window edges.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn mixed_tokens_match_char_tokens() {
        let stop = stopwords();
        let (mut short, mut long) = (0, 0);
        let mut check = |line: &str| {
            let want = char_tokens(line, stop);
            if line.len() <= MASK_BYTES {
                let m = byte_masks(line.as_bytes());
                assert_eq!(mixed_tokens(line, &m, stop), want, "{line:?}");
                short += 1;
            } else if let Some(w) = windowed_tokens::<true, false>(line, 0, stop) {
                assert_eq!(w, want, "{line:?}");
                long += 1;
            }
        };
        for line in random_lines(PARTS, 0x6a09_e667_f3bc_c908, 6000, 60) {
            check(&line);
        }
        for n in [0, 1, 15, 16, 17, 60, 62, 63, 64, 65, 66, 127, 128, 129] {
            for piece in ["é", "Ⅻ", "中文", "\u{a0}", "»", "l’État"] {
                check(&format!("{}{piece} x", "ab ".repeat(n / 3)));
                check(&format!("{} {piece}", "x".repeat(n)));
                check(&format!("{}{piece}", "Ü ".repeat(n / 3)));
            }
        }
        assert!(short > 1000 && long > 1000, "{short} {long}");
    }

    /// The packed lookup answers as the hashed one: every stopword in three
    /// casings, and other words, at the start, inside and at the end of a
    /// buffer (the last bytes are read one at a time).
    #[test]
    fn packed_stopwords_match_hashed_ones() {
        let stop = stopwords();
        let mut words: Vec<String> = STOPWORDS_FOR_TESTS
            .iter()
            .flat_map(|w| [w.to_string(), w.to_uppercase(), capitalized(w)])
            .collect();
        words.extend(
            [
                "thé",
                "THE'S",
                "don’t",
                "x",
                "9",
                "nine",
                "[the",
                "a-b",
                "long_word",
            ]
            .map(String::from),
        );
        let mut hits = 0;
        for w in &words {
            for (pre, post) in [("", ""), ("x ", " y"), ("(", ""), ("", "…zzzzzzzzz")] {
                let line = format!("{pre}{w}{post}");
                let (lo, hi) = (pre.len(), pre.len() + w.len());
                let want = is_stopword(&line.as_bytes()[lo..hi], stop);
                assert_eq!(
                    is_stopword_at(line.as_bytes(), lo, hi, stop),
                    want,
                    "{line:?}"
                );
                hits += want as u32;
            }
        }
        assert!(hits > 40, "{hits}");
    }

    /// Some stopwords of several languages.
    const STOPWORDS_FOR_TESTS: [&str; 12] = [
        "the", "and", "of", "und", "der", "les", "été", "à", "não", "della", "het", "because",
    ];

    /// `w` with its first character uppercase.
    fn capitalized(w: &str) -> String {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    }

    /// Both versions of [`line_facts`] (compiled for baseline x86_64 and
    /// with the bit instructions) give the same facts.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn line_facts_versions_agree() {
        if !has_bit_ops() {
            return;
        }
        let stop = stopwords();
        let phrases = Phrases::new(true, true, &[], &[]).unwrap();
        let mut parts: Vec<&str> = PARTS.to_vec();
        parts.extend([
            "• ",
            "  ",
            "http://x.org ",
            "@",
            "3 comments",
            "Related Stories",
            "Share ",
            "2019",
        ]);
        let long = "word ".repeat(80);
        for line in
            random_lines(&parts, 0x7a3c_19e4_55d0_b2f1, 6000, 40).chain([long, "x".repeat(300)])
        {
            let s = line.trim();
            if s.is_empty() {
                continue;
            }
            // SAFETY: the CPU has the features (checked above).
            let fast = unsafe { line_facts_bit_ops(s, stop, &phrases) };
            assert_eq!(
                format!("{fast:?}"),
                format!("{:?}", line_facts_with::<false>(s, stop, &phrases)),
                "{s:?}"
            );
        }
    }

    #[test]
    fn strip_bullet_matches_the_definition() {
        let mut parts: Vec<&str> = PARTS.to_vec();
        parts.extend([
            "- ", "* ", "• ", "1. ", "12) ", "123.", "1234. ", "-", "*x", "▪ ", "9",
        ]);
        let fixed = [
            "",
            "-",
            "*",
            "1.",
            "2)",
            "• a",
            "• ",
            "•  a",
            "• é",
            "• \u{a0}x",
            "•\ta",
            "•a",
            "-a",
            "- a",
            "12.5 m",
            "■\u{a0}x",
        ];
        for line in fixed.iter().map(|s| s.to_string()).chain(random_lines(
            &parts,
            0x2f1e_0d3c_4b5a_6978,
            4000,
            6,
        )) {
            assert_eq!(strip_bullet(&line), bullet_of(&line), "{line:?}");
        }
    }

    #[test]
    fn sample_tokens_match_the_definition_on_ascii() {
        let stop = stopwords();
        let fixed = [
            "The minister said on Tuesday that the plan (and THE budget) was 'final'.",
            "Home | News > World - Europe / Politics",
            "x-ray  don't  O'Neil's \t (the) --the-- ((AND)) 123abc abc123 ...",
            "averyveryveryverylongtokenthatisnotastopwordatall and-the-end",
            "",
            "|",
            "   leading and trailing   ",
            "a|b || c| |d 12|34",
        ];
        for t in fixed {
            assert_eq!(
                sample_tokens::<false>(t, stop),
                reference_tokens(t.as_bytes(), stop),
                "{t:?}"
            );
        }
        // a long token
        let long = format!("a {}| b", "9x".repeat(70_000));
        assert_eq!(
            sample_tokens::<false>(&long, stop),
            reference_tokens(long.as_bytes(), stop)
        );
        // pseudo-random ASCII lines over words, stopwords and punctuation
        // (the ASCII pieces of the mixed test's, and longer tokens)
        let mut parts: Vec<&str> = PARTS.iter().copied().filter(|p| p.is_ascii()).collect();
        parts.extend(["budget", "thirty-two-bytes-long-token-xxxx"]);
        for line in random_lines(&parts, 0x2545_f491_4f6c_dd1d, 3000, 24) {
            let b = line.as_bytes();
            assert_eq!(
                sample_tokens::<false>(&line, stop),
                reference_tokens(b, stop),
                "{line:?}"
            );
        }
    }
}
