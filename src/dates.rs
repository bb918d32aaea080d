//! Publication dates as news pages write them, normalised to ISO 8601.
//!
//! [`parse_date`] reads one date (with or without a time) from a short string
//! and returns it as ISO 8601: `2024-03-05`, `2024-03-05T14:30:00`, or with an
//! offset when the string gives one (`2024-03-05T14:30:00+01:00`,
//! `...T14:30:00Z`). It never guesses: a string with no date, an impossible
//! date (`2023-02-30`), a year outside 1900..=2100, or an all-numeric date
//! whose day and month could be swapped is `None`.
//!
//! What it reads:
//! - ISO 8601 and RFC 3339 (`2024-03-05`, `2024-03-05T14:30:00.000+0100`, a
//!   space instead of `T`), and compact `20240305` only as a whole string;
//! - RFC 2822 and its relatives (`Tue, 05 Mar 2024 14:30:00 GMT`);
//! - month names in English, German, French, Spanish, Italian, Portuguese and
//!   Dutch, full or abbreviated, day first or month first (`March 5, 2024`,
//!   `5 March 2024`, `5. März 2024`, `5 de marzo de 2024`, `Mar. 5, 2024,
//!   4:30 p.m. EST`), with an optional weekday; and written in full in
//!   Russian, Ukrainian, Polish, Czech, Turkish, Swedish, Danish, Norwegian,
//!   Finnish, Romanian, Indonesian, Greek and Hungarian (`5 марта 2024 г.`,
//!   `5 Mart 2024`); also year first (`2024. március 5.`, `2024 March 5`) and
//!   with a dash or slash on both sides of the month (`5-Mar-2024`);
//! - Chinese and Japanese `2024年3月5日` and Korean `2024년 3월 5일` (with a
//!   time as `10:32` or `10時32分`);
//! - numeric dates: `2024/03/05`, and day-first `05.03.2024` (also `5. 3. 2024`); `03/05/2024` only
//!   when one of the two numbers is over 12 (otherwise it is ambiguous), and a
//!   two-digit year after `-` or `/` only when the year-first reading
//!   (`24-03-05` as 2024-03-05) is no other date.
//!
//! Times: `14:30`, `14:30:15`, `4:30 pm`, `4.30 p.m.`; offsets `Z`, `+01:00`,
//! `+0100`, `GMT`/`UTC`, and the North American and central European zone
//! abbreviations (`EST`, `PDT`, `CET`, `CEST` ...).
//!
//! Everything is linear in the input; callers give short strings (a meta
//! tag's content, a dateline), and strings over [`MAX_DATE_LEN`] bytes are
//! only searched in their first [`MAX_DATE_LEN`] bytes.

/// Longest prefix of a string that [`parse_date`] reads.
pub const MAX_DATE_LEN: usize = 200;

/// A calendar date with an optional time of day and UTC offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    /// Year (1900..=2100).
    pub year: u16,
    /// Month (1..=12).
    pub month: u8,
    /// Day of the month (1..=31, valid for the month).
    pub day: u8,
    /// Hour, minute, second, when the string gives a time.
    pub time: Option<(u8, u8, u8)>,
    /// Offset from UTC in minutes, when the string gives one (and a time).
    pub offset_minutes: Option<i16>,
}

impl DateTime {
    /// The ISO 8601 form: `YYYY-MM-DD`, plus `THH:MM:SS` and `Z` / `±HH:MM`
    /// when known.
    pub fn to_iso(&self) -> String {
        let mut s = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if let Some((h, m, sec)) = self.time {
            s.push_str(&format!("T{h:02}:{m:02}:{sec:02}"));
            match self.offset_minutes {
                Some(0) => s.push('Z'),
                Some(o) => {
                    let sign = if o < 0 { '-' } else { '+' };
                    let a = o.unsigned_abs();
                    s.push_str(&format!("{sign}{:02}:{:02}", a / 60, a % 60));
                }
                None => {}
            }
        }
        s
    }
}

/// Words that open a line whose date is not when the page was published:
/// the start or end of a span ("Since 1st March, 1999", "Member since
/// 2004", "Offer valid until 31 May 2008"), a founding or a birth date.
/// Lowercase; see [`names_another_date`].
const NOT_PUBLISHED: [&str; 12] = [
    "since",
    "member",
    "joined",
    "until",
    "till",
    "valid",
    "expires",
    "born",
    "founded",
    "established",
    "est",
    "copyright",
];

/// Whether a short line's date is one the line says is not the page's
/// publication date: its first word is one of [`NOT_PUBLISHED`] ("Since 1st
/// March, 1999", "Member since: 12 May 2004", "Est. 1887"). Datelines of
/// both paths ask this before reading the date.
pub(crate) fn names_another_date(line: &str) -> bool {
    let first = line
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    NOT_PUBLISHED.iter().any(|w| first.eq_ignore_ascii_case(w))
}

