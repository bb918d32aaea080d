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
    fn new(counts: &Counts, no_text: u64) -> Summary {
        let mut skipped = counts.skipped_by_reason();
        if no_text > 0 {
            skipped.push((SkipReason::NoText, no_text));
        }
        Summary {
            records: counts.records,
            html_records: counts.returned,
            articles: counts.returned - no_text,
            skipped,
        }
    }
}

/// Reads HTML records from a [`WarcReader`] and extracts their articles, a
/// batch at a time: memory is bounded by the batch, not the archive.
pub struct ArticleReader<R> {
    reader: WarcReader<R>,
    extractor: Extractor,
    batch_records: usize,
    batch_bytes: usize,
    pool: Pool,
    no_text: u64,
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
        }
    }

    /// The reader's counts and the extraction's, so far.
    pub fn summary(&self) -> Summary {
        Summary::new(self.reader.counts(), self.no_text)
    }

    /// Bytes read from the source so far.
    pub fn source_bytes(&self) -> u64 {
        self.reader.source_bytes()
    }

    /// Reads up to a batch of HTML records (empty at the end of the archive).
    pub fn read_batch(&mut self) -> Result<Vec<Record>> {
        let mut records = Vec::new();
        let mut bytes = 0;
        while records.len() < self.batch_records && bytes < self.batch_bytes {
            match self.reader.next_record()? {
                None => break,
                Some(r) => {
                    bytes += r.payload.len();
                    records.push(r);
                }
            }
        }
        Ok(records)
    }

    /// Extracts the articles of `records` in parallel (counting pages without text).
    pub fn extract(&mut self, records: &[Record]) -> Vec<ArticleRow> {
        let x = &self.extractor;
        let rows: Vec<Option<ArticleRow>> = self.pool.map(records, |r| {
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
        self.no_text += (n - rows.len()) as u64;
        rows
    }

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
