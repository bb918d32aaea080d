//! Archive to articles: HTML records read a batch at a time and extracted in
//! parallel.

use std::io::Read;

use super::{Counts, Record, SkipReason, WarcReader};
use crate::article::Article;
use crate::batch::{Pool, Threads};
use crate::error::Result;
use crate::html::Extractor;

/// One article and the record it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleRow {
    /// The article ([`Extractor::article`] with the record's target URI as the URL).
    pub article: Article,
    /// `WARC-Target-URI`.
    pub warc_url: Option<String>,
    /// `WARC-Date`.
    pub warc_date: Option<String>,
    /// `WARC-Record-ID`.
    pub record_id: Option<String>,
}

/// What an [`ArticleReader`] has done so far. The counts add up:
/// `records == articles + skipped` (summed over reasons), and
/// `html_records == articles + no-text`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Every record read, plus every stretch of damage skipped.
    pub records: u64,
    /// Records that passed the reader's filters (HTML responses by default).
    pub html_records: u64,
    /// Articles returned (HTML records with some article text).
    pub articles: u64,
    /// Skips by reason (non-zero counts, in [`SkipReason::ALL`] order), with
    /// `no-text` for HTML pages without article text.
    pub skipped: Vec<(SkipReason, u64)>,
}

impl Summary {
    /// `pending`: records read ahead, not extracted yet (left out of the counts).
    fn new(counts: &Counts, no_text: u64, pending: u64) -> Summary {
        let mut skipped = counts.skipped_by_reason();
        if no_text > 0 {
            skipped.push((SkipReason::NoText, no_text));
        }
        Summary {
            records: counts.records - pending,
            html_records: counts.returned - pending,
            articles: counts.returned - pending - no_text,
            skipped,
        }
    }
}

/// Reads HTML records from a [`WarcReader`] and extracts their articles, a
/// batch at a time: memory is bounded by the batch, not the archive.
///
/// With more than one thread, the next batch is read on its own thread while
/// the current one is extracted (two batches in memory); with one thread
/// everything runs on the calling thread.
pub struct ArticleReader<R> {
    reader: WarcReader<R>,
    extractor: Extractor,
    batch_records: usize,
    batch_bytes: usize,
    pool: Pool,
    no_text: u64,
    /// The batch read ahead (or the error reading it).
    ahead: Option<Result<Vec<Record>>>,
}

/// Reads up to a batch of HTML records (empty at the end of the archive).
fn read_batch_from<R: Read>(
    reader: &mut WarcReader<R>,
    max_records: usize,
    max_bytes: usize,
) -> Result<Vec<Record>> {
    let mut records = Vec::new();
    let mut bytes = 0;
    while records.len() < max_records && bytes < max_bytes {
        match reader.next_record()? {
            None => break,
            Some(r) => {
                bytes += r.payload.len();
                records.push(r);
            }
        }
    }
    Ok(records)
}

impl<R: Read> ArticleReader<R> {
    /// Extracts with `extractor` on `threads`; a batch holds up to
    /// `batch_records` records, fewer when their payloads pass `batch_bytes`.
    pub fn new(
        reader: WarcReader<R>,
        extractor: Extractor,
        batch_records: usize,
        batch_bytes: usize,
        threads: Threads,
        force_sequential: bool,
    ) -> ArticleReader<R> {
        ArticleReader {
            reader,
            extractor,
            batch_records: batch_records.max(1),
            batch_bytes: batch_bytes.max(1),
            pool: Pool::new(threads, force_sequential),
            no_text: 0,
            ahead: None,
        }
    }

    /// The reader's counts and the extraction's, so far (a batch read ahead
    /// counts once it is extracted).
    pub fn summary(&self) -> Summary {
        let pending = match &self.ahead {
            Some(Ok(batch)) => batch.len() as u64,
            _ => 0,
        };
        Summary::new(self.reader.counts(), self.no_text, pending)
    }

    /// Bytes read from the source so far.
    pub fn source_bytes(&self) -> u64 {
        self.reader.source_bytes()
    }

    /// The next batch of HTML records (the one read ahead, if any); empty at
    /// the end of the archive.
    pub fn read_batch(&mut self) -> Result<Vec<Record>> {
        match self.ahead.take() {
            Some(batch) => batch,
            None => read_batch_from(&mut self.reader, self.batch_records, self.batch_bytes),
        }
    }

    /// Extracts the articles of `records` in parallel (counting pages without
    /// text); with more than one thread, reads the next batch meanwhile.
    pub fn extract(&mut self, records: &[Record]) -> Vec<ArticleRow>
    where
        R: Send,
    {
        if self.pool.is_sequential() {
            return self.extract_only(records);
        }
        let (limit, bytes) = (self.batch_records, self.batch_bytes);
        let ArticleReader {
            reader,
            extractor,
            pool,
            no_text,
            ..
        } = self;
        let (rows, ahead) = std::thread::scope(|s| {
            let ahead = s.spawn(|| read_batch_from(reader, limit, bytes));
            let rows = extract_with(pool, extractor, no_text, records);
            (rows, ahead.join())
        });
        self.ahead = Some(ahead.unwrap_or_else(|_| {
            Err(crate::Error::new(
                crate::ErrorKind::Io,
                "the thread reading ahead stopped unexpectedly",
            ))
        }));
        rows
    }

    fn extract_only(&mut self, records: &[Record]) -> Vec<ArticleRow> {
        extract_with(&self.pool, &self.extractor, &mut self.no_text, records)
    }
}

fn extract_with(
    pool: &Pool,
    x: &Extractor,
    no_text: &mut u64,
    records: &[Record],
) -> Vec<ArticleRow> {
    let rows: Vec<Option<ArticleRow>> = pool.map(records, |r| {
        let html = r.html();
        let article = x.article(&html, r.target_uri.as_deref());
        (!article.text.is_empty()).then(|| ArticleRow {
            article,
            warc_url: r.target_uri.clone(),
            warc_date: r.date.clone(),
            record_id: r.record_id.clone(),
        })
    });
    let n = rows.len();
    let rows: Vec<ArticleRow> = rows.into_iter().flatten().collect();
    *no_text += (n - rows.len()) as u64;
    rows
}

impl<R: Read + Send> ArticleReader<R> {
    /// The next batch of articles (never empty); `None` at the end.
    pub fn next_batch(&mut self) -> Result<Option<Vec<ArticleRow>>> {
        loop {
            let records = self.read_batch()?;
            if records.is_empty() {
                return Ok(None);
            }
            let rows = self.extract(&records);
            if !rows.is_empty() {
                return Ok(Some(rows));
            }
        }
    }
}
