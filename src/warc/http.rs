//! The HTTP message inside a `response` record: status line, headers, and the
//! payload with its transfer and content encodings undone.

use std::io::Read;

use super::SkipReason;

/// The head of an HTTP response: status and headers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpHead {
    /// The status code (`200`).
    pub status: u16,
    /// The reason phrase (`"OK"`), possibly empty.
    pub reason: String,
    /// The header fields in order, names as written, values trimmed (bytes
    /// that are not UTF-8 are replaced by U+FFFD).
    pub headers: Vec<(String, String)>,
}

impl HttpHead {
    /// The first value of header `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Longest HTTP head accepted.
const MAX_HEAD: usize = 256 * 1024;

/// Finds the end of a header block: the index just past the blank line.
/// Accepts CRLF and bare LF line ends.
pub(crate) fn head_end(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'\n', &b[i..]) {
        let nl = i + k;
        let next = nl + 1;
        if b.get(next) == Some(&b'\n') {
            return Some(next + 1);
        }
        if b.get(next) == Some(&b'\r') && b.get(next + 1) == Some(&b'\n') {
            return Some(next + 2);
        }
        i = next;
    }
    None
}

/// Parses `Name: value` lines (continuation lines folded in) of a header
/// block without its first line.
pub(crate) fn parse_fields(block: &[u8]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for raw in block.split(|&c| c == b'\n') {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if line.is_empty() {
            continue;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1
                    .push_str(String::from_utf8_lossy(line.trim_ascii()).as_ref());
            }
            continue;
        }
        let Some(colon) = memchr::memchr(b':', line) else {
            continue;
        };
        let name = String::from_utf8_lossy(line[..colon].trim_ascii()).into_owned();
        let value = String::from_utf8_lossy(line[colon + 1..].trim_ascii()).into_owned();
        out.push((name, value));
    }
    out
}

/// Splits an HTTP response block into its head and the raw payload.
pub(crate) fn parse_head(block: &[u8]) -> Result<(HttpHead, &[u8]), SkipReason> {
    let window = &block[..block.len().min(MAX_HEAD)];
    let end = match head_end(window) {
        Some(e) => e,
        // A head without a body and without the blank line (some crawlers).
        None if block.len() < MAX_HEAD && block.starts_with(b"HTTP/") => block.len(),
        None => return Err(SkipReason::BadHttp),
    };
    let head = &block[..end];
    let first_end = memchr::memchr(b'\n', head).unwrap_or(head.len());
    let status_line = head[..first_end].trim_ascii();
    if !status_line.starts_with(b"HTTP/") {
        return Err(SkipReason::BadHttp);
    }
    let mut parts = status_line.splitn(3, |&c| c == b' ');
    parts.next();
    let code = parts.next().ok_or(SkipReason::BadHttp)?;
    let status: u16 = std::str::from_utf8(code)
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&s| (100..1000).contains(&s))
        .ok_or(SkipReason::BadHttp)?;
    let reason = parts
        .next()
        .map(|r| String::from_utf8_lossy(r.trim_ascii()).into_owned())
        .unwrap_or_default();
    let headers = parse_fields(&head[first_end.min(head.len())..]);
    Ok((
        HttpHead {
            status,
            reason,
            headers,
        },
        &block[end..],
    ))
}

