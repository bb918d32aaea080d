//! Bytes to text: which character encoding a page is in, and decoding it.
//!
//! The order follows what browsers do, with one exception for pages that lie:
//!
//! 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins;
//!    UTF-16 without one is recognised by its zero bytes (see [`utf16_without_bom`]);
//! 2. else the charset the transport declared (the HTTP `Content-Type` of a
//!    WARC record), else the one the page declares in its first
//!    [`PRESCAN_BYTES`] bytes (`<meta charset>`, `<meta http-equiv=
//!    "Content-Type" content="...; charset=...">`, an XML declaration),
//!    found by the WHATWG prescan, with labels resolved by the WHATWG Encoding
//!    Standard (`latin1` and `iso-8859-1` are windows-1252; a declared UTF-16
//!    means UTF-8);
//! 3. else UTF-8 when the bytes are valid UTF-8, else a guess from the bytes
//!    (see [`decode`]).
//!
//! The exception: a page that declares a single-byte legacy encoding
//! (windows-1252, ISO-8859-x, KOI8 ...) but whose bytes are valid UTF-8 with
//! non-ASCII characters in them is decoded as UTF-8: such pages were re-saved
//! as UTF-8 without their meta tag being updated (common in scraped pages),
//! and valid multi-byte UTF-8 sequences almost never occur by chance in
//! legacy text.
//!
//! And its mirror: bytes that are not valid UTF-8 where UTF-8 is declared (or
//! where nothing is declared) are not left as U+FFFD. Most such pages are
//! legacy text under a wrong declaration: their encoding is guessed from the
//! bytes. Some mix the two (a UTF-8 template around text pasted from a
//! windows-1252 source, common on older news sites): when the guess is a
//! single-byte encoding and the page holds at least a quarter as many valid
//! non-ASCII UTF-8 characters as invalid bytes (legacy text forms a valid
//! pair by chance only now and then; Shift_JIS or GBK often, but the guess
//! names those), each valid UTF-8 run stays UTF-8 and each invalid byte is
//! read as windows-1252 ([`CharsetSource::Mixed`]).
//!
//! Decoding never fails: bytes that are not valid in the chosen encoding
//! become U+FFFD, and [`Decoded::had_errors`] says so.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page the `<meta charset>` prescan looks. The WHATWG
/// standard says 1024 bytes; real pages often put long `<script>`/`<style>`
/// blocks or comments first, so we look further.
pub const PRESCAN_BYTES: usize = 16 * 1024;

/// Where the encoding of a page came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharsetSource {
    /// The input was already text.
    Text,
    /// A byte order mark.
    Bom,
    /// The charset given by the caller (an HTTP header).
    Transport,
    /// `<meta charset>` or an http-equiv/XML declaration in the page.
    Meta,
    /// No usable declaration: the bytes are valid UTF-8.
    Utf8,
    /// A declared single-byte encoding overridden because the bytes are
    /// valid, non-ASCII UTF-8 (see the module docs).
    Utf8OverDeclared,
    /// No usable declaration and not UTF-8: guessed from the bytes.
    Guessed,
    /// UTF-8 declared (or nothing declared) but the bytes are not UTF-8 and
    /// hold no valid multi-byte UTF-8 sequence: guessed from the bytes.
    GuessedOverDeclared,
    /// Mostly UTF-8 with bytes that are not: valid UTF-8 runs decoded as
    /// UTF-8, the other bytes as windows-1252 (see the module docs).
    Mixed,
}

impl CharsetSource {
    /// A short stable name (`"bom"`, `"transport"`, `"meta"`, `"utf-8"`,
    /// `"utf-8-over-declared"`, `"guessed"`, `"guessed-over-declared"`,
    /// `"mixed"`, `"text"`).
    pub fn as_str(self) -> &'static str {
        match self {
            CharsetSource::Text => "text",
            CharsetSource::Bom => "bom",
            CharsetSource::Transport => "transport",
            CharsetSource::Meta => "meta",
            CharsetSource::Utf8 => "utf-8",
            CharsetSource::Utf8OverDeclared => "utf-8-over-declared",
            CharsetSource::Guessed => "guessed",
            CharsetSource::GuessedOverDeclared => "guessed-over-declared",
            CharsetSource::Mixed => "mixed",
        }
    }
}

