//! The byte stream under the WARC parser: plain bytes, or gzip members
//! decoded one at a time, with resynchronisation after a corrupt member.
//!
//! Gzip is decoded by hand (header, raw deflate, CRC-32 and length trailer)
//! rather than with a multi-member decoder, because the WARC layer needs to
//! know where members start and end and what went wrong:
//!
//! * a fill never crosses a member boundary, and the last bytes of a member
//!   are handed out only after its CRC-32 and length were checked, so a
//!   record stored in one member (the `.warc.gz` convention) is never
//!   returned from a member that fails its check;
//! * a member that does not decode is reported once ([`Fill::Corrupt`]); the
//!   decoder then searches for the next gzip header from the byte after the
//!   corrupt member's start (when that is still buffered) and goes on;
//! * bytes between members that are not a gzip header are reported once as
//!   junk, and skipped the same way.
//!
//! The inflater is flate2's zlib-rs backend (pure Rust). Measured against
//! flate2's miniz_oxide backend by inflating the per-record gzip members of
//! an archive of the 426 dev pages (29.7 MB uncompressed, 3 interleaved rounds,
//! load average 9 on 2 cores): 212-256 MB/s against 158-187 MB/s, 1.3x.
//!
//! Memory is bounded: the compressed buffer holds [`CHUNK`] bytes plus at most
//! [`REWIND_MAX`] bytes of the current member (kept for the resync), the
//! decompressed buffer what the parser has not consumed plus one chunk.

use std::io::{self, Read};

use flate2::{Crc, Decompress, FlushDecompress, Status};

/// Bytes read from the source, and decompressed, per fill.
pub(crate) const CHUNK: usize = 256 * 1024;

/// How much of a member's compressed bytes is kept to restart the search for
/// the next member from its start after it turns out corrupt.
pub(crate) const REWIND_MAX: usize = 8 << 20;

/// Longest gzip header accepted (file name and comment included).
const MAX_GZIP_HEADER: usize = 64 * 1024;

/// What a fill brought.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fill {
    /// New bytes (possibly none, when a member ended or a header was read:
    /// call again).
    Data,
    /// The end of the stream.
    Eof,
    /// The stream ended inside a gzip member.
    Truncated,
    /// A gzip member did not decode (or failed its CRC/length check): its
    /// unread output was dropped and decoding resumes at the next member.
    Corrupt,
    /// Bytes between gzip members that are not a gzip header: skipped.
    Junk,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gz {
    /// Expecting a member header (or the end of the stream).
    Between,
    /// Searching for the next gzip header after junk or a corrupt member.
    Scanning,
    /// Inside a member's deflate stream.
    Body,
    /// The deflate stream ended: the 8-byte trailer follows.
    Trailer,
    /// Nothing more.
    Done,
}

/// A byte stream with a decompressed buffer the parser reads from.
pub(crate) struct Input<R> {
    src: R,
    gzip: bool,
    /// Compressed bytes (gzip only): `cbuf[cpos..]` not yet decoded.
    cbuf: Vec<u8>,
    cpos: usize,
    ceof: bool,
    /// Where the current member starts in `cbuf`, while it is still there.
    member_start: Option<usize>,
    /// Whether the current member was found by scanning (after junk or a
    /// corrupt member): a failure before any output is then not reported
    /// again (the "header" was a chance match).
    member_scanned: bool,
    member_out: u64,
    state: Gz,
    inflate: Decompress,
    crc: Crc,
    /// Decompressed bytes: `buf[pos..]` not yet consumed.
    buf: Vec<u8>,
    pos: usize,
    /// Where the current member's output starts in `buf` (gzip).
    member_buf_start: usize,
    /// Decompressed bytes consumed so far (the stream offset of `buf[pos]`).
    offset: u64,
    /// Compressed bytes taken from the source so far.
    src_bytes: u64,
    /// Set by a fill that started a new gzip member.
    pub(crate) new_member: bool,
    /// Set when the source had an I/O error.
    failed: bool,
}

fn is_gzip_magic(b: &[u8]) -> bool {
    b.len() >= 4 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 8 && b[3] & 0xe0 == 0
}

