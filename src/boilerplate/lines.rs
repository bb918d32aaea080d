//! Splitting page text into lines with byte offsets.
//!
//! `"\n"`, `"\r\n"` and a lone `"\r"` all end a line. A terminator at the very
//! end of the text does not start a new (empty) line, so `"a\n"` is one line
//! and `"a\n\n"` is two (`"a"` and an empty one). The empty text has no lines.

/// One line of the input: `start..end` is its content, `end..next` its
/// terminator (empty for a last line without one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// Byte offset of the first byte of the content.
    pub start: usize,
    /// Byte offset one past the content (before the terminator).
    pub end: usize,
    /// Byte offset one past the terminator.
    pub next: usize,
}

/// Splits `text` into lines (see the module docs for the rules).
pub(crate) fn split_lines(text: &str) -> Vec<Line> {
    lines(text).collect()
}

/// The lines of `text`, in order, without storing them.
pub(crate) fn lines(text: &str) -> Lines<'_> {
    Lines {
        bytes: text.as_bytes(),
        pos: 0,
    }
}

/// Iterator over the [`Line`]s of a text.
#[derive(Clone, Debug)]
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = Line;

    #[inline]
    fn next(&mut self) -> Option<Line> {
        let (bytes, start) = (self.bytes, self.pos);
        let n = bytes.len();
        if start >= n {
            return None;
        }
        let line = match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            None => Line {
                start,
                end: n,
                next: n,
            },
            Some(off) => {
                let end = start + off;
                let next = if bytes[end] == b'\r' && end + 1 < n && bytes[end + 1] == b'\n' {
                    end + 2
                } else {
                    end + 1
                };
                Line { start, end, next }
            }
        };
        self.pos = line.next;
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(t: &str) -> Vec<&str> {
        split_lines(t).iter().map(|l| &t[l.start..l.end]).collect()
    }

    #[test]
    fn terminators() {
        assert_eq!(contents(""), Vec::<&str>::new());
        assert_eq!(contents("a"), vec!["a"]);
        assert_eq!(contents("a\n"), vec!["a"]);
        assert_eq!(contents("a\n\n"), vec!["a", ""]);
        assert_eq!(contents("a\r\nb\rc\nd"), vec!["a", "b", "c", "d"]);
        assert_eq!(contents("\r\r\n\n"), vec!["", "", ""]);
        assert_eq!(contents("a\r"), vec!["a"]);
    }

    #[test]
    fn offsets_cover_text() {
        let t = "x\r\n\ry\nzz";
        let ls = split_lines(t);
        let mut pos = 0;
        for l in &ls {
            assert_eq!(l.start, pos);
            pos = l.next;
        }
        assert_eq!(pos, t.len());
    }
}