/// A decoded page.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text (borrowed when the bytes were valid UTF-8 without a BOM).
    pub text: Cow<'a, str>,
    /// The encoding used (its WHATWG name, e.g. `"windows-1252"`).
    pub encoding: &'static str,
    /// Where the encoding came from.
    pub source: CharsetSource,
    /// Whether some bytes were invalid and replaced by U+FFFD.
    pub had_errors: bool,
}

/// Decodes a page's bytes (see the module docs for how the encoding is
/// chosen). `transport` is a charset label from outside the page (an HTTP
/// `Content-Type` header's `charset`), if any; an unknown label is ignored.
///
/// Without any declaration, or with UTF-8 declared, bytes that are not valid
/// UTF-8 are decoded as windows-1252 unless a detector finds a clearly better
/// legacy encoding (Shift_JIS, GBK, Big5, EUC-KR, windows-125x ...); a page
/// that mixes valid UTF-8 with other bytes keeps its UTF-8 (see the module
/// docs).
pub fn decode<'a>(bytes: &'a [u8], transport: Option<&str>) -> Decoded<'a> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text,
            encoding: enc.name(),
            source: CharsetSource::Bom,
            had_errors,
        };
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return Decoded {
            text,
            encoding: enc.name(),
            source: CharsetSource::Guessed,
            had_errors,
        };
    }
    let declared = transport
        .and_then(|l| label_encoding(l.as_bytes()))
        .map(|e| (e, CharsetSource::Transport))
        .or_else(|| prescan(bytes).map(|e| (e, CharsetSource::Meta)));
    let utf8 = std::str::from_utf8(bytes).ok();
    match (declared, utf8) {
        (Some((enc, _)), Some(s)) if enc == UTF_8 => borrowed(s, declared_source(declared)),
        (Some((enc, _)), Some(s)) if is_legacy_single_byte(enc) && !s.is_ascii() => {
            borrowed(s, CharsetSource::Utf8OverDeclared)
        }
        (Some((enc, _)), None) if enc == UTF_8 => {
            not_utf8(bytes, CharsetSource::GuessedOverDeclared)
        }
        (Some((enc, source)), _) => {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            Decoded {
                text,
                encoding: enc.name(),
                source,
                had_errors,
            }
        }
        (None, Some(s)) => borrowed(s, CharsetSource::Utf8),
        (None, None) => not_utf8(bytes, CharsetSource::Guessed),
    }
}

/// Bytes that UTF-8 was expected of but that are not valid UTF-8: decoded
/// with an encoding guessed from the bytes (`source` says why it was
/// guessed), or as a mix of UTF-8 and windows-1252 (see the module docs).
fn not_utf8(bytes: &[u8], source: CharsetSource) -> Decoded<'_> {
    let enc = guess(bytes);
    let (mut utf8_chars, mut invalid_bytes) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        utf8_chars += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid_bytes += chunk.invalid().len();
    }
    if !enc.is_single_byte() || utf8_chars == 0 || utf8_chars * 4 < invalid_bytes {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        return Decoded {
            text,
            encoding: enc.name(),
            source,
            had_errors,
        };
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        // windows-1252 maps every byte to one character: nothing is replaced
        let (legacy, _) = WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
        text.push_str(&legacy);
    }
    Decoded {
        text: Cow::Owned(text),
        encoding: UTF_8.name(),
        source: CharsetSource::Mixed,
        had_errors: false,
    }
}

fn declared_source(d: Option<(&'static Encoding, CharsetSource)>) -> CharsetSource {
    d.map_or(CharsetSource::Utf8, |(_, s)| s)
}

fn borrowed(s: &str, source: CharsetSource) -> Decoded<'_> {
    Decoded {
        text: Cow::Borrowed(s),
        encoding: UTF_8.name(),
        source,
        had_errors: false,
    }
}

