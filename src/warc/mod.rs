//! Web archives in, records out: a streaming WARC reader.
//!
//! ```
//! use newsprep::warc::{Entry, ReaderConfig, WarcReader};
//!
//! let html = "<html><body><p>Hello</p></body></html>";
//! let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
//! let warc = format!(
//!     "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/a\r\n\
//!      WARC-Date: 2024-03-05T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
//!      Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
//!     http.len()
//! );
//! let mut reader = WarcReader::new(warc.as_bytes(), ReaderConfig::default()).unwrap();
//! let Some(Entry::Record(r)) = reader.next_entry().unwrap() else { panic!() };
//! assert_eq!(r.target_uri.as_deref(), Some("https://example.com/a"));
//! assert_eq!(r.http.as_ref().unwrap().status, 200);
//! assert_eq!(r.payload, html.as_bytes());
//! assert!(reader.next_entry().unwrap().is_none());
//! assert_eq!(reader.counts().records, 1);
//! ```
//!
//! * **Input**: `.warc` or `.warc.gz` from any [`Read`] (a file, a socket, a
//!   Python file object through the bindings). Gzip is recognised by its
//!   magic bytes, whatever the file is called: one member per record (the
//!   convention), several records per member, or the whole file in one member.
//! * **Bounded memory**: the reader holds one record at a time plus a read
//!   buffer; a record whose block is over [`ReaderConfig::max_record_bytes`]
//!   is skipped without being loaded (reason `too-large`), and so is a
//!   payload that decodes to more than that.
//! * **Records**: type, target URI, date, record id, content type, WARC
//!   headers; for `response` records the HTTP status and headers, and the
//!   payload with `Transfer-Encoding: chunked` and `Content-Encoding:
//!   gzip`/`deflate` undone (a payload that does not carry the encoding's
//!   signature was stored decoded by the crawler and is kept as it is; an
//!   HTML payload that carries the gzip signature undeclared is decoded).
//!   [`Record::html`] decodes an HTML payload with the charset of the HTTP
//!   `Content-Type` as the transport charset ([`crate::html::charset::decode`]).
//! * **Nothing lost silently**: every record is returned or skipped with a
//!   [`SkipReason`], counted in [`Counts`]; damage is skipped and the rest of
//!   the archive is still read: an archive that ends inside a record
//!   (`truncated`), a gzip member that does not decode or fails its CRC
//!   (`corrupt-gzip`: reading resumes at the next member), bytes that are not
//!   a record (`junk`: reading resumes at the next `WARC/` line), a block
//!   not followed by the record end (`bad-content-length`: reading resumes
//!   at the next record, searched for from the start of the block), and the
//!   records a filter leaves out (`record-type`, `revisit`, `not-html`,
//!   `http-status`). Nothing panics on any input.
//!
//! The batch driver [`ArticleReader`] turns the HTML records into
//! [`crate::Article`]s in parallel, a batch at a time.

mod articles;
mod http;
mod input;

use std::io::Read;

pub use articles::{ArticleReader, ArticleRow, Summary};
pub use http::HttpHead;

use crate::error::{Error, ErrorKind, Result};
use input::{Fill, Input};

/// Longest WARC header block accepted.
const MAX_WARC_HEAD: usize = 256 * 1024;

/// Why a record (or a stretch of the archive) was not returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// A record of a type not asked for (request, metadata, warcinfo ...).
    RecordType,
    /// A `revisit` record (it refers to an earlier capture, no payload of its own).
    Revisit,
    /// The payload is not HTML (by its content type, or by its bytes: a PDF,
    /// an image or an archive served as `text/html`).
    NotHtml,
    /// An HTTP status outside 200-299 (redirects, errors), when asked.
    HttpStatus,
    /// The record (or its decoded payload) is over the size limit.
    TooLarge,
    /// The archive ends inside the record.
    Truncated,
    /// A gzip member that does not decode or fails its CRC check.
    CorruptGzip,
    /// Bytes that are not a WARC record (or not a gzip member).
    Junk,
    /// A WARC header block that cannot be read (no Content-Length ...).
    BadHeader,
    /// The block is not followed by the end of the record: its
    /// Content-Length is wrong.
    BadContentLength,
    /// A response record whose block is not an HTTP response.
    BadHttp,
    /// A chunked or gzip/deflate payload that does not decode.
    BadEncoding,
    /// A content encoding newsprep does not decode (br, zstd ...).
    UnsupportedEncoding,
    /// An HTML page in which the extractor found no article text
    /// ([`ArticleReader`] only).
    NoText,
}