/// The publication date a URL's path spells, as ISO 8601 (`2014-03-05`):
/// three segments `/2014/03/05/` (a blog's or a newspaper's permalink), or
/// a segment that starts `2014-03-05` followed by its end, `-`, `_` or `.`
/// (`/blog/2020-10-18-title/`). Nothing else is read: not a year and month
/// alone (`/2014/03/`), not digits in an id (`/20140305123/`), not the
/// host or the query, and not an impossible date or a year outside
/// 1990..=2100.
///
/// ```
/// use newsprep::dates::date_in_url;
/// assert_eq!(date_in_url("https://x.test/2014/03/05/storm/").as_deref(), Some("2014-03-05"));
/// assert_eq!(date_in_url("https://x.test/blog/2020-10-18-title").as_deref(), Some("2020-10-18"));
/// assert_eq!(date_in_url("https://x.test/news/2014/03/storm"), None);
/// ```
pub fn date_in_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').collect();
    let number = |s: &str, lens: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let valid = |y: u32, m: u32, d: u32| {
        ((1990..=2100).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
            .then(|| format!("{y:04}-{m:02}-{d:02}"))
    };
    for (k, seg) in segments.iter().enumerate() {
        if let (Some(y), Some(m), Some(d)) = (
            number(seg, 4..=4),
            segments.get(k + 1).and_then(|s| number(s, 1..=2)),
            segments.get(k + 2).and_then(|s| number(s, 1..=2)),
        ) {
            if let Some(date) = valid(y, m, d) {
                return Some(date);
            }
        }
        let b = seg.as_bytes();
        if b.len() >= 10
            && b[4] == b'-'
            && b[7] == b'-'
            && (b.len() == 10 || matches!(b[10], b'-' | b'_' | b'.'))
        {
            if let (Some(y), Some(m), Some(d)) = (
                number(&seg[..4], 4..=4),
                number(&seg[5..7], 2..=2),
                number(&seg[8..10], 2..=2),
            ) {
                if let Some(date) = valid(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// The day number (days since 1970-01-01) of an ISO 8601 date's calendar
/// day (`2024-03-05`, `2024-03-05T14:30:00Z`: the first ten bytes), `None`
/// for anything else.
fn day_number(iso: &str) -> Option<i64> {
    let d = iso.get(..10)?.as_bytes();
    if d[4] != b'-' || d[7] != b'-' {
        return None;
    }
    let field = |r: std::ops::Range<usize>| -> Option<i64> {
        std::str::from_utf8(&d[r]).ok()?.parse::<i64>().ok()
    };
    let (y, m, day) = (field(0..4)?, field(5..7)?, field(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // days from civil (H. Hinnant's algorithm)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Whether two ISO 8601 dates (as [`parse_date`] writes them) fall on the
/// same calendar day or on days next to each other: one instant written in
/// two time zones can be a day apart ("2019-11-18T20:00:00-08:00" and
/// "2019-11-19T04:00:00Z"). `false` when either is not such a date.
pub(crate) fn within_a_day(a: &str, b: &str) -> bool {
    match (day_number(a), day_number(b)) {
        (Some(x), Some(y)) => (x - y).abs() <= 1,
        _ => false,
    }
}

/// The clock reading of an ISO 8601 date-time as [`parse_date`] writes it
/// (`2024-03-05T14:30:00`, then `Z`, `+01:00` or nothing): seconds since
/// 1970-01-01T00:00:00 of its own wall clock, and its offset from UTC in
/// minutes when it gives one. `None` for a date without a time.
fn clock(iso: &str) -> Option<(i64, Option<i64>)> {
    let b = iso.as_bytes();
    if b.len() < 19 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| iso.get(r)?.parse::<i64>().ok();
    let secs = day_number(iso)? * 86_400 + num(11..13)? * 3600 + num(14..16)? * 60 + num(17..19)?;
    let offset = match iso.get(19..)? {
        "" => None,
        "Z" => Some(0),
        o if o.len() == 6 && (o.starts_with('+') || o.starts_with('-')) => {
            let m = num(20..22)? * 60 + num(23..25)?;
            Some(if o.starts_with('-') { -m } else { m })
        }
        _ => return None,
    };
    Some((secs, offset))
}

/// Whether `local` is the page's own writing of the UTC instant `utc`
/// (`2018-12-31T23:11:59Z`): the same instant with its offset
/// (`2019-01-01T00:11:59+01:00`), or, without an offset, a wall clock a
/// whole number of quarter hours away, up to 14 hours (`2019-01-01T00:11:59`,
/// a time zone's reading of the same second). Content systems write the
/// UTC instant into their metadata and the local time on the page; the
/// story's date is the local one.
pub(crate) fn local_of_utc(utc: &str, local: &str) -> bool {
    let (Some((u, Some(0))), Some((l, off))) = (clock(utc), clock(local)) else {
        return false;
    };
    match off {
        Some(0) => false,
        Some(o) => (l - o * 60 - u).abs() <= 60,
        None => {
            let d = l - u;
            d != 0 && d % 900 == 0 && d.abs() <= 14 * 3600
        }
    }
}

/// Whether an ISO 8601 date-time is a UTC instant (`...Z`) on another
/// calendar day than `day` (`2024-03-05`) but next to it: the UTC reading of
/// a time late or early in the day of a zone ahead of or behind UTC.
pub(crate) fn utc_beside(iso: &str, day: &str) -> bool {
    clock(iso).is_some_and(|(_, o)| o == Some(0))
        && iso.get(..10) != day.get(..10)
        && within_a_day(iso, day)
}

/// Whether the date alone `day` (`2021-11-05`, as a page shows it) is the
/// local day of the UTC instant `utc` (`2021-11-04T23:00:00Z`) in some time
/// zone (UTC-12 to UTC+14) though not UTC's own day: the page's dateline
/// writes the day the story was published where it was, the metadata the
/// UTC reading of that moment.
pub(crate) fn local_day_of_utc(utc: &str, day: &str) -> bool {
    let (Some((u, Some(0))), Some(d)) = (clock(utc), day_number(day)) else {
        return false;
    };
    day.len() == 10
        && utc.get(..10) != Some(day)
        && u - 12 * 3600 < (d + 1) * 86_400
        && u + 14 * 3600 >= d * 86_400
}

/// Reads a date from `s` and returns it as ISO 8601 (see the module docs), or
/// `None` when `s` holds no unambiguous, valid date.
///
/// ```
/// use newsprep::dates::parse_date;
/// assert_eq!(parse_date("2024-03-05T14:30:00+01:00").as_deref(), Some("2024-03-05T14:30:00+01:00"));
/// assert_eq!(parse_date("Tue, 05 Mar 2024 14:30:00 GMT").as_deref(), Some("2024-03-05T14:30:00Z"));
/// assert_eq!(parse_date("Updated March 5, 2024 4:30 pm").as_deref(), Some("2024-03-05T16:30:00"));
/// assert_eq!(parse_date("5. März 2024").as_deref(), Some("2024-03-05"));
/// assert_eq!(parse_date("03/05/2024"), None); // March 5 or 3 May?
/// ```
pub fn parse_date(s: &str) -> Option<String> {
    parse_datetime(s).map(|d| d.to_iso())
}

/// [`parse_date`] without the formatting: the parsed parts.
pub fn parse_datetime(s: &str) -> Option<DateTime> {
    let s = crate::offsets::str_prefix(s, MAX_DATE_LEN);
    let toks = tokenize(s);
    if toks.is_empty() {
        return None;
    }
    iso(&toks)
        .or_else(|| cjk(&toks))
        .or_else(|| named_month(&toks))
        .or_else(|| numeric(&toks))
        .or_else(|| spaced_dots(&toks))
        .or_else(|| compact(s.trim()))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tok<'a> {
    /// A run of ASCII digits (its text).
    Num(&'a str),
    /// A run of letters (its text).
    Word(&'a str),
    /// Any other non-space character.
    Punct(char),
    /// One or more whitespace characters.
    Space,
}

fn tokenize(s: &str) -> Vec<Tok<'_>> {
    // room for a typical date's tokens ("Tuesday, 3 March 2009 10:42 GMT"
    // is 16) in one allocation instead of growing 4, 8, 16
    let mut out = Vec::with_capacity(16);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                it.next();
            }
            // "28.09.1912:44" is "28.09.19" and "12:44" written together (a
            // forum's post stamp), not the year 1912: four digits that end a
            // d.m.y date and run into a clock time are a two-digit year and
            // the hour.
            let glued_clock = end - i == 4
                && matches!(out.last(), Some(Tok::Punct('.' | '/' | '-')))
                && s[end..].starts_with(':')
                && s.as_bytes().get(end + 1).is_some_and(u8::is_ascii_digit);
            if glued_clock {
                out.push(Tok::Num(&s[i..i + 2]));
                out.push(Tok::Space);
                out.push(Tok::Num(&s[i + 2..end]));
            } else {
                out.push(Tok::Num(&s[i..end]));
            }
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            out.push(Tok::Word(&s[i..end]));
        } else if c.is_whitespace() {
            while it.peek().is_some_and(|&(_, d)| d.is_whitespace()) {
                it.next();
            }
            if !matches!(out.last(), Some(Tok::Space)) {
                out.push(Tok::Space);
            }
        } else {
            out.push(Tok::Punct(c));
        }
    }
    out
}

fn num(t: Option<&Tok<'_>>) -> Option<u32> {
    match t {
        Some(Tok::Num(n)) if n.len() <= 4 => n.parse().ok(),
        _ => None,
    }
}

fn num_len(t: Option<&Tok<'_>>) -> usize {
    match t {
        Some(Tok::Num(n)) => n.len(),
        _ => 0,
    }
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

fn make(y: u32, m: u32, d: u32) -> Option<DateTime> {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(DateTime {
        year: y as u16,
        month: m as u8,
        day: d as u8,
        time: None,
        offset_minutes: None,
    })
}

/// Whether the token before `i` continues a number (a digit run or a decimal
/// point), so that a match starting at `i` would be the middle of something.
fn glued_before(toks: &[Tok<'_>], i: usize) -> bool {
    i > 0 && matches!(toks[i - 1], Tok::Num(_) | Tok::Punct('.' | '/' | '-' | ':'))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, then an optional time.
fn iso(toks: &[Tok<'_>]) -> Option<DateTime> {
    for i in 0..toks.len() {
        if num_len(toks.get(i)) != 4 || glued_before(toks, i) {
            continue;
        }
        let Some(Tok::Punct(sep @ ('-' | '/' | '.'))) = toks.get(i + 1).copied() else {
            continue;
        };
        if toks.get(i + 3) != Some(&Tok::Punct(sep)) || num_len(toks.get(i + 2)) > 2 {
            continue;
        }
        let (Some(y), Some(m), Some(d)) =
            (num(toks.get(i)), num(toks.get(i + 2)), num(toks.get(i + 4)))
        else {
            continue;
        };
        if num_len(toks.get(i + 4)) > 2 {
            continue;
        }
        let Some(mut dt) = make(y, m, d) else {
            continue;
        };
        let mut j = i + 5;
        // "T" or a space before the time.
        if matches!(toks.get(j), Some(Tok::Word(w)) if w.eq_ignore_ascii_case("t"))
            || matches!(toks.get(j), Some(Tok::Space))
        {
            j += 1;
        }
        time_and_zone(toks, j, &mut dt);
        return Some(dt);
    }
    None
}

/// `2024年3月5日` (Chinese, Japanese) and `2024년 3월 5일` (Korean), spaces
/// allowed between the parts, then an optional weekday in brackets
/// (`（火）`) and a time (`10:32`, `10時32分`, Korean `오후 3:05`).
fn cjk(toks: &[Tok<'_>]) -> Option<DateTime> {
    // the unit after a number: the word is the unit (年, 月) or, for the day,
    // opens with it (Chinese runs the next word on: "5日电")
    fn unit(toks: &[Tok<'_>], j: usize, units: &[&str], whole: bool) -> bool {
        matches!(toks.get(j), Some(Tok::Word(w))
            if units.iter().any(|u| if whole { w == u } else { w.starts_with(u) }))
    }
    let skip_space = |j: usize| {
        if toks.get(j) == Some(&Tok::Space) {
            j + 1
        } else {
            j
        }
    };
    for i in 0..toks.len() {
        if num_len(toks.get(i)) != 4 || glued_before(toks, i) {
            continue;
        }
        let j = skip_space(i + 1);
        if !unit(toks, j, &["年", "년"], true) {
            continue;
        }
        let jm = skip_space(j + 1);
        let jmu = skip_space(jm + 1);
        if num_len(toks.get(jm)) > 2 || !unit(toks, jmu, &["月", "월"], true) {
            continue;
        }
        let jd = skip_space(jmu + 1);
        let jdu = skip_space(jd + 1);
        if num_len(toks.get(jd)) > 2 || !unit(toks, jdu, &["日", "일"], false) {
            continue;
        }
        let (Some(y), Some(m), Some(d)) = (num(toks.get(i)), num(toks.get(jm)), num(toks.get(jd)))
        else {
            continue;
        };
        let Some(mut dt) = make(y, m, d) else {
            continue;
        };
        let mut k = skip_space(jdu + 1);
        // a weekday in brackets: "(火)", "（金）", "(수)"
        if matches!(toks.get(k), Some(Tok::Punct('(' | '（')))
            && matches!(toks.get(k + 1), Some(Tok::Word(w)) if w.chars().count() <= 3)
            && matches!(toks.get(k + 2), Some(Tok::Punct(')' | '）')))
        {
            k = skip_space(k + 3);
        }
        // Korean 오전 / 오후 (a.m. / p.m.) before the time
        let mut pm = None;
        if let Some(Tok::Word(w)) = toks.get(k) {
            if *w == "오전" || *w == "오후" {
                pm = Some(*w == "오후");
                k = skip_space(k + 1);
            }
        }
        // "10時32分"
        if unit(toks, k + 1, &["時", "时"], true) && unit(toks, k + 3, &["分"], false) {
            if let (Some(h), Some(mi)) = (num(toks.get(k)), num(toks.get(k + 2))) {
                if h < 24 && mi < 60 && num_len(toks.get(k)) <= 2 && num_len(toks.get(k + 2)) <= 2 {
                    dt.time = Some((h as u8, mi as u8, 0));
                }
            }
        } else {
            time_and_zone(toks, k, &mut dt);
        }
        if let (Some(pm), Some((h, mi, sec))) = (pm, dt.time) {
            dt.time = match (pm, h) {
                (true, 0..=11) => Some((h + 12, mi, sec)),
                (false, 12) => Some((0, mi, sec)),
                (_, 0..=12) => Some((h, mi, sec)),
                _ => None, // "오후 15:00" says two things
            };
        }
        return Some(dt);
    }
    None
}

/// The whole string `YYYYMMDD`.
fn compact(s: &str) -> Option<DateTime> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y = s[..4].parse().ok()?;
    let m = s[4..6].parse().ok()?;
    let d = s[6..].parse().ok()?;
    make(y, m, d)
}

/// `DD.MM.YYYY` (day first), and `MM/DD/YYYY` or `DD/MM/YYYY` when unambiguous.
fn numeric(toks: &[Tok<'_>]) -> Option<DateTime> {
    for i in 0..toks.len() {
        if num_len(toks.get(i)) == 0 || num_len(toks.get(i)) > 2 || glued_before(toks, i) {
            continue;
        }
        let Some(Tok::Punct(sep @ ('.' | '/' | '-'))) = toks.get(i + 1).copied() else {
            continue;
        };
        if toks.get(i + 3) != Some(&Tok::Punct(sep)) || num_len(toks.get(i + 2)) > 2 {
            continue;
        }
        let ylen = num_len(toks.get(i + 4));
        if ylen != 4 && ylen != 2 {
            continue;
        }
        let (Some(a), Some(b), Some(mut y)) =
            (num(toks.get(i)), num(toks.get(i + 2)), num(toks.get(i + 4)))
        else {
            continue;
        };
        let century = |yy: u32| yy + if yy < 70 { 2000 } else { 1900 };
        // "24-03-05" and "16/01/08" read year first too (YY-MM-DD, as
        // Japanese and ISO-like stamps write them)
        let year_first = (ylen == 2 && sep != '.')
            .then(|| make(century(a), b, y))
            .flatten();
        if ylen == 2 {
            y = century(y);
        }
        let dt = match sep {
            '.' => make(y, b, a),
            _ if a > 12 && b <= 12 => make(y, b, a),
            _ if b > 12 && a <= 12 => make(y, a, b),
            _ if a == b => make(y, a, b),
            _ => None,
        };
        let Some(mut dt) = dt else {
            continue;
        };
        // when both readings are dates, the string does not say which it is
        if year_first.is_some_and(|f| (f.year, f.month, f.day) != (dt.year, dt.month, dt.day)) {
            continue;
        }
        time_after_date(toks, i + 5, &mut dt);
        return Some(dt);
    }
    None
}

/// The time (and zone) of a numeric date whose year ends at token `j - 1`,
/// after a space or comma ("05.03.2024, 10:30", "4. 2. 2022 10:30").
fn time_after_date(toks: &[Tok<'_>], mut j: usize, dt: &mut DateTime) {
    if matches!(toks.get(j), Some(Tok::Space | Tok::Punct(','))) {
        j += 1;
    }
    time_and_zone(toks, j, dt);
}

/// Day-first `4. 2. 2022` (German typography: a space, often a thin or
/// no-break one, after each dot), with a four-digit year only.
fn spaced_dots(toks: &[Tok<'_>]) -> Option<DateTime> {
    for i in 0..toks.len() {
        if !(1..=2).contains(&num_len(toks.get(i))) || glued_before(toks, i) {
            continue;
        }
        let shape = [Tok::Punct('.'), Tok::Space];
        if toks.get(i + 1..i + 3) != Some(&shape[..])
            || !(1..=2).contains(&num_len(toks.get(i + 3)))
            || toks.get(i + 4..i + 6) != Some(&shape[..])
            || num_len(toks.get(i + 6)) != 4
        {
            continue;
        }
        let (Some(d), Some(m), Some(y)) =
            (num(toks.get(i)), num(toks.get(i + 3)), num(toks.get(i + 6)))
        else {
            continue;
        };
        let Some(mut dt) = make(y, m, d) else {
            continue;
        };
        time_after_date(toks, i + 7, &mut dt);
        return Some(dt);
    }
    None
}

/// Month names in English, German, French, Spanish, Italian, Portuguese and
/// Dutch, lowercase, with the month number (abbreviations are prefixes of at
/// least three letters of these, checked in [`month_number`]).
const MONTHS: [(&str, u32); 64] = [
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
    ("maart", 3),
];

/// The first bytes of the month names and of the extra abbreviations in
/// [`month_number`] (a word starting otherwise names no month).
static MONTH_FIRST_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < MONTHS.len() {
        t[MONTHS[i].0.as_bytes()[0] as usize] = true;
        i += 1;
    }
    let mut i = 0;
    while i < EXTRA_ABBREVIATIONS.len() {
        t[EXTRA_ABBREVIATIONS[i].0.as_bytes()[0] as usize] = true;
        i += 1;
    }
    t
};

/// For each first byte, the byte lengths (bits 0..63) of the names of
/// [`EXACT_MONTHS`] starting with it: most words are no such name by these
/// two numbers alone.
static EXACT_FIRST_LENS: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut i = 0;
    while i < EXACT_MONTHS.len() {
        let b = EXACT_MONTHS[i].0.as_bytes();
        t[b[0] as usize] |= 1 << b.len();
        i += 1;
    }
    t
};

/// The indices of `names` grouped by their first byte, in their order: the
/// names starting with byte `b` are `order[start[b]..start[b + 1]]` for the
/// returned `(order, start)`.
const fn by_first_byte<const N: usize>(names: &[(&str, u32); N]) -> ([u8; N], [u8; 257]) {
    assert!(N < 256);
    let mut start = [0u8; 257];
    let mut i = 0;
    while i < N {
        start[names[i].0.as_bytes()[0] as usize + 1] += 1;
        i += 1;
    }
    let mut b = 0;
    while b < 256 {
        start[b + 1] += start[b];
        b += 1;
    }
    let mut next = start;
    let mut order = [0u8; N];
    let mut i = 0;
    while i < N {
        let f = names[i].0.as_bytes()[0] as usize;
        order[next[f] as usize] = i as u8;
        next[f] += 1;
        i += 1;
    }
    (order, start)
}

/// [`EXACT_MONTHS`] grouped by first byte (see [`by_first_byte`]).
static EXACT_BY_FIRST: ([u8; EXACT_MONTHS.len()], [u8; 257]) = by_first_byte(&EXACT_MONTHS);

/// [`MONTHS`] grouped by first byte, in their order (see [`by_first_byte`]).
/// [`month_number`] reads no other name (it skipped them one by one, 645
/// instructions a call, 1.4M of a pass over the L3S dev pages).
static MONTHS_BY_FIRST: ([u8; MONTHS.len()], [u8; 257]) = by_first_byte(&MONTHS);

/// Month names read only as written in full (no abbreviation is taken from
/// them): Russian, Ukrainian, Polish, Czech (the genitive of dates and the
/// nominative), Turkish (also without its letters ş ı ğ ü), Swedish, Danish, Norwegian, Finnish (partitive and
/// nominative), Romanian, Indonesian and Malay, Greek (genitive), Hungarian.
/// Lowercase.
/// "listopad" is left out: November in Polish and Czech, October in Croatian.
const EXACT_MONTHS: [(&str, u32); 173] = [
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("январь", 1),
    ("февраль", 2),
    ("март", 3),
    ("апрель", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("сентябрь", 9),
    ("октябрь", 10),
    ("ноябрь", 11),
    ("декабрь", 12),
    ("січня", 1),
    ("лютого", 2),
    ("березня", 3),
    ("квітня", 4),
    ("травня", 5),
    ("червня", 6),
    ("липня", 7),
    ("серпня", 8),
    ("вересня", 9),
    ("жовтня", 10),
    ("листопада", 11),
    ("грудня", 12),
    ("січень", 1),
    ("лютий", 2),
    ("березень", 3),
    ("квітень", 4),
    ("травень", 5),
    ("червень", 6),
    ("липень", 7),
    ("серпень", 8),
    ("вересень", 9),
    ("жовтень", 10),
    ("листопад", 11),
    ("грудень", 12),
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("grudnia", 12),
    ("styczeń", 1),
    ("luty", 2),
    ("marzec", 3),
    ("kwiecień", 4),
    ("maj", 5),
    ("czerwiec", 6),
    ("lipiec", 7),
    ("sierpień", 8),
    ("wrzesień", 9),
    ("październik", 10),
    ("grudzień", 12),
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("prosince", 12),
    ("leden", 1),
    ("únor", 2),
    ("březen", 3),
    ("duben", 4),
    ("květen", 5),
    ("červen", 6),
    ("červenec", 7),
    ("srpen", 8),
    ("říjen", 10),
    ("prosinec", 12),
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    ("subat", 2),
    ("mayis", 5),
    ("agustos", 8),
    ("eylul", 9),
    ("kasim", 11),
    ("aralik", 12),
    ("januari", 1),
    ("februari", 2),
    ("augusti", 8),
    ("marts", 3),
    ("desember", 12),
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    ("tammikuu", 1),
    ("helmikuu", 2),
    ("maaliskuu", 3),
    ("huhtikuu", 4),
    ("toukokuu", 5),
    ("kesäkuu", 6),
    ("heinäkuu", 7),
    ("elokuu", 8),
    ("syyskuu", 9),
    ("lokakuu", 10),
    ("marraskuu", 11),
    ("joulukuu", 12),
    ("ianuarie", 1),
    ("februarie", 2),
    ("martie", 3),
    ("aprilie", 4),
    ("iunie", 6),
    ("iulie", 7),
    ("septembrie", 9),
    ("octombrie", 10),
    ("noiembrie", 11),
    ("decembrie", 12),
    ("maret", 3),
    ("mei", 5),
    ("agustus", 8),
    ("ιανουαρίου", 1),
    ("φεβρουαρίου", 2),
    ("μαρτίου", 3),
    ("απριλίου", 4),
    ("μαΐου", 5),
    ("ιουνίου", 6),
    ("ιουλίου", 7),
    ("αυγούστου", 8),
    ("σεπτεμβρίου", 9),
    ("οκτωβρίου", 10),
    ("νοεμβρίου", 11),
    ("δεκεμβρίου", 12),
    ("január", 1),
    ("február", 2),
    ("március", 3),
    ("április", 4),
    ("május", 5),
    ("június", 6),
    ("július", 7),
    ("augusztus", 8),
    ("szeptember", 9),
    ("október", 10),
];

/// Abbreviations that are not prefixes of the names in [`MONTHS`].
const EXTRA_ABBREVIATIONS: [(&str, u32); 7] = [
    ("sept", 9),
    ("okt", 10),
    ("mrz", 3),
    ("dez", 12),
    ("mei", 5),
    ("mrt", 3),
    ("juin", 6),
];

/// Month names that are also common words or ambiguous as prefixes, accepted
/// only written in full.
const FULL_ONLY: [&str; 4] = ["may", "mai", "mars", "maio"];

/// Whether each name of [`MONTHS`] is in [`FULL_ONLY`] (read in the loop of
/// [`month_number`] instead of comparing four strings per name: that loop
/// made 39 `memcmp` calls per `parse_datetime` on the L3S pages).
static MONTH_FULL_ONLY: [bool; MONTHS.len()] = {
    let mut t = [false; MONTHS.len()];
    let mut i = 0;
    while i < MONTHS.len() {
        let mut k = 0;
        while k < FULL_ONLY.len() {
            t[i] |= crate::const_str_eq(MONTHS[i].0, FULL_ONLY[k]);
            k += 1;
        }
        i += 1;
    }
    t
};

/// Whether a lowercase word names a weekday in English, in full or cut after
/// three letters or more ("fri", "friday").
pub(crate) fn is_english_weekday(w: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    w.len() >= 3 && DAYS.iter().any(|d| d.starts_with(w))
}

/// Whether a lowercase word names a weekday in full in English, German,
/// French, Spanish, Italian, Portuguese or Dutch, or is an English one cut
/// after three letters or more ([`is_english_weekday`]).
pub(crate) fn is_weekday(w: &str) -> bool {
    const DAYS: [&str; 44] = [
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonnabend",
        "sonntag",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
        "lunedì",
        "martedì",
        "mercoledì",
        "giovedì",
        "venerdì",
        "sabato",
        "domenica",
        "segunda-feira",
        "terça-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "miercoles",
        "sabado",
        "terca-feira",
    ];
    is_english_weekday(w) || DAYS.contains(&w)
}

/// The month a word names: a full name, or an abbreviation of at least three
/// letters (`Sept`, `Okt`, `févr`); `None` for other words.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    // ASCII words lowercase on the stack (the same bytes as `to_lowercase`)
    let mut buf = [0u8; 32];
    let owned;
    let w: &str = if word.is_ascii() && word.len() <= buf.len() {
        for (d, x) in buf.iter_mut().zip(word.bytes()) {
            *d = x.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..word.len()]).unwrap_or_default()
    } else {
        owned = word.to_lowercase();
        &owned
    };
    let n = w.chars().count();
    if n < 3 {
        return None;
    }
    let first = w.as_bytes()[0];
    if w.len() < 64 && EXACT_FIRST_LENS[first as usize] & (1 << w.len()) != 0 {
        let (order, start) = &EXACT_BY_FIRST;
        let group = &order[start[first as usize] as usize..start[first as usize + 1] as usize];
        if let Some(&k) = group.iter().find(|&&k| EXACT_MONTHS[k as usize].0 == w) {
            return Some(EXACT_MONTHS[k as usize].1);
        }
    }
    // a month name or abbreviation starts as one of the names does
    if !MONTH_FIRST_BYTES[first as usize] {
        return None;
    }
    let mut found: Option<u32> = None;
    let (order, start) = &MONTHS_BY_FIRST;
    let group = &order[start[first as usize] as usize..start[first as usize + 1] as usize];
    for &k in group {
        let ((name, m), full_only) = (MONTHS[k as usize], MONTH_FULL_ONLY[k as usize]);
        // neither `w` nor a name it abbreviates: a shorter name (the group
        // is the names with `w`'s first byte)
        if name.len() < w.len() {
            continue;
        }
        let exact = name == w;
        let abbrev = !full_only && name.starts_with(w) && n >= 3;
        if exact {
            return Some(m);
        }
        if abbrev {
            match found {
                Some(f) if f != m => return None, // "ma" style ambiguity
                _ => found = Some(m),
            }
        }
    }
    found.or_else(|| EXTRA_ABBREVIATIONS.iter().find(|e| e.0 == w).map(|e| e.1))
}

/// Words that may stand between the parts of a written date ("5 de marzo de
/// 2024", "le 5 mars").
fn filler(t: &Tok<'_>) -> bool {
    match t {
        Tok::Space => true,
        Tok::Punct(',' | '.') => true,
        // every filler word is at most three bytes in lowercase, and an
        // ASCII word's lowercase is as long as it
        Tok::Word(w) if w.is_ascii() && w.len() > 3 => false,
        Tok::Word(w) => matches!(
            w.to_lowercase().as_str(),
            "de" | "del" | "of" | "the" | "th" | "st" | "nd" | "rd" | "er" | "e" | "º" | "o"
        ),
        _ => false,
    }
}

fn skip_filler(toks: &[Tok<'_>], mut j: usize) -> usize {
    let start = j;
    while j < toks.len() && j - start < 6 && filler(&toks[j]) {
        j += 1;
    }
    j
}

/// A date written with a month name: day first (`5 March 2024`, `5. März
/// 2024`) or month first (`March 5, 2024`, `Mar. 5th 2024`).
fn named_month(toks: &[Tok<'_>]) -> Option<DateTime> {
    for i in 0..toks.len() {
        let Tok::Word(w) = toks[i] else { continue };
        let Some(m) = month_number(w) else { continue };
        // the word after the month name must not continue it ("Marching")
        let after = skip_filler(toks, i + 1);
        // month first: Month D[,] YYYY
        if let Some(d) = num(toks.get(after)).filter(|_| num_len(toks.get(after)) <= 2) {
            let k = skip_filler(toks, after + 1);
            if num_len(toks.get(k)) == 4 {
                if let Some(mut dt) = make(num(toks.get(k))?, m, d) {
                    time_and_zone(toks, skip_filler(toks, k + 1), &mut dt);
                    return Some(dt);
                }
            }
        }
        // day first: D[.] [de] Month [de] YYYY
        let mut b = i;
        while b > 0 && i - b < 6 && filler(&toks[b - 1]) {
            b -= 1;
        }
        if b > 0 && num_len(toks.get(b - 1)) > 0 && num_len(toks.get(b - 1)) <= 2 {
            let d = num(toks.get(b - 1))?;
            if num_len(toks.get(after)) == 4 {
                if let Some(mut dt) = make(num(toks.get(after))?, m, d) {
                    time_and_zone(toks, skip_filler(toks, after + 1), &mut dt);
                    return Some(dt);
                }
            }
        }
        // day first with the same dash or slash on both sides: D-Mon-YYYY, D/Mon/YYYY
        if let (Some(Tok::Punct(sep @ ('-' | '/'))), Some(Tok::Punct(sep2))) =
            (i.checked_sub(1).map(|k| toks[k]), toks.get(i + 1).copied())
        {
            let dn = i.wrapping_sub(2);
            if sep == sep2
                && i >= 2
                && (1..=2).contains(&num_len(toks.get(dn)))
                && !glued_before(toks, dn)
                && num_len(toks.get(i + 2)) == 4
                && !matches!(toks.get(i + 3), Some(Tok::Num(_) | Tok::Punct('-' | '/')))
            {
                if let Some(mut dt) = make(num(toks.get(i + 2))?, m, num(toks.get(dn))?) {
                    time_and_zone(toks, skip_filler(toks, i + 3), &mut dt);
                    return Some(dt);
                }
            }
        }
        // year first: YYYY[.] Month D[.] (Hungarian "2024. március 5.", "2024 March 5")
        if b > 0 && b < i && num_len(toks.get(b - 1)) == 4 && !glued_before(toks, b - 1) {
            let dl = num_len(toks.get(after));
            let k = skip_filler(toks, after + 1);
            if (1..=2).contains(&dl) && num_len(toks.get(k)) != 4 {
                if let Some(mut dt) = make(num(toks.get(b - 1))?, m, num(toks.get(after))?) {
                    time_and_zone(toks, k, &mut dt);
                    return Some(dt);
                }
            }
        }
    }
    None
}

/// Reads `HH:MM[:SS][.frac] [am|pm] [zone]` starting at token `j` (after
/// optional "at", "um", "à", "-", "|") into `dt`. Leaves `dt` alone when no
/// time follows.
fn time_and_zone(toks: &[Tok<'_>], mut j: usize, dt: &mut DateTime) {
    // connectors between a date and its time
    loop {
        match toks.get(j) {
            Some(Tok::Space | Tok::Punct(',' | '-' | '|' | '–' | '·' | '@')) => j += 1,
            Some(Tok::Word(w))
                if matches!(
                    w.to_lowercase().as_str(),
                    "at" | "um" | "à" | "a" | "alle" | "om" | "às" | "las"
                        // "2021 г., 10:32", "kl. 10.32", "klo 10.32", "godz. 10:32", "saat 10:32", "в 10:32"
                        | "г" | "года" | "kl" | "klo" | "godz" | "saat" | "в" | "o"
                ) =>
            {
                j += 1;
                if toks.get(j) == Some(&Tok::Punct('.')) {
                    j += 1;
                }
            }
            _ => break,
        }
    }
    let Some(h) = num(toks.get(j)).filter(|_| num_len(toks.get(j)) <= 2) else {
        return;
    };
    let Some(Tok::Punct(':' | '.' | 'h')) = toks.get(j + 1).copied() else {
        // "14h30" tokenizes as Num Word("h") Num
        if matches!(toks.get(j + 1), Some(Tok::Word(w)) if w.eq_ignore_ascii_case("h")) {
            if let Some(mi) = num(toks.get(j + 2)).filter(|_| num_len(toks.get(j + 2)) == 2) {
                set_time(dt, h, mi, 0, toks, j + 3);
            }
        }
        return;
    };
    let Some(mi) = num(toks.get(j + 2)).filter(|_| num_len(toks.get(j + 2)) == 2) else {
        return;
    };
    let mut k = j + 3;
    let mut sec = 0;
    if toks.get(k) == Some(&Tok::Punct(':')) && num_len(toks.get(k + 1)) == 2 {
        sec = num(toks.get(k + 1)).unwrap_or(0);
        k += 2;
        // fractional seconds
        if toks.get(k) == Some(&Tok::Punct('.')) && num_len(toks.get(k + 1)) > 0 {
            k += 2;
        }
    }
    set_time(dt, h, mi, sec, toks, k);
}

fn set_time(dt: &mut DateTime, mut h: u32, mi: u32, sec: u32, toks: &[Tok<'_>], mut k: usize) {
    // am / pm, also written "p.m."
    if toks.get(k) == Some(&Tok::Space) {
        k += 1;
    }
    let word = |t: Option<&Tok<'_>>| match t {
        Some(Tok::Word(w)) => Some(w.to_lowercase()),
        _ => None,
    };
    let mut meridiem = None;
    match word(toks.get(k)).as_deref() {
        Some("am") => meridiem = Some(false),
        Some("pm") => meridiem = Some(true),
        Some("a" | "p")
            if toks.get(k + 1) == Some(&Tok::Punct('.'))
                && word(toks.get(k + 2)).as_deref() == Some("m") =>
        {
            meridiem = Some(word(toks.get(k)).as_deref() == Some("p"));
            k += 2;
            if toks.get(k + 1) == Some(&Tok::Punct('.')) {
                k += 1;
            }
        }
        _ => {}
    }
    if let Some(pm) = meridiem {
        if h == 0 || h > 12 {
            return;
        }
        if pm && h != 12 {
            h += 12;
        } else if !pm && h == 12 {
            h = 0;
        }
        k += 1;
    }
    if h > 23 || mi > 59 || sec > 60 {
        return;
    }
    dt.time = Some((h as u8, mi as u8, sec.min(59) as u8));
    dt.offset_minutes = zone(toks, k);
}

/// A UTC offset at token `k`: `Z`, `+01:00`, `+0100`, `GMT`, `UTC+2`, or a
/// known zone abbreviation.
fn zone(toks: &[Tok<'_>], mut k: usize) -> Option<i16> {
    if toks.get(k) == Some(&Tok::Space) {
        k += 1;
    }
    let signed = |k: usize| -> Option<i16> {
        let sign = match toks.get(k)? {
            Tok::Punct('+') => 1,
            Tok::Punct('-' | '−') => -1,
            _ => return None,
        };
        let (h, m) = match (toks.get(k + 1), toks.get(k + 2), toks.get(k + 3)) {
            (Some(Tok::Num(hm)), _, _) if hm.len() == 4 => {
                (hm[..2].parse::<i16>().ok()?, hm[2..].parse::<i16>().ok()?)
            }
            (Some(Tok::Num(h)), Some(Tok::Punct(':')), Some(Tok::Num(m)))
                if h.len() <= 2 && m.len() == 2 =>
            {
                (h.parse().ok()?, m.parse().ok()?)
            }
            (Some(Tok::Num(h)), _, _) if h.len() <= 2 => (h.parse().ok()?, 0),
            _ => return None,
        };
        (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
    };
    if let Some(o) = signed(k) {
        return Some(o);
    }
    let Some(Tok::Word(w)) = toks.get(k) else {
        return None;
    };
    let base = match w.to_ascii_uppercase().as_str() {
        "Z" | "GMT" | "UTC" | "UT" => 0,
        "EST" => -300,
        "EDT" => -240,
        "CST" => -360,
        "CDT" => -300,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        "CET" | "MEZ" => 60,
        "CEST" | "MESZ" => 120,
        "EET" => 120,
        "EEST" => 180,
        "WET" => 0,
        "WEST" => 60,
        _ => return None,
    };
    // "GMT+2", "UTC-05:00"
    Some(signed(k + 1).map_or(base, |o| base + o))
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_in_urls() {
        use super::date_in_url;
        for (url, date) in [
            ("https://x.test/2014/03/05/storm/", Some("2014-03-05")),
            ("https://x.test/2014/3/5/storm", Some("2014-03-05")),
            (
                "http://x.test/index.php/2014/03/20/endlich",
                Some("2014-03-20"),
            ),
            ("https://x.test/blog/2020-10-18-cdpath/", Some("2020-10-18")),
            (
                "http://x.test/blog/briefe/2010-10-26-18",
                Some("2010-10-26"),
            ),
            (
                "https://web.archive.org/web/20140226054445/http://x.test/2013/08/07/kinos/",
                Some("2013-08-07"),
            ),
            ("https://x.test/news/2014/03/storm", None),
            ("https://x.test/a/20140305/storm", None),
            ("https://x.test/2014/02/30/storm", None),
            ("https://x.test/1890/03/05/storm", None),
            ("https://x.test/2014-03-051/", None),
            ("https://x.test/story?date=2014/03/05", None),
            ("https://2014.x.test/", None),
            ("not a url", None),
            ("", None),
        ] {
            assert_eq!(date_in_url(url).as_deref(), date, "{url}");
        }
    }

    #[test]
    fn a_pages_local_writing_of_a_utc_instant_is_told() {
        use super::{local_of_utc, utc_beside};
        let utc = "2018-12-31T23:11:59Z";
        // the same second with its offset, or as a wall clock whole quarter hours away
        assert!(local_of_utc(utc, "2019-01-01T00:11:59+01:00"));
        assert!(local_of_utc(utc, "2018-12-31T18:11:59-05:00"));
        assert!(local_of_utc(utc, "2019-01-01T04:41:59+05:30"));
        assert!(local_of_utc(utc, "2018-12-31T18:11:59"));
        // not: another instant, the same UTC writing, a date alone, a local
        // time that is not a zone's reading of that second, a non-UTC first
        assert!(!local_of_utc(utc, "2019-01-01T00:11:59+02:00"));
        assert!(!local_of_utc(utc, "2018-12-31T23:11:59Z"));
        assert!(!local_of_utc(utc, "2018-12-31T23:11:59"));
        assert!(!local_of_utc(utc, "2019-01-01"));
        assert!(!local_of_utc(utc, "2018-12-31T18:12:03"));
        assert!(!local_of_utc(utc, "2018-12-30T18:11:59"));
        assert!(!local_of_utc("2019-01-01T00:11:59+01:00", utc));
        assert!(!local_of_utc("2019-01-01", utc));
        // a UTC instant on the day next to a permalink's day
        assert!(utc_beside(utc, "2019-01-01"));
        assert!(utc_beside("2020-02-25T02:25:54Z", "2020-02-24"));
        assert!(!utc_beside(utc, "2018-12-31"));
        assert!(!utc_beside(utc, "2019-01-02"));
        assert!(!utc_beside("2019-01-01T00:11:59+01:00", "2018-12-31"));
        assert!(!utc_beside("2018-12-31", "2019-01-01"));
        // a day the page shows that a zone puts the UTC instant on
        assert!(super::local_day_of_utc(
            "2021-11-04T23:00:00Z",
            "2021-11-05"
        ));
        assert!(super::local_day_of_utc(
            "2022-05-04T00:53:29Z",
            "2022-05-03"
        ));
        // not: UTC's own day, a day no zone reaches (11:10 UTC is the next
        // day nowhere but at UTC+13 or more ... not before 10:00), a date
        // with a time, an instant with an offset
        assert!(!super::local_day_of_utc(
            "2021-11-04T23:00:00Z",
            "2021-11-04"
        ));
        assert!(!super::local_day_of_utc(
            "2022-02-01T09:10:00Z",
            "2022-02-02"
        ));
        assert!(!super::local_day_of_utc(
            "2022-05-04T12:53:29Z",
            "2022-05-03"
        ));
        assert!(!super::local_day_of_utc(
            "2021-11-04T23:00:00Z",
            "2021-11-06"
        ));
        assert!(!super::local_day_of_utc(
            "2021-11-04T23:00:00Z",
            "2021-11-05T00:00:00"
        ));
        assert!(!super::local_day_of_utc(
            "2021-11-04T23:00:00+01:00",
            "2021-11-05"
        ));
        for junk in [
            "",
            "2018-12-31T",
            "2018-12-31T23:11:59+1",
            "2018-12-31T2x:11:59Z",
            "ąąąąąąąąąąąąąąąąąąąą",
        ] {
            assert!(
                !local_of_utc(junk, utc)
                    && !local_of_utc(utc, junk)
                    && !utc_beside(junk, "2019-01-01")
                    && !super::local_day_of_utc(junk, "2019-01-01")
                    && !super::local_day_of_utc(utc, junk)
            );
        }
    }

    #[test]
    fn within_a_day_allows_a_time_zones_difference_only() {
        use super::within_a_day;
        assert!(within_a_day(
            "2019-11-18T20:58:46-08:00",
            "2019-11-19T04:58:46Z"
        ));
        assert!(within_a_day("2024-02-29", "2024-03-01"));
        assert!(within_a_day("2023-12-31", "2024-01-01"));
        assert!(!within_a_day(
            "2023-11-03T10:25:56Z",
            "2023-11-06T14:25:00Z"
        ));
        assert!(!within_a_day("2021-12-06", "2022-12-06"));
        assert!(!within_a_day("2024-03-05", "not a date"));
        assert!(!within_a_day("2024-13-05", "2024-13-05"));
    }

    use super::*;

    /// `month_number` as it was before its skips (the definition).
    fn reference_month_number(word: &str) -> Option<u32> {
        let w = word.to_lowercase();
        let n = w.chars().count();
        if n < 3 {
            return None;
        }
        if let Some(e) = EXACT_MONTHS.iter().find(|e| e.0 == w) {
            return Some(e.1);
        }
        if !MONTH_FIRST_BYTES[w.as_bytes()[0] as usize] {
            return None;
        }
        let mut found: Option<u32> = None;
        for &(name, m) in &MONTHS {
            if name == w {
                return Some(m);
            }
            if !FULL_ONLY.contains(&name) && name.starts_with(w.as_str()) {
                match found {
                    Some(f) if f != m => return None,
                    _ => found = Some(m),
                }
            }
        }
        found.or_else(|| EXTRA_ABBREVIATIONS.iter().find(|e| e.0 == w).map(|e| e.1))
    }

    #[test]
    fn names_read_in_full_are_no_other_month_and_parse() {
        for &(name, m) in &EXACT_MONTHS {
            assert_eq!(name, name.to_lowercase(), "{name}");
            assert!(!MONTHS.iter().any(|e| e.0 == name), "{name} is in MONTHS");
            // no abbreviation of another month reads the same word
            for &(other, om) in &MONTHS {
                if !FULL_ONLY.contains(&other) && other.starts_with(name) {
                    assert_eq!(om, m, "{name} abbreviates {other}");
                }
            }
            assert_eq!(month_number(name), Some(m), "{name}");
            let upper: String = name.to_uppercase();
            if upper.to_lowercase() == name {
                // (not "mayıs": its capitals lowercase to "mayis", also listed)
                assert_eq!(month_number(&upper), Some(m), "{upper}");
            }
        }
        let dates = [
            ("5 марта 2021 г., 10:32", "2021-03-05T10:32:00"),
            ("5 березня 2021", "2021-03-05"),
            ("5 października 2021", "2021-10-05"),
            ("5. července 2021", "2021-07-05"),
            ("5 Mart 2021 Cuma", "2021-03-05"),
            ("5 augusti 2021 kl. 10.32", "2021-08-05T10:32:00"),
            ("5. maaliskuuta 2021", "2021-03-05"),
            ("5 martie 2021", "2021-03-05"),
            ("5 Agustus 2021", "2021-08-05"),
            ("5 Μαρτίου 2021", "2021-03-05"),
        ];
        for (s, iso) in dates {
            assert_eq!(parse_date(s).as_deref(), Some(iso), "{s}");
        }
        // November in Polish and Czech, October in Croatian: no date
        assert_eq!(parse_date("5 listopada 2021"), None);
    }

    #[test]
    fn year_first_and_dashed_named_months() {
        assert_eq!(p("2021. március 5.").as_deref(), Some("2021-03-05"));
        assert_eq!(
            p("2021. március 5. 10:32").as_deref(),
            Some("2021-03-05T10:32:00")
        );
        assert_eq!(p("2021 March 5").as_deref(), Some("2021-03-05"));
        assert_eq!(p("5-Mar-2021").as_deref(), Some("2021-03-05"));
        assert_eq!(
            p("05/Mar/2021 14:20").as_deref(),
            Some("2021-03-05T14:20:00")
        );
        assert_eq!(p("Published: 5-March-2021").as_deref(), Some("2021-03-05"));
        // what stays no date
        assert_eq!(p("5-Mar/2021"), None); // two different separators
        assert_eq!(p("March 2021"), None);
        assert_eq!(p("2021 March"), None);
        assert_eq!(p("12021 March 5"), None);
    }

    #[test]
    fn month_number_is_the_definition() {
        let mut words: Vec<String> = ["", "a", "Marching", "mayo", "Ma", "MAR", "jun", "ju", "x"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for (name, _) in MONTHS
            .iter()
            .chain(&EXTRA_ABBREVIATIONS)
            .chain(&EXACT_MONTHS)
        {
            for (k, _) in name.char_indices().skip(1) {
                words.push(name[..k].to_string());
            }
            words.push(name.to_string());
            words.push(name.to_uppercase());
            words.push(format!("{name}s"));
        }
        for w in &words {
            assert_eq!(month_number(w), reference_month_number(w), "{w:?}");
            // what `meta::is_month_word` relies on: a word of letters before
            // " 1, 2000" makes a date exactly when it names a month
            if w.chars().all(char::is_alphabetic) {
                let probe = parse_datetime(&format!("{w} 1, 2000"));
                assert_eq!(probe.is_some(), month_number(w).is_some(), "{w:?}");
            }
        }
        assert!(FULL_ONLY.iter().all(|f| MONTHS.iter().any(|m| m.0 == *f)));
        assert_eq!(
            MONTH_FULL_ONLY.iter().filter(|&&x| x).count(),
            FULL_ONLY.len()
        );
    }

    fn p(s: &str) -> Option<String> {
        parse_date(s)
    }

    #[test]
    fn chinese_japanese_and_korean_dates() {
        assert_eq!(p("2021年3月5日").as_deref(), Some("2021-03-05"));
        assert_eq!(
            p("2021年03月05日 10:32").as_deref(),
            Some("2021-03-05T10:32:00")
        );
        assert_eq!(p("2021 年 3 月 5 日").as_deref(), Some("2021-03-05"));
        assert_eq!(p("新华社北京2021年3月5日电").as_deref(), Some("2021-03-05"));
        assert_eq!(
            p("2021年3月5日（金）14時05分").as_deref(),
            Some("2021-03-05T14:05:00")
        );
        assert_eq!(
            p("更新：2021年3月5日(金) 9:41").as_deref(),
            Some("2021-03-05T09:41:00")
        );
        assert_eq!(p("2021년 3월 5일").as_deref(), Some("2021-03-05"));
        assert_eq!(
            p("입력 2021년 3월 5일 오후 3:05").as_deref(),
            Some("2021-03-05T15:05:00")
        );
        assert_eq!(
            p("2021년 3월 5일 오전 12:10").as_deref(),
            Some("2021-03-05T00:10:00")
        );
        assert_eq!(p("2021年2月30日"), None); // no such day
        assert_eq!(p("2021年3月"), None); // no day
        assert_eq!(p("12021年3月5日"), None);
        assert_eq!(p("1999年から2021年3月"), None);
    }

    #[test]
    fn random_strings_of_date_parts_give_valid_dates_or_none() {
        // pieces of every format read, glued at random: no panic, and every
        // date returned is a real one with a time of day that exists
        let parts = [
            "2021", "12", "5", "31", "02", "年", "월", "月", "일", "日", "电", "時", "分", "년",
            "오후", "오전", "（", "）", "(", ")", "金", " ", ".", "/", "-", ":", ",", "T", "Z",
            "+01:00", "March", "März", "de", "pm", "a.m.", "GMT", "EST", "0", "24", "99", "1900",
            "2101",
        ];
        let mut rng = crate::testing::Rng(0x0da7_e5ee_d000_0001);
        for _ in 0..20_000 {
            let n = 1 + rng.below(10);
            let s: String = (0..n).map(|_| parts[rng.below(parts.len())]).collect();
            if let Some(d) = parse_datetime(&s) {
                assert!(
                    make(u32::from(d.year), u32::from(d.month), u32::from(d.day)).is_some(),
                    "{s:?}"
                );
                if let Some((h, mi, sec)) = d.time {
                    assert!(h < 24 && mi < 60 && sec < 60, "{s:?} -> {d:?}");
                }
            }
        }
    }

    #[test]
    fn iso_forms() {
        assert_eq!(p("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(
            p("2024-03-05T14:30:00Z").as_deref(),
            Some("2024-03-05T14:30:00Z")
        );
        assert_eq!(
            p("2024-03-05T14:30:00.123+0100").as_deref(),
            Some("2024-03-05T14:30:00+01:00")
        );
        assert_eq!(
            p("2024-03-05 14:30").as_deref(),
            Some("2024-03-05T14:30:00")
        );
        assert_eq!(
            p("2024-03-05T09:15:00-05:00").as_deref(),
            Some("2024-03-05T09:15:00-05:00")
        );
        assert_eq!(p("2008/01/16").as_deref(), Some("2008-01-16"));
        assert_eq!(p("20080116").as_deref(), Some("2008-01-16"));
        assert_eq!(
            p("Published: 2008-01-16, 10:02").as_deref(),
            Some("2008-01-16T10:02:00")
        );
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            p("Tue, 05 Mar 2024 14:30:00 GMT").as_deref(),
            Some("2024-03-05T14:30:00Z")
        );
        assert_eq!(
            p("Wed, 16 Jan 2008 09:05:11 +0000").as_deref(),
            Some("2008-01-16T09:05:11Z")
        );
    }

    #[test]
    fn written_months() {
        assert_eq!(p("March 5, 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(
            p("Mar. 5, 2024, 4:30 p.m. EST").as_deref(),
            Some("2024-03-05T16:30:00-05:00")
        );
        assert_eq!(
            p("Tuesday, January 15th, 2008").as_deref(),
            Some("2008-01-15")
        );
        assert_eq!(
            p("16 January 2008 – The Security Council").as_deref(),
            Some("2008-01-16")
        );
        assert_eq!(
            p("5. März 2024, 14:30 Uhr").as_deref(),
            Some("2024-03-05T14:30:00")
        );
        assert_eq!(
            p("le 5 mars 2024 à 14h30").as_deref(),
            Some("2024-03-05T14:30:00")
        );
        assert_eq!(p("5 de marzo de 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(p("12 settembre 2023").as_deref(), Some("2023-09-12"));
        assert_eq!(p("Sept. 9, 2023").as_deref(), Some("2023-09-09"));
        assert_eq!(
            p("Updated 12:01 AM ET, Wed January 16, 2008").as_deref(),
            Some("2008-01-16")
        );
    }

    #[test]
    fn numeric_day_first_and_ambiguity() {
        assert_eq!(p("05.03.2024").as_deref(), Some("2024-03-05"));
        assert_eq!(
            p("16.01.2008 10:45").as_deref(),
            Some("2008-01-16T10:45:00")
        );
        assert_eq!(p("1/16/2008").as_deref(), Some("2008-01-16"));
        assert_eq!(p("16/01/2008").as_deref(), Some("2008-01-16"));
        assert_eq!(p("03/05/2024"), None);
        // a two-digit year last may be a two-digit year first ("24-03-05" is
        // 2024-03-05 as often as 24 March 2005)
        assert_eq!(p("24-03-05"), None);
        assert_eq!(p("16/01/08"), None);
        assert_eq!(p("05.03.24").as_deref(), Some("2024-03-05"));
        assert_eq!(p("31/01/2008").as_deref(), Some("2008-01-31"));
        assert_eq!(p("05/05/05").as_deref(), Some("2005-05-05"));
        // a two-digit year run into the clock time (forum post stamps)
        assert_eq!(p("28.09.1912:44").as_deref(), Some("2019-09-28T12:44:00"));
        assert_eq!(p("28.09.1912").as_deref(), Some("1912-09-28"));
        // German spaced dots, with thin and no-break spaces too
        assert_eq!(p("4. 2. 2022").as_deref(), Some("2022-02-04"));
        assert_eq!(
            p("Von Deutscher Tennis Bund 4.\u{2009}2.\u{2009}2022.").as_deref(),
            Some("2022-02-04")
        );
        assert_eq!(
            p("14.\u{a0}12.\u{a0}2021, 10:30").as_deref(),
            Some("2021-12-14T10:30:00")
        );
        assert_eq!(p("4. 2. 22"), None);
        assert_eq!(p("4. 13. 2022"), None);
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for s in [
            "",
            "May the best win",
            "2024",
            "version 1.2.3",
            "2023-02-30",
            "3000-01-01",
            "Marching orders for 2024",
            "call 555-12-2024",
            "12:30",
            "page 3 of 10",
        ] {
            assert_eq!(p(s), None, "{s:?}");
        }
    }

    #[test]
    fn long_and_odd_input_is_safe() {
        let long = "x".repeat(100_000) + " 2024-03-05";
        assert_eq!(p(&long), None); // beyond MAX_DATE_LEN
        let s = "ä".repeat(150) + "2024-03-05";
        let _ = p(&s);
        for s in [
            "+",
            "2024-",
            "2024-03-",
            "March",
            "5 March",
            "12:",
            "Z",
            "\u{0}2024-03-05",
        ] {
            let _ = p(s);
        }
    }
}