/// Single-byte encodings where any byte sequence is valid, so a wrong
/// declaration cannot be noticed from decoding errors.
fn is_legacy_single_byte(enc: &'static Encoding) -> bool {
    enc.is_single_byte()
}

/// How many leading bytes [`utf16_without_bom`] reads.
pub const UTF16_SNIFF_BYTES: usize = 4096;

/// UTF-16LE or UTF-16BE when the bytes are UTF-16 without a byte order mark:
/// in the first [`UTF16_SNIFF_BYTES`] (at least 8), a zero byte in at least a
/// third of the byte pairs, always on the same side of the pair (the high byte
/// of the ASCII characters markup is made of), and at most 1 in 64 pairs with one
/// on the other side. Such bytes are valid UTF-8 and would otherwise be read as
/// UTF-8, with a NUL between each two characters: the markup came out as the
/// article's text. Pages in UTF-8 or a legacy encoding hold no such run of zero
/// bytes. (Browsers do not sniff UTF-16 without a BOM, but they show such a page
/// as garbage, not its tags as text; a declared UTF-16 read as ASCII means
/// UTF-8, see the module docs.)
///
/// ```
/// use newsprep::html::charset::utf16_without_bom;
/// let le: Vec<u8> = "<p>Rain.</p>".encode_utf16().flat_map(|c| c.to_le_bytes()).collect();
/// assert_eq!(utf16_without_bom(&le), Some(encoding_rs::UTF_16LE));
/// assert_eq!(utf16_without_bom(b"<p>Rain.</p>"), None);
/// ```
pub fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let b = &bytes[..bytes.len().min(UTF16_SNIFF_BYTES)];
    let pairs = b.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut first, mut second) = (0usize, 0usize);
    for p in b.chunks_exact(2) {
        first += (p[0] == 0) as usize;
        second += (p[1] == 0) as usize;
    }
    let side = |zero: usize, other: usize| zero * 3 >= pairs && other * 64 <= pairs;
    if side(second, first) {
        Some(encoding_rs::UTF_16LE)
    } else if side(first, second) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// An encoding guessed from bytes that are not UTF-8 and declare nothing.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&bytes[..bytes.len().min(64 * 1024)], true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    if enc == UTF_8 {
        WINDOWS_1252
    } else {
        enc
    }
}

/// A WHATWG label to an encoding, with the rules for labels found in pages:
/// UTF-16 means UTF-8 (the page was decodable as ASCII to be read at all),
/// `x-user-defined` means windows-1252, and `replacement` is ignored.
fn label_encoding(label: &[u8]) -> Option<&'static Encoding> {
    let enc = Encoding::for_label_no_replacement(label.trim_ascii())?;
    Some(
        if enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_16LE {
            UTF_8
        } else if enc == encoding_rs::X_USER_DEFINED {
            WINDOWS_1252
        } else {
            enc
        },
    )
}

/// The WHATWG "prescan a byte stream to determine its encoding", over the
/// first [`PRESCAN_BYTES`] bytes, plus an XML declaration at the very start.
pub fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let b = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    if let Some(enc) = xml_declaration(b) {
        return Some(enc);
    }
    let mut i = 0;
    while i < b.len() {
        let Some(off) = memchr::memchr(b'<', &b[i..]) else {
            break;
        };
        i += off;
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = match memchr::memmem::find(&rest[4..], b"-->") {
                Some(e) => i + 4 + e + 3,
                None => break,
            };
            continue;
        }
        if rest.len() > 6 && rest[1..5].eq_ignore_ascii_case(b"meta") && is_attr_sep(rest[5]) {
            let (attrs, end) = attributes(b, i + 5);
            if let Some(enc) = meta_charset(&attrs) {
                return Some(enc);
            }
            i = end;
            continue;
        }
        if rest.len() > 1 && (rest[1].is_ascii_alphabetic() || rest[1] == b'/') {
            // Any other tag: skip its name and attributes.
            let mut j = i + 1 + usize::from(rest[1] == b'/');
            while j < b.len() && !is_attr_sep(b[j]) && b[j] != b'>' {
                j += 1;
            }
            let (_, end) = attributes(b, j);
            i = end;
            continue;
        }
        if rest.len() > 1 && (rest[1] == b'!' || rest[1] == b'?') {
            i = match memchr::memchr(b'>', rest) {
                Some(e) => i + e + 1,
                None => break,
            };
            continue;
        }
        i += 1;
    }
    None
}