impl SkipReason {
    /// Every reason, in a stable order.
    pub const ALL: [SkipReason; 14] = [
        SkipReason::RecordType,
        SkipReason::Revisit,
        SkipReason::NotHtml,
        SkipReason::HttpStatus,
        SkipReason::TooLarge,
        SkipReason::Truncated,
        SkipReason::CorruptGzip,
        SkipReason::Junk,
        SkipReason::BadHeader,
        SkipReason::BadContentLength,
        SkipReason::BadHttp,
        SkipReason::BadEncoding,
        SkipReason::UnsupportedEncoding,
        SkipReason::NoText,
    ];

    /// A short stable id (`"not-html"`, `"corrupt-gzip"` ...).
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::RecordType => "record-type",
            SkipReason::Revisit => "revisit",
            SkipReason::NotHtml => "not-html",
            SkipReason::HttpStatus => "http-status",
            SkipReason::TooLarge => "too-large",
            SkipReason::Truncated => "truncated",
            SkipReason::CorruptGzip => "corrupt-gzip",
            SkipReason::Junk => "junk",
            SkipReason::BadHeader => "bad-header",
            SkipReason::BadContentLength => "bad-content-length",
            SkipReason::BadHttp => "bad-http",
            SkipReason::BadEncoding => "bad-encoding",
            SkipReason::UnsupportedEncoding => "unsupported-encoding",
            SkipReason::NoText => "no-text",
        }
    }

    fn index(self) -> usize {
        SkipReason::ALL.iter().position(|&r| r == self).unwrap_or(0)
    }
}

/// What to return and what to skip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReaderConfig {
    /// The record types to return (`"response"`, `"resource"`, `"request"`
    /// ...); `None` for every type. Default: `["response"]`.
    pub record_types: Option<Vec<String>>,
    /// Return only records whose payload is HTML (by the HTTP `Content-Type`
    /// of a response, the WARC `Content-Type` of a resource, or, without a
    /// usable one, the payload's first bytes). Default true.
    pub html_only: bool,
    /// Return only responses with a 2xx status. Default false.
    pub ok_status_only: bool,
    /// Records whose block is larger are skipped unread (`too-large`), and
    /// so are payloads that decode to more. Default 16 MiB.
    pub max_record_bytes: usize,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            record_types: Some(vec!["response".to_string()]),
            html_only: true,
            ok_status_only: false,
            max_record_bytes: 16 << 20,
        }
    }
}

/// One WARC record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// `WARC-Type` (`response`, `request`, `resource`, `revisit` ...).
    pub warc_type: String,
    /// `WARC-Target-URI`: the URL captured.
    pub target_uri: Option<String>,
    /// `WARC-Date`: when it was captured (ISO 8601, as written).
    pub date: Option<String>,
    /// `WARC-Record-ID` (`<urn:uuid:...>`).
    pub record_id: Option<String>,
    /// The record's `Content-Type` (`application/http; msgtype=response`).
    pub content_type: Option<String>,
    /// Every WARC header, in order.
    pub warc_headers: Vec<(String, String)>,
    /// The HTTP status and headers (response and revisit records).
    pub http: Option<HttpHead>,
    /// The payload: for an HTTP response its body with transfer and content
    /// encodings undone, else the record's whole block.
    pub payload: Vec<u8>,
    /// Where the record starts in the (decompressed) archive.
    pub offset: u64,
}

impl Record {
    /// The media type's `charset` parameter (HTTP `Content-Type` of a
    /// response, the record's own for other types).
    pub fn charset(&self) -> Option<&str> {
        self.payload_content_type().and_then(http::charset)
    }

    /// The `Content-Type` that describes the payload.
    pub fn payload_content_type(&self) -> Option<&str> {
        match &self.http {
            Some(h) => h.get("content-type"),
            None => self.content_type.as_deref(),
        }
    }