impl<R: Read> Input<R> {
    /// Wraps `src`, sniffing gzip from its first bytes.
    pub(crate) fn new(mut src: R) -> io::Result<Input<R>> {
        let mut head = vec![0u8; CHUNK];
        let mut n = 0;
        // Read until we have a few bytes (a source may return short reads).
        while n < 4 {
            match src.read(&mut head[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        head.truncate(n);
        let gzip = n >= 2 && head[0] == 0x1f && head[1] == 0x8b;
        let mut input = Input {
            src,
            gzip,
            cbuf: Vec::new(),
            cpos: 0,
            ceof: n == 0,
            member_start: None,
            member_scanned: false,
            member_out: 0,
            state: Gz::Between,
            inflate: Decompress::new(false),
            crc: Crc::new(),
            buf: Vec::new(),
            pos: 0,
            member_buf_start: 0,
            offset: 0,
            src_bytes: n as u64,
            new_member: false,
            failed: false,
        };
        if gzip {
            input.cbuf = head;
        } else {
            input.buf = head;
        }
        Ok(input)
    }

    /// Whether the source is gzip-compressed.
    pub(crate) fn is_gzip(&self) -> bool {
        self.gzip
    }

    /// Whether a gzip member is being decoded (its end not yet checked).
    pub(crate) fn mid_member(&self) -> bool {
        matches!(self.state, Gz::Body | Gz::Trailer)
    }

    /// The bytes not yet consumed.
    #[inline]
    pub(crate) fn available(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    /// Consumes `n` available bytes.
    #[inline]
    pub(crate) fn consume(&mut self, n: usize) {
        debug_assert!(n <= self.buf.len() - self.pos);
        self.pos += n;
        self.offset += n as u64;
    }

    /// The decompressed stream offset of the next available byte.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// Compressed (on-disk) bytes read from the source so far.
    pub(crate) fn source_bytes(&self) -> u64 {
        self.src_bytes
    }

    /// Puts `data` back in front of the available bytes (it was consumed
    /// just before): the parser re-reads it after a wrong record length.
    pub(crate) fn unread(&mut self, data: &[u8]) {
        if data.len() <= self.pos {
            self.pos -= data.len();
            self.buf[self.pos..self.pos + data.len()].copy_from_slice(data);
        } else {
            let mut v = Vec::with_capacity(data.len() + self.buf.len() - self.pos);
            v.extend_from_slice(data);
            v.extend_from_slice(&self.buf[self.pos..]);
            self.member_buf_start = 0;
            self.buf = v;
            self.pos = 0;
        }
        self.offset -= data.len() as u64;
    }

    /// Drops consumed bytes from the front of the buffer.
    fn compact(&mut self) {
        if self.pos == 0 {
            return;
        }
        self.buf.drain(..self.pos);
        self.member_buf_start = self.member_buf_start.saturating_sub(self.pos);
        self.pos = 0;
    }

    /// Reads from the source into `dst`, retrying on `Interrupted`.
    fn read_src(src: &mut R, dst: &mut [u8], failed: &mut bool) -> io::Result<usize> {
        loop {
            match src.read(dst) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    *failed = true;
                    return Err(e);
                }
            }
        }
    }

    /// Adds bytes to the buffer (at most about one [`CHUNK`]).
    pub(crate) fn fill(&mut self) -> io::Result<Fill> {
        self.new_member = false;
        if self.failed {
            return Ok(Fill::Eof);
        }
        self.compact();
        if !self.gzip {
            if self.ceof {
                return Ok(Fill::Eof);
            }
            let old = self.buf.len();
            self.buf.resize(old + CHUNK, 0);
            let r = Self::read_src(&mut self.src, &mut self.buf[old..], &mut self.failed);
            let n = *r.as_ref().unwrap_or(&0);
            self.buf.truncate(old + n);
            r?;
            self.src_bytes += n as u64;
            if n == 0 {
                self.ceof = true;
                return Ok(Fill::Eof);
            }
            return Ok(Fill::Data);
        }
        self.fill_gzip()
    }

    /// Makes compressed bytes available from `cpos` on; false at the end.
    fn refill_compressed(&mut self) -> io::Result<bool> {
        if self.ceof {
            return Ok(false);
        }
        // Keep the current member's bytes for a rewind, within bounds.
        let keep_from = match self.member_start {
            Some(s) if self.cbuf.len() - s <= REWIND_MAX => s,
            _ => {
                self.member_start = None;
                self.cpos
            }
        };
        if keep_from > 0 {
            self.cbuf.drain(..keep_from);
            self.cpos -= keep_from;
            if let Some(s) = self.member_start.as_mut() {
                *s -= keep_from;
            }
        }
        let old = self.cbuf.len();
        self.cbuf.resize(old + CHUNK, 0);
        let r = Self::read_src(&mut self.src, &mut self.cbuf[old..], &mut self.failed);
        let n = *r.as_ref().unwrap_or(&0);
        self.cbuf.truncate(old + n);
        r?;
        self.src_bytes += n as u64;
        if n == 0 {
            self.ceof = true;
            return Ok(false);
        }
        Ok(true)
    }

    /// Ensures `n` compressed bytes from `cpos` (false: the stream ends first).
    fn need_compressed(&mut self, n: usize) -> io::Result<bool> {
        while self.cbuf.len() - self.cpos < n {
            if !self.refill_compressed()? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The length of the gzip header at `cpos`: `Some(len)`, or `None` when it
    /// is not a valid header. `Err` only for I/O errors.
    fn header_len(&mut self) -> io::Result<Option<usize>> {
        if !self.need_compressed(10)? || !is_gzip_magic(&self.cbuf[self.cpos..]) {
            return Ok(None);
        }
        let flags = self.cbuf[self.cpos + 3];
        let mut len = 10;
        if flags & 0x04 != 0 {
            if !self.need_compressed(len + 2)? {
                return Ok(None);
            }
            let x = &self.cbuf[self.cpos + len..];
            len += 2 + (x[0] as usize | (x[1] as usize) << 8);
        }
        for flag in [0x08, 0x10] {
            if flags & flag != 0 {
                loop {
                    if len > MAX_GZIP_HEADER || !self.need_compressed(len + 1)? {
                        return Ok(None);
                    }
                    len += 1;
                    if self.cbuf[self.cpos + len - 1] == 0 {
                        break;
                    }
                }
            }
        }
        if flags & 0x02 != 0 {
            len += 2;
        }
        if len > MAX_GZIP_HEADER || !self.need_compressed(len)? {
            return Ok(None);
        }
        Ok(Some(len))
    }

    /// After a corrupt member: drop its unread output and search again from
    /// the byte after its start.
    fn corrupt(&mut self) -> Fill {
        let drop_from = self.member_buf_start.max(self.pos);
        self.buf.truncate(drop_from);
        if let Some(s) = self.member_start.take() {
            self.cpos = s + 1;
        }
        self.state = Gz::Scanning;
        let report = !(self.member_scanned && self.member_out == 0);
        self.member_scanned = true;
        if report {
            Fill::Corrupt
        } else {
            Fill::Data
        }
    }

    fn fill_gzip(&mut self) -> io::Result<Fill> {
        let start_len = self.buf.len();
        loop {
            match self.state {
                Gz::Done => {
                    return Ok(if self.buf.len() > start_len {
                        Fill::Data
                    } else {
                        Fill::Eof
                    })
                }
                Gz::Between | Gz::Scanning => {
                    if self.cpos == self.cbuf.len() && !self.refill_compressed()? {
                        self.state = Gz::Done;
                        continue;
                    }
                    match self.header_len()? {
                        Some(len) => {
                            self.member_start = Some(self.cpos);
                            self.member_scanned = self.state == Gz::Scanning;
                            self.member_out = 0;
                            self.cpos += len;
                            self.inflate.reset(false);
                            self.crc.reset();
                            self.member_buf_start = self.buf.len();
                            self.state = Gz::Body;
                            self.new_member = true;
                        }
                        None => {
                            let was_scanning = self.state == Gz::Scanning;
                            self.state = Gz::Scanning;
                            self.scan_for_header()?;
                            if !was_scanning {
                                return Ok(Fill::Junk);
                            }
                        }
                    }
                }
                Gz::Body => {
                    if self.cpos == self.cbuf.len() && !self.refill_compressed()? {
                        // The source ends inside the member.
                        self.buf.truncate(self.member_buf_start.max(self.pos));
                        self.state = Gz::Done;
                        return Ok(Fill::Truncated);
                    }
                    let old = self.buf.len();
                    if old - start_len >= CHUNK {
                        return Ok(Fill::Data);
                    }
                    self.buf.resize(old + CHUNK, 0);
                    let before_in = self.inflate.total_in();
                    let before_out = self.inflate.total_out();
                    let res = self.inflate.decompress(
                        &self.cbuf[self.cpos..],
                        &mut self.buf[old..],
                        FlushDecompress::None,
                    );
                    let used = (self.inflate.total_in() - before_in) as usize;
                    let made = (self.inflate.total_out() - before_out) as usize;
                    self.buf.truncate(old + made);
                    self.cpos += used;
                    self.crc.update(&self.buf[old..old + made]);
                    self.member_out += made as u64;
                    match res {
                        Ok(Status::StreamEnd) => self.state = Gz::Trailer,
                        Ok(_) if used == 0 && made == 0 => {
                            // No progress with input available: only when the
                            // output is full, which cannot happen here.
                            return Ok(self.corrupt());
                        }
                        Ok(_) => {}
                        Err(_) => return Ok(self.corrupt()),
                    }
                }
                Gz::Trailer => {
                    if !self.need_compressed(8)? {
                        self.buf.truncate(self.member_buf_start.max(self.pos));
                        self.state = Gz::Done;
                        return Ok(Fill::Truncated);
                    }
                    let t = &self.cbuf[self.cpos..self.cpos + 8];
                    let crc = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
                    let isize = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
                    if crc != self.crc.sum() || isize != self.crc.amount() {
                        return Ok(self.corrupt());
                    }
                    self.cpos += 8;
                    self.member_start = None;
                    self.member_scanned = false;
                    self.state = Gz::Between;
                    // Stop at the member's end (see the module docs).
                    return Ok(Fill::Data);
                }
            }
        }
    }

    /// Advances `cpos` to the next gzip magic (or the end of the stream).
    fn scan_for_header(&mut self) -> io::Result<()> {
        let mut from = self.cpos + 1;
        loop {
            let hay = &self.cbuf[from.min(self.cbuf.len())..];
            if let Some(i) = memchr::memmem::find(hay, b"\x1f\x8b\x08") {
                self.cpos = from + i;
                return Ok(());
            }
            // Keep the last two bytes: a magic may straddle the refill.
            self.cpos = self.cbuf.len().saturating_sub(2).max(self.cpos);
            self.member_start = None;
            from = 0;
            if !self.refill_compressed()? {
                self.cpos = self.cbuf.len();
                return Ok(());
            }
            // After the refill, `cpos` points at the kept bytes.
        }
    }
}