fn is_attr_sep(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/')
}

/// Reads attributes from `i` up to the end of the tag; returns them (names
/// lowercased) and the index after the tag.
/// Attributes of a tag in the prescan: (lowercased name, raw value).
type RawAttrs<'a> = Vec<(Vec<u8>, &'a [u8])>;

fn attributes(b: &[u8], mut i: usize) -> (RawAttrs<'_>, usize) {
    let mut out = Vec::new();
    loop {
        while i < b.len() && is_attr_sep(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            return (out, i);
        }
        if b[i] == b'>' {
            return (out, i + 1);
        }
        let start = i;
        while i < b.len() && !is_attr_sep(b[i]) && b[i] != b'>' && b[i] != b'=' {
            i += 1;
        }
        let name = b[start..i].to_ascii_lowercase();
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            i += 1;
        }
        let mut value: &[u8] = &[];
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                match memchr::memchr(q, &b[vs..]) {
                    Some(e) => {
                        value = &b[vs..vs + e];
                        i = vs + e + 1;
                    }
                    None => {
                        value = &b[vs..];
                        i = b.len();
                    }
                }
            } else {
                let vs = i;
                while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>')
                {
                    i += 1;
                }
                value = &b[vs..i];
            }
        }
        if out.len() < 64 && !name.is_empty() {
            out.push((name, value));
        }
    }
}

fn meta_charset(attrs: &RawAttrs<'_>) -> Option<&'static Encoding> {
    let get = |n: &[u8]| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| *v);
    if let Some(c) = get(b"charset") {
        if let Some(enc) = label_encoding(c) {
            return Some(enc);
        }
    }
    let http_equiv = get(b"http-equiv")?;
    if !http_equiv
        .trim_ascii()
        .eq_ignore_ascii_case(b"content-type")
    {
        return None;
    }
    charset_in_content_type(get(b"content")?)
}

/// The `charset=` parameter of a `Content-Type` value, as an encoding
/// (`text/html; charset="ISO-8859-1"` is windows-1252).
pub fn charset_in_content_type(value: &[u8]) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset")?;
    let mut rest = value[at + 7..].trim_ascii_start();
    rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    let label = match rest.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let inner = &rest[1..];
            &inner[..memchr::memchr(q, inner).unwrap_or(inner.len())]
        }
        _ => {
            let end = rest
                .iter()
                .position(|&c| c == b';' || c.is_ascii_whitespace())
                .unwrap_or(rest.len());
            &rest[..end]
        }
    };
    label_encoding(label)
}

/// `<?xml version="1.0" encoding="...">` at the start of the page.
fn xml_declaration(b: &[u8]) -> Option<&'static Encoding> {
    let head = &b[..b.len().min(200)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memmem::find(head, b"?>")?;
    let decl = &head[..end];
    let at = memchr::memmem::find(decl, b"encoding")?;
    let rest = decl[at + 8..]
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let q = *rest.first()?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let inner = &rest[1..];
    label_encoding(&inner[..memchr::memchr(q, inner)?])
}