    /// The payload decoded as text with [`crate::html::charset::decode`],
    /// the HTTP charset as the transport charset.
    pub fn html(&self) -> std::borrow::Cow<'_, str> {
        crate::html::charset::decode(&self.payload, self.charset()).text
    }

    /// The first WARC header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.warc_headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A record (or stretch of the archive) that was not returned, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Why.
    pub reason: SkipReason,
    /// Where it starts in the (decompressed) archive.
    pub offset: u64,
    /// The record's `WARC-Type`, when its header was read.
    pub warc_type: Option<String>,
    /// Its `WARC-Target-URI`, when known.
    pub target_uri: Option<String>,
    /// Its `WARC-Record-ID`, when known.
    pub record_id: Option<String>,
}

/// One step of the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A record that passed the filters.
    Record(Record),
    /// A record or stretch of bytes that was skipped.
    Skipped(Skipped),
}

/// What a reader has seen so far. `records` is every record read plus every
/// stretch of damage: `returned + skipped` (summed over reasons).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records returned plus records and stretches skipped.
    pub records: u64,
    /// Records returned.
    pub returned: u64,
    skipped: [u64; SkipReason::ALL.len()],
}

impl Counts {
    /// How many were skipped for `reason`.
    pub fn skipped(&self, reason: SkipReason) -> u64 {
        self.skipped[reason.index()]
    }

    /// The non-zero skip counts, in [`SkipReason::ALL`] order.
    pub fn skipped_by_reason(&self) -> Vec<(SkipReason, u64)> {
        SkipReason::ALL
            .iter()
            .map(|&r| (r, self.skipped(r)))
            .filter(|&(_, n)| n > 0)
            .collect()
    }

    /// Every skip, summed over reasons.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.iter().sum()
    }

    fn skip(&mut self, reason: SkipReason) {
        self.records += 1;
        self.skipped[reason.index()] += 1;
    }
}

/// The WARC header of a record being read.
struct Head {
    offset: u64,
    warc_type: String,
    fields: Vec<(String, String)>,
    length: Option<usize>,
}

impl Head {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `WARC-Target-URI` without the angle brackets the WARC/1.0 grammar
    /// wrote around it (`<https://example.com/a>`; some writers keep them,
    /// and the 1.1 standard asks readers to accept both).
    fn target_uri(&self) -> Option<String> {
        let v = self.get("WARC-Target-URI")?.trim();
        let v = v
            .strip_prefix('<')
            .and_then(|u| u.strip_suffix('>'))
            .unwrap_or(v);
        Some(v.to_string())
    }

    fn skipped(&self, reason: SkipReason) -> Skipped {
        Skipped {
            reason,
            offset: self.offset,
            warc_type: Some(self.warc_type.clone()),
            target_uri: self.target_uri(),
            record_id: self.get("WARC-Record-ID").map(str::to_string),
        }
    }
}

/// How a wait for more bytes ended.
enum Need {
    Ok,
    Eof,
    Broken(SkipReason),
}

/// A streaming WARC reader: see the module docs.
pub struct WarcReader<R> {
    input: Input<R>,
    config: ReaderConfig,
    counts: Counts,
    pending: std::collections::VecDeque<Skipped>,
    done: bool,
}

impl WarcReader<std::fs::File> {
    /// Opens the archive at `path`.
    pub fn open(path: impl AsRef<std::path::Path>, config: ReaderConfig) -> Result<Self> {
        let path = path.as_ref();
        let f = std::fs::File::open(path)
            .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", path.display())))?;
        WarcReader::new(f, config).map_err(|e| {
            Error::new(
                e.kind().clone(),
                format!("{}: {}", path.display(), e.message()),
            )
        })
    }
}

fn not_a_warc(head: &[u8]) -> Error {
    let shown: String = String::from_utf8_lossy(&head[..head.len().min(40)])
        .chars()
        .map(|c| if c.is_control() { '.' } else { c })
        .collect();
    Error::new(
        ErrorKind::Format,
        format!(
            "not a WARC archive: no WARC record in its first {} KiB (it starts with {shown:?}); \
             give a .warc or .warc.gz file",
            input::CHUNK / 1024
        ),
    )
}