/// Undoes `Transfer-Encoding: chunked`. A payload that does not start with a
/// chunk-size line was already de-chunked by the crawler (which kept the
/// header): it is returned as it is. A chunked payload that breaks off is an
/// error.
pub(crate) fn dechunk(payload: &[u8]) -> Result<Option<Vec<u8>>, SkipReason> {
    let mut out = Vec::with_capacity(payload.len());
    let mut i = 0;
    let mut first = true;
    loop {
        let Some(k) = memchr::memchr(b'\n', &payload[i..]) else {
            if first {
                return Ok(None);
            }
            // A final chunk without its last CRLF: accept what was sent.
            return if payload[i..].trim_ascii().is_empty() || payload[i..].trim_ascii() == b"0" {
                Ok(Some(out))
            } else {
                Err(SkipReason::BadEncoding)
            };
        };
        let line = payload[i..i + k].trim_ascii();
        let hex = line
            .split(|&c| c == b';')
            .next()
            .unwrap_or(b"")
            .trim_ascii();
        let size = (!hex.is_empty() && hex.len() <= 16 && hex.iter().all(u8::is_ascii_hexdigit))
            .then(|| usize::from_str_radix(std::str::from_utf8(hex).unwrap_or("x"), 16).ok())
            .flatten();
        let Some(size) = size else {
            if first {
                return Ok(None);
            }
            return Err(SkipReason::BadEncoding);
        };
        first = false;
        i += k + 1;
        if size == 0 {
            return Ok(Some(out));
        }
        if payload.len() - i < size {
            return Err(SkipReason::BadEncoding);
        }
        out.extend_from_slice(&payload[i..i + size]);
        i += size;
        // The CRLF after the chunk data.
        if payload[i..].starts_with(b"\r\n") {
            i += 2;
        } else if payload[i..].starts_with(b"\n") {
            i += 1;
        }
        if i >= payload.len() {
            // No terminating zero chunk: the message was cut after a chunk.
            return Ok(Some(out));
        }
    }
}

/// A content coding newsprep can undo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Coding {
    Gzip,
    Deflate,
}

/// The codings of a `Content-Encoding` value, in the order they were
/// applied; `Err` for a coding newsprep does not decode (br, zstd ...).
pub(crate) fn codings(value: &str) -> Result<Vec<Coding>, SkipReason> {
    let mut out = Vec::new();
    for c in value.split(',') {
        let c = c.trim().to_ascii_lowercase();
        match c.as_str() {
            "" | "identity" | "none" | "utf-8" | "utf8" | "text" => {}
            "gzip" | "x-gzip" => out.push(Coding::Gzip),
            "deflate" => out.push(Coding::Deflate),
            _ => return Err(SkipReason::UnsupportedEncoding),
        }
    }
    Ok(out)
}

/// Decodes one content coding, with the output bounded by `limit` bytes.
/// A payload that does not carry the coding's signature was stored decoded
/// by the crawler: it is returned as it is.
pub(crate) fn decode(
    payload: Vec<u8>,
    coding: Coding,
    limit: usize,
) -> Result<Vec<u8>, SkipReason> {
    let mut out = Vec::new();
    let read = |r: &mut dyn Read, out: &mut Vec<u8>| -> Result<(), SkipReason> {
        let mut lim = r.take(limit as u64 + 1);
        lim.read_to_end(out).map_err(|_| SkipReason::BadEncoding)?;
        if out.len() > limit {
            return Err(SkipReason::TooLarge);
        }
        Ok(())
    };
    match coding {
        Coding::Gzip => {
            if !payload.starts_with(b"\x1f\x8b") {
                return Ok(payload);
            }
            read(
                &mut flate2::read::MultiGzDecoder::new(&payload[..]),
                &mut out,
            )?;
        }
        Coding::Deflate => {
            // "deflate" is zlib-wrapped by the standard, raw deflate in practice
            // from some servers; a zlib header is two bytes whose value is a
            // multiple of 31 with method 8.
            let zlib = payload.len() >= 2
                && payload[0] & 0x0f == 8
                && (u16::from(payload[0]) << 8 | u16::from(payload[1])) % 31 == 0;
            if zlib {
                read(&mut flate2::read::ZlibDecoder::new(&payload[..]), &mut out)?;
            } else {
                let r = read(
                    &mut flate2::read::DeflateDecoder::new(&payload[..]),
                    &mut out,
                );
                if r.is_err() && looks_like_text(&payload) {
                    return Ok(payload);
                }
                r?;
            }
        }
    }
    Ok(out)
}