/// What bytes that begin with a known file signature hold instead of HTML,
/// and how to get the page out of them: `(what, fix)`.
const NOT_HTML: &[(&[u8], &str, &str)] = &[
    (
        b"\x1f\x8b",
        "gzip-compressed (they begin 1f 8b)",
        "decompress them first: gzip.decompress(data) (an HTTP client's body, such as requests' \
         response.content, is already decompressed)",
    ),
    (
        b"\xfd7zXZ\x00",
        "xz-compressed (they begin fd 37 7a 58 5a 00)",
        "decompress them first: lzma.decompress(data)",
    ),
    (
        b"\x28\xb5\x2f\xfd",
        "zstd-compressed (they begin 28 b5 2f fd)",
        "decompress them first (the zstandard package)",
    ),
    (
        b"PK\x03\x04",
        "a ZIP archive (they begin \"PK\")",
        "read the pages out of it with zipfile first",
    ),
    (
        b"%PDF-",
        "a PDF document (they begin \"%PDF-\")",
        "extract reads HTML pages only",
    ),
    (
        b"\x89PNG\r\n\x1a\n",
        "a PNG image",
        "extract reads HTML pages only",
    ),
    (
        b"\xff\xd8\xff",
        "a JPEG image",
        "extract reads HTML pages only",
    ),
    (b"GIF87a", "a GIF image", "extract reads HTML pages only"),
    (b"GIF89a", "a GIF image", "extract reads HTML pages only"),
];