impl<R: Read> WarcReader<R> {
    /// A reader over `src`. Fails with [`ErrorKind::Format`] when the start
    /// of the stream is not a WARC archive (plain or gzip), and with
    /// [`ErrorKind::Io`] when reading fails.
    pub fn new(src: R, config: ReaderConfig) -> Result<Self> {
        let mut r = WarcReader {
            input: Input::new(src)?,
            config,
            counts: Counts::default(),
            pending: Default::default(),
            done: false,
        };
        // Look at the first chunk: a WARC archive starts with a record (a
        // damaged one may start with junk, but shows a record soon).
        let mut damaged = false;
        while r.input.available().len() < 16 {
            match r.input.fill()? {
                Fill::Data => {}
                Fill::Eof => break,
                _ => {
                    damaged = true;
                    break;
                }
            }
        }
        if !damaged {
            let a = r.input.available();
            let t = a.trim_ascii_start();
            let looks = t.is_empty()
                || t.starts_with(b"WARC/")
                || (b"WARC/".starts_with(t))
                || memchr::memmem::find(a, b"\nWARC/1.").is_some()
                || memchr::memmem::find(a, b"\nWARC/0.").is_some();
            if !looks {
                // Give it the rest of the first chunk before deciding.
                while r.input.available().len() < input::CHUNK {
                    match r.input.fill()? {
                        Fill::Data => {}
                        _ => break,
                    }
                }
                let a = r.input.available();
                if memchr::memmem::find(a, b"\nWARC/1.").is_none()
                    && memchr::memmem::find(a, b"\nWARC/0.").is_none()
                {
                    return Err(not_a_warc(a));
                }
            }
        }
        Ok(r)
    }

    /// The counts so far.
    pub fn counts(&self) -> &Counts {
        &self.counts
    }

    /// The configuration.
    pub fn config(&self) -> &ReaderConfig {
        &self.config
    }

    /// Bytes read from the source so far (compressed bytes for `.warc.gz`).
    pub fn source_bytes(&self) -> u64 {
        self.input.source_bytes()
    }

    /// Whether the source is gzip-compressed.
    pub fn is_gzip(&self) -> bool {
        self.input.is_gzip()
    }

    /// Bytes of the (decompressed) archive read so far.
    pub fn archive_bytes(&self) -> u64 {
        self.input.offset()
    }

    /// The next record that passes the filters, skipping (and counting) the rest.
    pub fn next_record(&mut self) -> Result<Option<Record>> {
        loop {
            match self.next_entry()? {
                None => return Ok(None),
                Some(Entry::Record(r)) => return Ok(Some(r)),
                Some(Entry::Skipped(_)) => {}
            }
        }
    }

    fn skip(&mut self, s: Skipped) -> Result<Option<Entry>> {
        self.counts.skip(s.reason);
        Ok(Some(Entry::Skipped(s)))
    }

    fn bare(&self, reason: SkipReason, offset: u64) -> Skipped {
        Skipped {
            reason,
            offset,
            warc_type: None,
            target_uri: None,
            record_id: None,
        }
    }

    fn need(&mut self, n: usize) -> Result<Need> {
        while self.input.available().len() < n {
            match self.input.fill()? {
                Fill::Data => {}
                Fill::Eof => return Ok(Need::Eof),
                Fill::Truncated => return Ok(Need::Broken(SkipReason::Truncated)),
                Fill::Corrupt => return Ok(Need::Broken(SkipReason::CorruptGzip)),
                Fill::Junk => return Ok(Need::Broken(SkipReason::Junk)),
            }
        }
        Ok(Need::Ok)
    }

    /// Queues the damage met while searching (a corrupt member, ...).
    fn note(&mut self, reason: SkipReason) {
        let offset = self.input.offset();
        if reason == SkipReason::Truncated {
            self.done = true;
        }
        self.pending.push_back(self.bare(reason, offset));
    }