/// Whether a payload starts like markup or text (a crawler stored it decoded).
fn looks_like_text(b: &[u8]) -> bool {
    let head = &b[..b.len().min(512)];
    let t = head.trim_ascii_start();
    t.starts_with(b"<")
        || head
            .iter()
            .all(|&c| c >= 0x20 || c == b'\n' || c == b'\r' || c == b'\t')
}

/// The media type of a Content-Type value, lowercased (`text/html`).
pub(crate) fn mime(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a Content-Type value, as written.
pub(crate) fn charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(|c| c == '"' || c == '\''))
            .filter(|v| !v.is_empty())
    })
}

/// Whether a media type is HTML.
pub(crate) fn is_html_mime(mime: &str) -> bool {
    matches!(
        mime,
        "text/html" | "application/xhtml+xml" | "application/xhtml"
    )
}

/// Whether a payload without a usable Content-Type starts like an HTML page.
pub(crate) fn sniff_html(payload: &[u8]) -> bool {
    let mut b = &payload[..payload.len().min(1024)];
    b = b
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(b)
        .trim_ascii_start();
    let lower: Vec<u8> = b.iter().take(64).map(u8::to_ascii_lowercase).collect();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<!--",
        b"<body",
        b"<title",
        b"<meta",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_and_fields() {
        let block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=utf-8\r\nX: y\r\n\r\n<p>hi";
        let (h, body) = parse_head(block).unwrap();
        assert_eq!(h.status, 200);
        assert_eq!(h.reason, "OK");
        assert_eq!(h.get("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(body, b"<p>hi");
        assert_eq!(parse_head(b"GARBAGE\r\n\r\n"), Err(SkipReason::BadHttp));
        assert_eq!(
            parse_head(b"HTTP/1.1 abc\r\n\r\n"),
            Err(SkipReason::BadHttp)
        );
        let (h, body) = parse_head(b"HTTP/1.0 404\n\nx").unwrap();
        assert_eq!((h.status, h.reason.as_str(), body), (404, "", &b"x"[..]));
    }

    #[test]
    fn chunked() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n").unwrap(),
            Some(b"Wikipedia".to_vec())
        );
        assert_eq!(dechunk(b"<html>not chunked</html>").unwrap(), None);
        assert_eq!(dechunk(b"a\r\nshort"), Err(SkipReason::BadEncoding));
        assert_eq!(
            dechunk(b"3\r\nabc\r\n").unwrap(),
            Some(b"abc".to_vec()),
            "cut after a whole chunk"
        );
    }

    #[test]
    fn content_codings() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<p>hello</p>").unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(
            decode(gz.clone(), Coding::Gzip, 100).unwrap(),
            b"<p>hello</p>"
        );
        assert_eq!(decode(gz, Coding::Gzip, 5), Err(SkipReason::TooLarge));
        assert_eq!(
            decode(b"<p>stored decoded</p>".to_vec(), Coding::Gzip, 100).unwrap(),
            b"<p>stored decoded</p>"
        );
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(b"zlib body").unwrap();
        assert_eq!(
            decode(z.finish().unwrap(), Coding::Deflate, 100).unwrap(),
            b"zlib body"
        );
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        d.write_all(b"raw body").unwrap();
        assert_eq!(
            decode(d.finish().unwrap(), Coding::Deflate, 100).unwrap(),
            b"raw body"
        );
        assert_eq!(
            decode(b"\x1f\x8b\x08\x00garbage".to_vec(), Coding::Gzip, 100),
            Err(SkipReason::BadEncoding)
        );
        assert_eq!(
            codings("gzip, deflate").unwrap(),
            vec![Coding::Gzip, Coding::Deflate]
        );
        assert_eq!(codings("br"), Err(SkipReason::UnsupportedEncoding));
    }

    #[test]
    fn content_type_parts() {
        assert_eq!(mime("Text/HTML; charset=UTF-8"), "text/html");
        assert_eq!(
            charset("text/html; Charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(charset("text/html"), None);
        assert!(sniff_html(b"\xef\xbb\xbf  <!DOCTYPE html><html>"));
        assert!(!sniff_html(b"%PDF-1.4"));
    }
}