/// Refuses bytes that are plainly not a page: compressed (gzip, bzip2, xz,
/// zstd, zlib), a ZIP archive, a PDF, an image, by the signature they begin
/// with (none of which a text can begin with: a control byte, or a signature
/// checked in full); the error ([`crate::ErrorKind::Format`]) says what they are and how
/// to get the page out. Decoded as text they would give mojibake as the
/// article, without a word. Anything else passes (and is decoded by
/// [`decode`], which never fails).
///
/// ```
/// use newsprep::html::charset::check_bytes;
/// assert!(check_bytes(b"<html><p>Rain.</p></html>").is_ok());
/// let gz = [0x1f, 0x8b, 0x08, 0x00];
/// assert!(check_bytes(&gz).unwrap_err().to_string().contains("gzip.decompress"));
/// ```
pub fn check_bytes(bytes: &[u8]) -> crate::error::Result<()> {
    let found = NOT_HTML
        .iter()
        .find(|(magic, _, _)| bytes.starts_with(magic))
        .map(|&(_, what, fix)| (what, fix))
        .or_else(|| {
            // zlib (RFC 1950) as compressors write it: "x" and a level byte no
            // text has after it
            let zlib = matches!(bytes, [0x78, 0x01 | 0x5e | 0x9c | 0xda, ..]);
            // bzip2: "BZh", the block size, the block magic (pi)
            let bzip2 = bytes.len() >= 10
                && bytes.starts_with(b"BZh")
                && bytes[3].is_ascii_digit()
                && &bytes[4..10] == b"1AY&SY";
            if zlib {
                Some((
                    "zlib-compressed (they begin 78)",
                    "decompress them first: zlib.decompress(data)",
                ))
            } else if bzip2 {
                Some((
                    "bzip2-compressed (they begin \"BZh\")",
                    "decompress them first: bz2.decompress(data)",
                ))
            } else {
                None
            }
        });
    match found {
        Some((what, fix)) => Err(crate::Error::new(
            crate::ErrorKind::Format,
            format!("the bytes are {what}, not an HTML page: {fix}"),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_pdf_and_image_bytes_are_refused_and_text_is_not() {
        let page = b"<html><title>Rain</title><p>Rain fell in Faro on Monday.</p></html>";
        let mut gz = vec![0x1f, 0x8b, 0x08, 0x00];
        gz.extend_from_slice(&[0x55; 20]);
        for (bytes, says) in [
            (gz.as_slice(), "gzip.decompress(data)"),
            (&[0x78, 0x9c, 0xcb, 0x48][..], "zlib.decompress(data)"),
            (b"BZh91AY&SY\x00\x01", "bz2.decompress(data)"),
            (b"\xfd7zXZ\x00\x00", "lzma.decompress(data)"),
            (b"\x28\xb5\x2f\xfd\x00", "zstandard"),
            (b"PK\x03\x04rest", "zipfile"),
            (b"%PDF-1.4\n%\xe2\xe3", "a PDF document"),
            (b"\x89PNG\r\n\x1a\n\x00", "a PNG image"),
            (b"\xff\xd8\xff\xe0", "a JPEG image"),
            (b"GIF89a\x01\x00", "a GIF image"),
        ] {
            let err = check_bytes(bytes).unwrap_err();
            assert_eq!(*err.kind(), crate::ErrorKind::Format);
            assert!(err.to_string().contains(says), "{err}");
        }
        // text that begins like a signature's first bytes is text
        for ok in [
            &page[..],
            b"x marks the spot",
            b"xylophones",
            b"BZh is no bzip2",
            b"PK went home",
            b"%PDF is a word here",
            b"",
            b"\xef\xbb\xbf<html>",
            b"\xff\xfe<\x00h\x00",
        ] {
            assert!(check_bytes(ok).is_ok(), "{ok:?}");
        }
    }

    fn dec(b: &[u8], t: Option<&str>) -> (String, &'static str, CharsetSource) {
        let d = decode(b, t);
        (d.text.into_owned(), d.encoding, d.source)
    }

    #[test]
    fn bom_wins() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("<meta charset=latin1>é".as_bytes());
        let (t, e, s) = dec(&b, Some("iso-8859-1"));
        assert_eq!((e, s), ("UTF-8", CharsetSource::Bom));
        assert!(t.ends_with('é') && !t.starts_with('\u{feff}'));
        let mut u16 = vec![0xFF, 0xFE];
        for c in "<p>hé</p>".encode_utf16() {
            u16.extend_from_slice(&c.to_le_bytes());
        }
        assert_eq!(dec(&u16, None).0, "<p>hé</p>");
    }

    #[test]
    fn utf16_without_a_bom_is_recognised() {
        let page = "<html><meta charset=utf-8><h1>Наводнение в городе</h1><p>Rain, «10 cm».</p>";
        let le: Vec<u8> = page.encode_utf16().flat_map(|c| c.to_le_bytes()).collect();
        let be: Vec<u8> = page.encode_utf16().flat_map(|c| c.to_be_bytes()).collect();
        for (b, name) in [(&le, "UTF-16LE"), (&be, "UTF-16BE")] {
            let (t, e, s) = dec(b, Some("utf-16"));
            assert_eq!((t.as_str(), e, s), (page, name, CharsetSource::Guessed));
        }
        // text with a few NULs, or too short to tell, is not UTF-16
        for b in [
            &b"<p>a\0b</p><p>c\0d</p><p>e</p>"[..],
            b"\0a\0b",
            b"<p>\0\0\0\0</p>",
            b"",
        ] {
            assert_eq!(utf16_without_bom(b), None, "{b:?}");
        }
    }

    #[test]
    fn meta_charset_forms() {
        let page = |head: &str| {
            let mut b = head.as_bytes().to_vec();
            b.extend_from_slice(b"<p>caf\xe9</p>");
            b
        };
        for head in [
            "<meta charset=\"windows-1252\">",
            "<META CHARSET=latin1>",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"/>",
            "<!-- <meta charset=utf-8> --><meta content='text/html;charset=iso-8859-1' http-equiv=content-type>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><html>",
        ] {
            let (t, e, s) = dec(&page(head), None);
            assert_eq!(e, "windows-1252", "{head}");
            assert!(t.ends_with("<p>café</p>"), "{head}: {t}");
            assert_eq!(s, CharsetSource::Meta);
        }
    }

    #[test]
    fn transport_beats_meta() {
        let b = b"<meta charset=utf-8><p>caf\xe9</p>";
        let (t, e, s) = dec(b, Some("iso-8859-1"));
        assert_eq!((e, s), ("windows-1252", CharsetSource::Transport));
        assert!(t.contains("café"));
        // an unknown transport label is ignored: the page's declaration (UTF-8,
        // wrongly) is what the bytes are checked against
        let (t, _, s) = dec(b, Some("no-such-charset"));
        assert_eq!(
            (s, t.contains("café")),
            (CharsetSource::GuessedOverDeclared, true)
        );
    }

    #[test]
    fn utf8_pages_that_declare_latin1_are_utf8() {
        let b = "<meta charset=iso-8859-1><p>café – “quoted”</p>".as_bytes();
        let (t, e, s) = dec(b, None);
        assert_eq!((e, s), ("UTF-8", CharsetSource::Utf8OverDeclared));
        assert!(t.contains("café – “quoted”"));
        // pure ASCII: nothing to override, the declaration stands (same text)
        assert_eq!(
            dec(b"<meta charset=iso-8859-1><p>cafe</p>", None).2,
            CharsetSource::Meta
        );
    }

    #[test]
    fn undeclared() {
        assert_eq!(dec("<p>café</p>".as_bytes(), None).2, CharsetSource::Utf8);
        let (t, _, s) = dec(b"<p>The caf\xe9 \x93quoted\x94 said it</p>", None);
        assert_eq!(s, CharsetSource::Guessed);
        assert!(t.contains("café “quoted”"), "{t}");
    }

    #[test]
    fn declared_utf8_that_is_not() {
        // all windows-1252 under a UTF-8 declaration (transport or meta): guessed
        let cp = b"<meta charset=utf-8><p>The caf\xe9 said \x93hello\x94 to all</p>";
        for transport in [None, Some("utf-8")] {
            let (t, e, s) = dec(cp, transport);
            assert_eq!((e, s), ("windows-1252", CharsetSource::GuessedOverDeclared));
            assert!(t.contains("The café said “hello” to all"), "{t}");
        }
        let story = "東京都は火曜日、新しい交通計画を発表し、市内の渋滞を減らすために来年から新しいバス路線を導入すると述べた。";
        let page = format!("<meta charset=utf-8><p>{story}</p>");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&page);
        assert!(dec(&sjis, None).0.contains(story));
        // a UTF-8 page with pasted windows-1252 bytes: both kept, declared or not
        let mut mixed = "<meta charset=utf-8><p>Zürich – “quoted” "
            .as_bytes()
            .to_vec();
        mixed.extend_from_slice(b"and the caf\xe9 \x93said\x94 so</p>");
        for page in [&mixed[..], &mixed[20..]] {
            let d = decode(page, None);
            assert_eq!((d.encoding, d.source), ("UTF-8", CharsetSource::Mixed));
            assert!(!d.had_errors);
            assert!(
                d.text
                    .ends_with("Zürich – “quoted” and the café “said” so</p>"),
                "{}",
                d.text
            );
        }
    }

    #[test]
    fn legacy_cjk_with_meta() {
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("<meta charset=shift_jis><p>日本語のニュース</p>");
        assert!(dec(&sjis, None).0.contains("日本語のニュース"));
        let (gbk, _, _) = encoding_rs::GBK.encode(
            "<meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"><p>中文新闻</p>",
        );
        assert!(dec(&gbk, None).0.contains("中文新闻"));
    }

    #[test]
    fn declared_utf16_means_utf8_and_bad_bytes_never_fail() {
        let (t, e, _) = dec("<meta charset=utf-16><p>ok ü</p>".as_bytes(), None);
        assert_eq!((e, t.ends_with("ok ü</p>")), ("UTF-8", true));
        let d = decode(b"<meta charset=utf-16><p>ok \xff\xfe</p>", None);
        assert_eq!(d.source, CharsetSource::GuessedOverDeclared);
        assert!(!d.had_errors && d.text.starts_with("<meta charset=utf-16><p>ok "));
        for junk in [
            &b""[..],
            b"<",
            b"<meta",
            b"<meta charset=",
            b"<!--",
            b"<?xml encoding=",
            b"\0\0\0",
        ] {
            let _ = decode(junk, None);
        }
    }

    #[test]
    fn content_type_parameter() {
        let f = |s: &str| charset_in_content_type(s.as_bytes()).map(|e| e.name());
        assert_eq!(f("text/html; charset=UTF-8"), Some("UTF-8"));
        assert_eq!(f("text/html;charset=\"shift_jis\""), Some("Shift_JIS"));
        assert_eq!(f("text/html"), None);
        assert_eq!(f("text/html; charset="), None);
    }
}