    /// Moves to the next line starting `WARC/` (or the start of a gzip member
    /// that starts so); damage met on the way is queued.
    fn resync(&mut self) -> Result<()> {
        loop {
            let a = self.input.available();
            if let Some(i) = memchr::memmem::find(a, b"\nWARC/") {
                self.input.consume(i + 1);
                return Ok(());
            }
            let keep = a.len().min(5);
            let n = a.len() - keep;
            self.input.consume(n);
            match self.input.fill()? {
                Fill::Data => {
                    if self.input.new_member && self.input.available()[keep..].starts_with(b"WARC/")
                    {
                        self.input.consume(keep);
                        return Ok(());
                    }
                }
                Fill::Eof => {
                    let n = self.input.available().len();
                    self.input.consume(n);
                    self.done = true;
                    return Ok(());
                }
                Fill::Truncated => {
                    let n = self.input.available().len();
                    self.input.consume(n);
                    self.note(SkipReason::Truncated);
                    return Ok(());
                }
                Fill::Corrupt => self.note(SkipReason::CorruptGzip),
                Fill::Junk => {}
            }
        }
    }

    /// The next record or skip; `None` at the end of the archive.
    pub fn next_entry(&mut self) -> Result<Option<Entry>> {
        loop {
            if let Some(s) = self.pending.pop_front() {
                return self.skip(s);
            }
            if self.done {
                return Ok(None);
            }
            if let Some(e) = self.step()? {
                return Ok(Some(e));
            }
        }
    }

