//! Conversion of UTF-8 byte offsets to code-point offsets.
//!
//! The core works on byte offsets into `&str`. Python indexes strings by code
//! point, so every offset handed to Python goes through [`CharOffsets`], which
//! walks the text once when queries come in ascending order (the usual case:
//! spans sorted by start) and stays correct, if slower, when they do not.

/// Maps byte offsets of one text to code-point offsets.
///
/// ```
/// use newsprep::offsets::CharOffsets;
/// let text = "São Paulo";
/// let mut map = CharOffsets::new(text);
/// assert_eq!(map.char_offset(5), 4); // "Paulo" starts at byte 5, char 4
/// ```
#[derive(Debug)]
pub struct CharOffsets<'t> {
    bytes: &'t [u8],
    ascii: bool,
    byte_pos: usize,
    char_pos: usize,
}

impl<'t> CharOffsets<'t> {
    /// Creates a converter for `text`. ASCII text is detected up front and
    /// converts in O(1) per offset.
    pub fn new(text: &'t str) -> CharOffsets<'t> {
        CharOffsets {
            bytes: text.as_bytes(),
            ascii: text.is_ascii(),
            byte_pos: 0,
            char_pos: 0,
        }
    }

    /// Creates a converter for text already known to be ASCII (or not).
    pub fn with_ascii(text: &'t str, ascii: bool) -> CharOffsets<'t> {
        CharOffsets {
            bytes: text.as_bytes(),
            ascii,
            byte_pos: 0,
            char_pos: 0,
        }
    }

    /// Returns the code-point offset of byte offset `byte`.
    ///
    /// `byte` must lie on a char boundary and be at most the text length;
    /// offsets produced by the core always do. Amortised O(1) when called with
    /// non-decreasing offsets.
    pub fn char_offset(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let byte = byte.min(self.bytes.len());
        if byte >= self.byte_pos {
            self.char_pos += count_chars(&self.bytes[self.byte_pos..byte]);
        } else {
            self.char_pos -= count_chars(&self.bytes[byte..self.byte_pos]);
        }
        self.byte_pos = byte;
        self.char_pos
    }

    /// Converts a byte span to a code-point span.
    pub fn span(&mut self, start: usize, end: usize) -> (usize, usize) {
        let s = self.char_offset(start);
        let e = self.char_offset(end);
        (s, e)
    }
}

/// Number of code points in a UTF-8 byte slice that starts and ends on char
/// boundaries: the bytes that are not continuation bytes.
///
/// Counted with a one-byte counter per block of 255 bytes, which the compiler
/// vectorizes: about 6 GB/s against 0.9 for a plain `filter().count()` (which
/// made code-point conversion a tenth of the pipeline's time on non-ASCII pages).
#[inline]
pub fn count_chars(bytes: &[u8]) -> usize {
    let mut total = 0;
    for block in bytes.chunks(255) {
        let mut n: u8 = 0;
        for &b in block {
            n += u8::from((b as i8) >= -0x40);
        }
        total += usize::from(n);
    }
    total
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char
/// boundary (for reading only the start of a long text).
pub(crate) fn str_prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The UTF-8 of `cps` (code points, as Python's `PyUnicode_AsUCS4` gives them), or `None`
/// when one is not a char (a lone surrogate).
///
/// Page text is mostly ASCII (1.3% of the code points of the L3S pages are not): on
/// x86_64, 16 code points are narrowed and stored at a time (SSE2, part of the
/// architecture); a block found all ASCII by one test (nearly every block) is kept
/// whole, else its ASCII prefix is kept and the first other code point encoded on its
/// own. About 3 instructions per code point against 10 for CPython's
/// `str.encode("utf-8")` on a UCS-2 str.
///
/// With AVX2 (checked once per call), 32 at a time ([`utf8_of_code_points_avx2`]).
#[cfg_attr(not(feature = "python"), allow(dead_code))] // used by the bindings
pub(crate) fn utf8_of_code_points(cps: &[u32]) -> Option<String> {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { utf8_of_code_points_avx2(cps) };
    }
    utf8_of_code_points_sse2(cps)
}

/// [`utf8_of_code_points`] 16 code points at a time (SSE2 on x86_64, part of the
/// architecture; one at a time elsewhere).
#[cfg_attr(not(feature = "python"), allow(dead_code))] // used by the bindings
fn utf8_of_code_points_sse2(cps: &[u32]) -> Option<String> {
    let n = cps.len();
    let mut out: Vec<u8> = Vec::with_capacity(n + n / 8 + 16);
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // Invariant of the loop: the spare capacity is at least the code points left
        // plus 16 (true at the start), so a block's 16-byte store fits without a check;
        // storing k ASCII bytes uses k of it for k code points, and a code point of more
        // than one byte reserves what it adds.
        while i + 16 <= n {
            debug_assert!(out.capacity() - out.len() >= n - i + 16);
            // SAFETY: SSE2 is part of x86_64; the loads read `cps[i..i + 16]` (in bounds);
            // the store writes 16 bytes within the spare capacity (the invariant above),
            // of which only the `k` narrowed ASCII code points (exact bytes) are kept.
            let k = unsafe {
                let p = cps.as_ptr().add(i) as *const __m128i;
                let (a, b) = (_mm_loadu_si128(p), _mm_loadu_si128(p.add(1)));
                let (c, d) = (_mm_loadu_si128(p.add(2)), _mm_loadu_si128(p.add(3)));
                let bytes = _mm_packus_epi16(_mm_packs_epi32(a, b), _mm_packs_epi32(c, d));
                _mm_storeu_si128(out.as_mut_ptr().add(out.len()) as *mut __m128i, bytes);
                let high = _mm_set1_epi32(!0x7F);
                let zero = _mm_setzero_si128();
                let any = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
                // all 16 ASCII (nearly every block): no lane test
                let k = if all_zero_under(any, high) {
                    16
                } else {
                    // all ones in the lanes of ASCII code points
                    let ascii = |v| _mm_cmpeq_epi32(_mm_and_si128(v, high), zero);
                    let m = _mm_packs_epi16(
                        _mm_packs_epi32(ascii(a), ascii(b)),
                        _mm_packs_epi32(ascii(c), ascii(d)),
                    );
                    (_mm_movemask_epi8(m) as u32).trailing_ones() as usize
                };
                out.set_len(out.len() + k);
                k
            };
            i += k;
            if k < 16 {
                // (restores the invariant for the bytes this code point adds)
                out.reserve(n - i + 16 + 4);
                push_code_point(&mut out, cps[i])?;
                i += 1;
            }
        }
    }
    for &c in &cps[i..] {
        push_code_point(&mut out, c)?;
    }
    // SAFETY: ASCII bytes and whole chars' UTF-8 only.
    Some(unsafe { String::from_utf8_unchecked(out) })
}

/// [`utf8_of_code_points`] thirty-two code points at a time
/// (AVX2; the same UTF-8, `None` on a surrogate or a value past U+10FFFF):
/// an all-ASCII block is narrowed by two packs, put in order by a lane
/// permute and stored whole, where the SSE2 loop took two blocks of sixteen
/// (the encoding was three instructions per code point of `newsprep.clean`
/// on the dev pages, nearly all of them ASCII). A block with a code point
/// from 0x80 up keeps its ASCII prefix and encodes that code point alone,
/// then the walk goes on after it.
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[cfg_attr(not(feature = "python"), allow(dead_code))] // used by the bindings
unsafe fn utf8_of_code_points_avx2(cps: &[u32]) -> Option<String> {
    use std::arch::x86_64::*;
    const BLOCK: usize = 32;
    let n = cps.len();
    let mut out: Vec<u8> = Vec::with_capacity(n + n / 8 + BLOCK);
    let mut i = 0;
    let high = _mm256_set1_epi32(!0x7F);
    let zero = _mm256_setzero_si256();
    // the 32-bit lanes of the two packs' output in code-point order
    let order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    // Invariant of the loop: the spare capacity is at least the code points left
    // plus BLOCK (true at the start), so a block's 32-byte store fits without a
    // check; storing k ASCII bytes uses k of it for k code points, and a code
    // point of more than one byte reserves what it adds.
    while i + BLOCK <= n {
        debug_assert!(out.capacity() - out.len() >= n - i + BLOCK);
        // SAFETY: AVX2 (the caller's contract); the loads read `cps[i..i + 32]`
        // (in bounds); the store writes 32 bytes within the spare capacity (the
        // invariant above), of which only the `k` narrowed ASCII code points
        // (exact bytes: saturation leaves values under 0x80 as they are) are kept.
        let k = unsafe {
            let p = cps.as_ptr().add(i) as *const __m256i;
            let (a, b) = (_mm256_loadu_si256(p), _mm256_loadu_si256(p.add(1)));
            let (c, d) = (_mm256_loadu_si256(p.add(2)), _mm256_loadu_si256(p.add(3)));
            let packed = _mm256_packus_epi16(_mm256_packs_epi32(a, b), _mm256_packs_epi32(c, d));
            let bytes = _mm256_permutevar8x32_epi32(packed, order);
            _mm256_storeu_si256(out.as_mut_ptr().add(out.len()) as *mut __m256i, bytes);
            let any = _mm256_or_si256(_mm256_or_si256(a, b), _mm256_or_si256(c, d));
            let k = if _mm256_testz_si256(any, high) == 1 {
                BLOCK
            } else {
                // a bit per ASCII code point, in order
                let bits = |v: __m256i| {
                    let ascii = _mm256_cmpeq_epi32(_mm256_and_si256(v, high), zero);
                    _mm256_movemask_ps(_mm256_castsi256_ps(ascii)) as u32
                };
                let m = bits(a) | bits(b) << 8 | bits(c) << 16 | bits(d) << 24;
                m.trailing_ones() as usize
            };
            out.set_len(out.len() + k);
            k
        };
        i += k;
        if k < BLOCK {
            // (restores the invariant for the bytes this code point adds)
            out.reserve(n - i + BLOCK + 4);
            let ch = char::from_u32(cps[i])?;
            let mut buf = [0u8; 4];
            let k = ch.encode_utf8(&mut buf).len();
            // SAFETY: at least 4 bytes of spare capacity were reserved just
            // above; the `k` bytes kept are the char's UTF-8 (a fixed 4-byte
            // copy, not a `memcpy` call per non-ASCII code point).
            unsafe {
                std::ptr::copy_nonoverlapping(buf.as_ptr(), out.as_mut_ptr().add(out.len()), 4);
                out.set_len(out.len() + k);
            }
            i += 1;
        }
    }
    for &c in &cps[i..] {
        let ch = char::from_u32(c)?;
        if c < 0x80 {
            out.push(c as u8);
        } else {
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
    }
    // SAFETY: ASCII bytes and whole chars' UTF-8 only.
    Some(unsafe { String::from_utf8_unchecked(out) })
}

/// Whether `v & mask` is all zero bits (SSE2: `ptest` is SSE4.1).
///
/// # Safety
///
/// None beyond SSE2, which x86_64 has.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn all_zero_under(v: std::arch::x86_64::__m128i, mask: std::arch::x86_64::__m128i) -> bool {
    use std::arch::x86_64::*;
    let z = _mm_cmpeq_epi8(_mm_and_si128(v, mask), _mm_setzero_si128());
    _mm_movemask_epi8(z) == 0xFFFF
}

/// Appends the UTF-8 of code point `c`; `None` when it is not a char.
#[inline(always)]
fn push_code_point(out: &mut Vec<u8>, c: u32) -> Option<()> {
    if c < 0x80 {
        out.push(c as u8);
    } else {
        let ch = char::from_u32(c)?;
        let mut buf = [0u8; 4];
        let k = ch.encode_utf8(&mut buf).len();
        out.reserve(4);
        // SAFETY: 4 bytes of spare capacity were reserved just above; the `k` bytes
        // kept are the char's UTF-8 (a fixed 4-byte copy, not a call to memcpy).
        unsafe {
            std::ptr::copy_nonoverlapping(buf.as_ptr(), out.as_mut_ptr().add(out.len()), 4);
            out.set_len(out.len() + k);
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let mut m = CharOffsets::new("hello world");
        assert_eq!(m.span(6, 11), (6, 11));
    }

    #[test]
    fn multibyte_forward_and_back() {
        let text = "İstanbul – São Paulo 🚀 end";
        let mut m = CharOffsets::new(text);
        for (b, c) in text.char_indices().map(|(b, _)| b).zip(0..) {
            assert_eq!(m.char_offset(b), c, "forward at byte {b}");
        }
        assert_eq!(m.char_offset(text.len()), text.chars().count());
        for (b, c) in text
            .char_indices()
            .map(|(b, _)| b)
            .zip(0..)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
        {
            assert_eq!(m.char_offset(b), c, "backward at byte {b}");
        }
    }

    #[test]
    fn count_chars_counts_code_points() {
        assert_eq!(count_chars("a€😀".as_bytes()), 3);
        assert_eq!(count_chars(b""), 0);
        let long = "a€😀 “Ünïcode” — ".repeat(100); // blocks of 255 bytes, and a partial one
        for end in (0..=long.len()).filter(|&e| long.is_char_boundary(e)) {
            assert_eq!(
                count_chars(&long.as_bytes()[..end]),
                long[..end].chars().count()
            );
        }
    }

    #[test]
    fn utf8_of_code_points_matches_std_and_refuses_surrogates() {
        let long = "ab€".repeat(40) + &"x".repeat(33) + "é";
        let mut texts = vec![
            String::new(),
            "a".into(),
            "héllo wörld".into(),
            "“quoted” – ‘x’ • ✓ 中文 😀".into(),
            long,
        ];
        // one non-ASCII char at every position of a few 16-code-point blocks
        for at in 0..40 {
            for ch in ['é', '•', '😀', '\u{7f}'] {
                let mut s = "y".repeat(48);
                s.insert(at, ch);
                texts.push(s);
            }
        }
        // one non-ASCII char at every position of a few 32-code-point blocks (AVX2)
        for at in 0..75 {
            for ch in ['é', '\u{80}', '•', '中', '😀', '\u{10ffff}'] {
                let mut s = "y".repeat(75);
                s.insert(at, ch);
                texts.push(s);
            }
        }
        // and random mixes
        let mut rng = crate::testing::Rng(0x5eed_0ff5_e7e7_0001);
        let pool = [
            'a', ' ', '\n', 'é', '€', '😀', '\u{7f}', '\u{80}', '\u{7ff}', '\u{800}',
        ];
        for _ in 0..500 {
            let len = (rng.next() % 120) as usize;
            texts.push((0..len).map(|_| pool[(rng.next() % 10) as usize]).collect());
        }
        // every version the CPU can run: the one the bindings call, and SSE2
        type Encode = fn(&[u32]) -> Option<String>;
        let versions: [(&str, Encode); 2] = [
            ("dispatched", utf8_of_code_points),
            ("sse2", utf8_of_code_points_sse2),
        ];
        for (name, f) in versions {
            for s in &texts {
                let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
                assert_eq!(f(&cps).as_deref(), Some(s.as_str()), "{name}");
            }
            for at in [0, 5, 15, 16, 17, 31, 32, 33, 40, 63, 64, 70] {
                let mut cps = vec![0x61u32; 80];
                cps[at] = 0xD800;
                assert_eq!(f(&cps), None, "{name}: surrogate at {at}");
                cps[at] = 0x11_0000;
                assert_eq!(f(&cps), None, "{name}: out of range at {at}");
                cps[at] = 0xFFFF_FFFF;
                assert_eq!(f(&cps), None, "{name}: u32::MAX at {at}");
            }
        }
    }

    #[test]
    fn str_prefix_cuts_on_a_char_boundary() {
        assert_eq!(super::str_prefix("abc", 5), "abc");
        assert_eq!(super::str_prefix("abc", 2), "ab");
        assert_eq!(super::str_prefix("aé", 2), "a"); // é is bytes 1..3
        assert_eq!(super::str_prefix("aé", 3), "aé");
        assert_eq!(super::str_prefix("", 0), "");
    }
}
