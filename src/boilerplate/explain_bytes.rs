//! [`Explanation`]'s saved form: what pickling an explanation in Python
//! stores, read back with every field checked.
//!
//! Layout (little-endian): the magic `NPEX`, a format version byte, the
//! number of lines as a `u64`, then per line its end offset (`u64`), its meta
//! byte (reason index, kept bit, terminator length) and its score (`f32`).

use super::{Explanation, RULE_IDS};
use crate::error::{Error, ErrorKind, Result};

const MAGIC: &[u8; 4] = b"NPEX";
const VERSION: u8 = 1;
/// Bytes per line: end offset, meta byte, score.
const LINE_BYTES: usize = 8 + 1 + 4;

fn corrupt(what: impl Into<String>) -> Error {
    Error::new(
        ErrorKind::Deserialize,
        format!("not a saved explanation: {}", what.into()),
    )
}

impl Explanation {
    /// The explanation in its saved form (13 bytes a line), read back by
    /// [`Explanation::from_bytes`].
    ///
    /// ```
    /// use newsprep::boilerplate::{Cleaner, Explanation};
    /// let ex = Cleaner::new().explain("Home\n\nThe council met on Tuesday to vote on the budget.\n");
    /// assert_eq!(Explanation::from_bytes(&ex.to_bytes()).unwrap(), ex);
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.len();
        let mut out = Vec::with_capacity(MAGIC.len() + 1 + 8 + n * LINE_BYTES);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&(n as u64).to_le_bytes());
        for i in 0..n {
            out.extend_from_slice(&(self.ends.get(i) as u64).to_le_bytes());
            out.push(self.meta[i]);
            out.extend_from_slice(&self.scores[i].to_le_bytes());
        }
        out
    }

    /// Reads an explanation saved by [`Explanation::to_bytes`]. Fails with
    /// [`ErrorKind::Deserialize`] on anything else: a wrong magic or version,
    /// a length that does not match, an unknown rule, lines out of order.
    pub fn from_bytes(bytes: &[u8]) -> Result<Explanation> {
        let head = MAGIC.len() + 1 + 8;
        if bytes.len() < head || &bytes[..4] != MAGIC {
            return Err(corrupt("no NPEX header"));
        }
        if bytes[4] != VERSION {
            return Err(corrupt(format!(
                "format version {} (this newsprep reads {VERSION})",
                bytes[4]
            )));
        }
        let n = u64::from_le_bytes(bytes[5..13].try_into().expect("8 bytes"));
        let body = &bytes[head..];
        if usize::try_from(n)
            .ok()
            .and_then(|n| n.checked_mul(LINE_BYTES))
            != Some(body.len())
        {
            return Err(corrupt(format!(
                "{n} lines do not fit {} bytes",
                body.len()
            )));
        }
        let lines: Vec<(u64, u8, f32)> = body
            .chunks_exact(LINE_BYTES)
            .map(|c| {
                (
                    u64::from_le_bytes(c[..8].try_into().expect("8 bytes")),
                    c[8],
                    f32::from_le_bytes(c[9..].try_into().expect("4 bytes")),
                )
            })
            .collect();
        let last = lines
            .last()
            .map_or(0, |&(end, meta, _)| end + u64::from(meta >> 5));
        let last =
            usize::try_from(last).map_err(|_| corrupt("offsets beyond this machine's memory"))?;
        let mut ex = Explanation::with_len(last);
        let mut start = 0u64;
        for (i, &(end, meta, score)) in lines.iter().enumerate() {
            if usize::from(meta & 0x0f) >= RULE_IDS.len() {
                return Err(corrupt(format!("line {i}: unknown rule {}", meta & 0x0f)));
            }
            if end < start {
                return Err(corrupt(format!(
                    "line {i} ends at {end}, before its start {start}"
                )));
            }
            start = end + u64::from(meta >> 5);
            ex.ends.push(end as usize);
            ex.meta.push(meta);
            ex.scores.push(score);
        }
        Ok(ex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boilerplate::Cleaner;

    #[test]
    fn round_trip_and_refusals() {
        let c = Cleaner::new();
        for text in [
            "",
            "\n",
            "Home | News\r\n\r\nThe council met on Tuesday to vote on the budget, a spokesman said.\r\nShare\n",
            "Ünïcödé line\u{2028}second line\n",
        ] {
            let ex = c.explain(text);
            let back = Explanation::from_bytes(&ex.to_bytes()).unwrap();
            assert_eq!(back, ex, "{text:?}");
            assert_eq!(back.to_vec(), ex.to_vec());
        }
        let good = c.explain("One line.\nTwo lines.\n").to_bytes();
        let mut bad_rule = good.clone();
        bad_rule[13 + 8] = 0x0f;
        let mut bad_order = good.clone();
        bad_order[13 + LINE_BYTES..13 + LINE_BYTES + 8].copy_from_slice(&0u64.to_le_bytes());
        let mut bad_version = good.clone();
        bad_version[4] = 9;
        for (bytes, says) in [
            (&b"junk"[..], "no NPEX header"),
            (&good[..good.len() - 1], "do not fit"),
            (&bad_rule[..], "unknown rule"),
            (&bad_order[..], "before its start"),
            (&bad_version[..], "format version 9"),
        ] {
            let err = Explanation::from_bytes(bytes).unwrap_err();
            assert_eq!(err.kind(), &ErrorKind::Deserialize);
            assert!(err.message().contains(says), "{}", err.message());
        }
    }
}