    /// One record, or `None` when only pending skips (or nothing) resulted.
    fn step(&mut self) -> Result<Option<Entry>> {
        // Blank lines between records.
        loop {
            match self.need(1)? {
                Need::Ok => {}
                Need::Eof => {
                    self.done = true;
                    return Ok(None);
                }
                Need::Broken(r) => {
                    self.note(r);
                    return Ok(None);
                }
            }
            let a = self.input.available();
            let k = a.iter().take_while(|&&c| c == b'\r' || c == b'\n').count();
            let all = k == a.len();
            self.input.consume(k);
            if !all {
                break;
            }
        }
        let offset = self.input.offset();
        match self.need(5)? {
            Need::Ok => {}
            Need::Eof => {
                let n = self.input.available().len();
                self.input.consume(n);
                self.done = true;
                return self.skip(self.bare(SkipReason::Junk, offset));
            }
            Need::Broken(r) => {
                self.note(r);
                return Ok(None);
            }
        }
        if !self.input.available().starts_with(b"WARC/") {
            self.resync()?;
            return self.skip(self.bare(SkipReason::Junk, offset));
        }
        // The header block.
        let head_len = loop {
            let a = self.input.available();
            let window = &a[..a.len().min(MAX_WARC_HEAD)];
            if let Some(end) = http::head_end(window) {
                break end;
            }
            if a.len() >= MAX_WARC_HEAD {
                self.input.consume(1);
                self.resync()?;
                return self.skip(self.bare(SkipReason::BadHeader, offset));
            }
            match self.input.fill()? {
                Fill::Data => {}
                Fill::Eof | Fill::Truncated => {
                    let n = self.input.available().len();
                    self.input.consume(n);
                    self.done = true;
                    return self.skip(self.bare(SkipReason::Truncated, offset));
                }
                Fill::Corrupt => return self.skip(self.bare(SkipReason::CorruptGzip, offset)),
                Fill::Junk => return self.skip(self.bare(SkipReason::Junk, offset)),
            }
        };
        let head = {
            let a = &self.input.available()[..head_len];
            let first = memchr::memchr(b'\n', a).unwrap_or(a.len());
            let fields = http::parse_fields(&a[first..]);
            let mut h = Head {
                offset,
                warc_type: String::new(),
                fields,
                length: None,
            };
            h.warc_type = h.get("WARC-Type").unwrap_or("").to_string();
            h.length = h
                .get("Content-Length")
                .and_then(|v| v.trim().parse::<u64>().ok())
                .and_then(|v| usize::try_from(v).ok());
            h
        };
        self.input.consume(head_len);
        let Some(length) = head.length else {
            self.resync()?;
            return self.skip(head.skipped(SkipReason::BadHeader));
        };
        // The block: loaded, or discarded when too large.
        let too_large = length > self.config.max_record_bytes;
        let mut block = Vec::new();
        let mut left = length;
        let started_member = self.input.new_member;
        while left > 0 {
            let a = self.input.available();
            let take = a.len().min(left);
            if !too_large {
                block.extend_from_slice(&a[..take]);
            }
            self.input.consume(take);
            left -= take;
            if left == 0 {
                break;
            }
            match self.input.fill()? {
                Fill::Data => {
                    // A new gzip member that starts a record inside a record
                    // being discarded: its length was wrong.
                    if too_large
                        && started_member
                        && self.input.new_member
                        && self.input.available().starts_with(b"WARC/")
                    {
                        return self.skip(head.skipped(SkipReason::BadContentLength));
                    }
                }
                Fill::Eof | Fill::Truncated => {
                    self.done = true;
                    return self.skip(head.skipped(SkipReason::Truncated));
                }
                Fill::Corrupt => return self.skip(head.skipped(SkipReason::CorruptGzip)),
                Fill::Junk => {
                    self.resync()?;
                    return self.skip(head.skipped(SkipReason::Junk));
                }
            }
        }
        // The record end: CRLF CRLF (a bare LF LF, or the end of the archive, is accepted).
        let trailer = match self.need(4)? {
            Need::Ok => {
                let a = self.input.available();
                if a.starts_with(b"\r\n\r\n") {
                    Some(4)
                } else if a.starts_with(b"\n\n") {
                    Some(2)
                } else if a.starts_with(b"\r\nWARC/") || a.starts_with(b"\nWARC/") {
                    Some(a.iter().take_while(|&&c| c == b'\r' || c == b'\n').count())
                } else {
                    None
                }
            }
            Need::Eof => {
                let a = self.input.available();
                a.iter()
                    .all(|&c| c == b'\r' || c == b'\n')
                    .then_some(a.len())
            }
            Need::Broken(SkipReason::Junk) => {
                // The member ended right after the block; junk follows.
                self.note(SkipReason::Junk);
                Some(0)
            }
            Need::Broken(r) => {
                if r == SkipReason::Truncated {
                    self.done = true;
                }
                return self.skip(head.skipped(r));
            }
        };
        let Some(trailer) = trailer else {
            if too_large {
                self.resync()?;
                return self.skip(head.skipped(SkipReason::TooLarge));
            }
            // The stated length is wrong: look for the next record from the
            // start of the block.
            self.input.unread(&block);
            self.resync()?;
            return self.skip(head.skipped(SkipReason::BadContentLength));
        };
        self.input.consume(trailer);
        // A record stored in one gzip member counts only once the member's
        // CRC has been checked (see `input`).
        if self.input.mid_member() && self.input.available().is_empty() {
            match self.input.fill()? {
                Fill::Data | Fill::Eof => {}
                Fill::Junk => self.note(SkipReason::Junk),
                Fill::Truncated => {
                    self.done = true;
                    return self.skip(head.skipped(SkipReason::Truncated));
                }
                Fill::Corrupt => return self.skip(head.skipped(SkipReason::CorruptGzip)),
            }
        }
        if too_large {
            return self.skip(head.skipped(SkipReason::TooLarge));
        }
        match self.build(&head, block) {
            Ok(record) => {
                self.counts.records += 1;
                self.counts.returned += 1;
                Ok(Some(Entry::Record(record)))
            }
            Err(reason) => self.skip(head.skipped(reason)),
        }
    }

    /// Applies the filters and decodes the payload.
    fn build(&self, head: &Head, block: Vec<u8>) -> std::result::Result<Record, SkipReason> {
        let t = head.warc_type.as_str();
        if let Some(types) = &self.config.record_types {
            if !types.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                return Err(if t.eq_ignore_ascii_case("revisit") {
                    SkipReason::Revisit
                } else {
                    SkipReason::RecordType
                });
            }
        }
        let content_type = head.get("Content-Type").map(str::to_string);
        let is_response = t.eq_ignore_ascii_case("response");
        let http_block = block.starts_with(b"HTTP/")
            && (is_response || t.eq_ignore_ascii_case("revisit"))
            || is_response
                && content_type
                    .as_deref()
                    .is_some_and(|c| http::mime(c) == "application/http");
        let html_kind = is_response || t.eq_ignore_ascii_case("resource");
        if self.config.html_only && !html_kind {
            return Err(SkipReason::NotHtml);
        }
        let mut record = Record {
            warc_type: head.warc_type.clone(),
            target_uri: head.target_uri(),
            date: head.get("WARC-Date").map(str::to_string),
            record_id: head.get("WARC-Record-ID").map(str::to_string),
            content_type,
            warc_headers: head.fields.clone(),
            http: None,
            payload: Vec::new(),
            offset: head.offset,
        };
        if !http_block {
            record.payload = block;
            if self.config.html_only && !self.payload_is_html(&record) {
                return Err(SkipReason::NotHtml);
            }
            return Ok(record);
        }
        let (h, body) = match http::parse_head(&block) {
            Ok(x) => x,
            Err(r) if is_response => return Err(r),
            Err(_) => {
                record.payload = block;
                return Ok(record);
            }
        };
        if self.config.ok_status_only && !(200..300).contains(&h.status) {
            return Err(SkipReason::HttpStatus);
        }
        let declared = h.get("content-type").map(http::mime).unwrap_or_default();
        if self.config.html_only
            && !declared.is_empty()
            && !http::is_html_mime(&declared)
            && !matches!(
                declared.as_str(),
                "application/octet-stream"
                    | "text/plain"
                    | "unknown/unknown"
                    | "application/unknown"
            )
        {
            return Err(SkipReason::NotHtml);
        }
        let mut payload = body.to_vec();
        drop(block);
        if h.get("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"))
        {
            if let Some(d) = http::dechunk(&payload)? {
                payload = d;
            }
        }
        if let Some(enc) = h.get("content-encoding") {
            for coding in http::codings(enc)?.into_iter().rev() {
                payload = http::decode(payload, coding, self.config.max_record_bytes)?;
            }
        }
        // A gzip body its headers do not declare (a crawler that dropped the
        // header, a server that compressed twice): HTML never begins 1f 8b.
        if self.config.html_only && payload.starts_with(&[0x1f, 0x8b]) {
            payload = http::decode(payload, http::Coding::Gzip, self.config.max_record_bytes)?;
        }
        record.http = Some(h);
        record.payload = payload;
        if self.config.html_only && !self.payload_is_html(&record) {
            return Err(SkipReason::NotHtml);
        }
        Ok(record)
    }

    /// Whether the payload is HTML: declared so (or sniffed as such) and not
    /// bytes that are plainly something else (a PDF, an image, an archive
    /// served as `text/html`: [`crate::html::charset::check_bytes`]).
    fn payload_is_html(&self, r: &Record) -> bool {
        let declared = r.payload_content_type().map(http::mime).unwrap_or_default();
        (http::is_html_mime(&declared) || http::sniff_html(&r.payload))
            && crate::html::charset::check_bytes(&r.payload).is_ok()
    }
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Result<Entry>;

    fn next(&mut self) -> Option<Result<Entry>> {
        match self.next_entry() {
            Ok(e) => e.map(Ok),
            Err(e) => {
                self.done = true;
                self.pending.clear();
                Some(Err(e))
            }
        }
    }
}

/// The fuzz target: reads `data` to the end with the default filters and
/// with none, and checks that nothing panics, that every step consumes
/// input (no endless loop) and that the counts add up.
#[doc(hidden)]
pub fn fuzz_read(data: &[u8]) {
    let everything = ReaderConfig {
        record_types: None,
        html_only: false,
        ..ReaderConfig::default()
    };
    for config in [ReaderConfig::default(), everything] {
        let Ok(mut r) = WarcReader::new(data, config) else {
            continue;
        };
        let mut steps = 0usize;
        while r
            .next_entry()
            .expect("reading from memory cannot fail")
            .is_some()
        {
            steps += 1;
            assert!(steps <= data.len() + 2, "more entries than bytes");
        }
        let c = r.counts();
        assert_eq!(c.records, c.returned + c.skipped_total());
    }
}

#[cfg(test)]
mod tests;
