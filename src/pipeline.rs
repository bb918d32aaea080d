//! The whole job in one pass per document: clean (or extract from HTML),
//! split into sentences, find entities.
//!
//! ```
//! use newsprep::boilerplate::Cleaner;
//! use newsprep::entities::{MatcherBuilder, Record};
//! use newsprep::pipeline::Pipeline;
//! use newsprep::sentences::SentenceSplitter;
//!
//! let cleaner = Cleaner::new();
//! let splitter = SentenceSplitter::new();
//! let matcher = MatcherBuilder::new()
//!     .build(vec![Record::new("faro", "LOC", ["Faro"])])
//!     .unwrap();
//! let pipe = Pipeline::new()
//!     .cleaner(&cleaner)
//!     .splitter(&splitter)
//!     .matcher(&matcher);
//! let page = "Home | World | Sign in\nRain fell in Faro on Monday. Roads closed.\nShare this article\n";
//! let doc = pipe.text(page, None);
//! let clean = doc.clean_text(page);
//! assert_eq!(clean, "Rain fell in Faro on Monday. Roads closed.\n");
//! let (s, e) = doc.sentences[1];
//! assert_eq!(&clean[s..e], "Roads closed.");
//! assert_eq!(doc.mentions[0].sentence, Some(0));
//! assert_eq!(doc.removed.len(), 2);
//! ```
//!
//! A [`Pipeline`] borrows its stages (each optional) and is `Send + Sync`;
//! [`Pipeline::text`] and [`Pipeline::html`] turn one document into one
//! compact [`Processed`]: the clean text, the removed lines with their reasons
//! and where they stood, the sentence spans and the mentions (each with the
//! sentence it starts in). Offsets are bytes, as everywhere in the core;
//! bindings convert them to code points. Batches run documents in parallel
//! with [`Pipeline::many`] (bindings use their own chunked driver so that
//! Ctrl-C and progress bars work between chunks).
//!
//! The result equals running the stages one after the other: the cleaner's
//! [`Cleaner::clean_and_explain`] (in corpus mode with the page's
//! [`SiteLines`]), then [`SentenceSplitter::spans`] and
//! [`EntityMatcher::find`] on the clean text. HTML pages are split by the
//! rules of their declared language (see [`crate::sentences::Language::from_tag`])
//! unless the splitter was built for one language.

use crate::article::Article;
use crate::batch::{map_parallel, Threads};
use crate::boilerplate::{Cleaner, Explanation, SiteLines};
use crate::entities::EntityMatcher;
use crate::html::Extractor;
use crate::sentences::{Language, LanguageMode, SentenceSplitter, Span};

/// The stages of the job, each optional and borrowed.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pipeline<'a> {
    cleaner: Option<&'a Cleaner>,
    extractor: Option<&'a Extractor>,
    splitter: Option<&'a SentenceSplitter>,
    matcher: Option<&'a EntityMatcher>,
}

/// One removed line of the text the decisions were made on (the input, or
/// the page text of an HTML page).
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedLine {
    /// 0-based line number in that text.
    pub line: usize,
    /// Byte offset of the line's content in that text.
    pub start: usize,
    /// Byte offset just past the content (without the line end).
    pub end: usize,
    /// The stable rule id that removed it (see
    /// [`crate::boilerplate::RULE_IDS`]).
    pub reason: &'static str,
    /// The line model's probability that the line is article text.
    pub score: f32,
    /// Byte offset in the clean text where the line stood (for display).
    pub at: usize,
}

/// One entity mention in the clean text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the mention in the clean text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The name found ([`EntityMatcher::name`]).
    pub name: u32,
    /// Its first entity ([`EntityMatcher::entity`]).
    pub entity: u32,
    /// Index of the sentence the mention starts in, if it starts in one.
    pub sentence: Option<usize>,
}

/// What the pipeline makes of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Processed {
    /// The clean text; `None` when nothing was cleaned (no cleaner, no
    /// extractor): the clean text is then the input itself.
    pub clean: Option<String>,
    /// For HTML: the page text the extractor's decisions were made on (every
    /// visible block on its own line); `None` for text input.
    pub page_text: Option<String>,
    /// The non-blank lines that were removed, in order.
    pub removed: Vec<RemovedLine>,
    /// Sentence byte spans of the clean text, in order.
    pub sentences: Vec<Span>,
    /// Entity mentions in the clean text, in order of start.
    pub mentions: Vec<Mention>,
    /// For HTML: the article's parts. Its `text` is left empty: it is
    /// [`Processed::clean`] (not stored twice).
    pub article: Option<Article>,
}

impl Processed {
    /// The clean text, given the input the document was made from.
    pub fn clean_text<'s>(&'s self, input: &'s str) -> &'s str {
        self.clean.as_deref().unwrap_or(input)
    }

    /// The text the removed lines' offsets refer to: the page text for HTML,
    /// else the input.
    pub fn decided_text<'s>(&'s self, input: &'s str) -> &'s str {
        self.page_text.as_deref().unwrap_or(input)
    }
}

impl<'a> Pipeline<'a> {
    /// A pipeline with no stages: the text passes through unchanged.
    pub fn new() -> Pipeline<'a> {
        Pipeline::default()
    }

    /// Cleans page text with `cleaner`.
    pub fn cleaner(mut self, cleaner: &'a Cleaner) -> Self {
        self.cleaner = Some(cleaner);
        self
    }

    /// Extracts the article from HTML with `extractor` (for [`Pipeline::html`]).
    pub fn extractor(mut self, extractor: &'a Extractor) -> Self {
        self.extractor = Some(extractor);
        self
    }

    /// Splits the clean text into sentences with `splitter`.
    pub fn splitter(mut self, splitter: &'a SentenceSplitter) -> Self {
        self.splitter = Some(splitter);
        self
    }

    /// Finds entities in the clean text with `matcher`.
    pub fn matcher(mut self, matcher: &'a EntityMatcher) -> Self {
        self.matcher = Some(matcher);
        self
    }

    /// Whether the pipeline reads HTML (it has an extractor).
    pub fn reads_html(&self) -> bool {
        self.extractor.is_some()
    }

    /// Processes one page of text. `site` is the page's site line counts in
    /// corpus mode (see [`crate::boilerplate::SiteStats`]).
    pub fn text(&self, text: &str, site: Option<&SiteLines>) -> Processed {
        let (mut out, ex) = self.text_explained(text, site);
        if let (Some(ex), Some(clean)) = (ex, out.clean.as_deref()) {
            out.removed = removed_lines(text, clean.len(), &ex);
        }
        out
    }

    /// [`Pipeline::text`] with the removed lines not listed yet (`removed` stays empty):
    /// the cleaner's explanation instead (`None` without a cleaner), from which
    /// [`removed_lines`] lists them. `Pipeline.process` lists them only when a
    /// Document's removed lines are read: listing them (a step per line of the page)
    /// and converting their offsets to code points was a fifth of what
    /// `Pipeline.process` adds to cleaning on the L3S dev pages.
    pub(crate) fn text_explained(
        &self,
        text: &str,
        site: Option<&SiteLines>,
    ) -> (Processed, Option<Explanation>) {
        let mut out = Processed::default();
        let mut explanation = None;
        if let Some(cleaner) = self.cleaner {
            let (clean, ex) = cleaner.clean_and_explain(text, site);
            out.clean = Some(clean);
            explanation = Some(ex);
        }
        self.split_and_match(text, &mut out, None);
        (out, explanation)
    }

    /// [`Pipeline::text`] without the removed lines (`removed` stays empty), and how
    /// many there are: the clean text is made without the cleaner's explanation,
    /// which `Pipeline.to_frames` (it gives only the count) does not need.
    #[cfg(any(feature = "python", test))]
    pub(crate) fn text_counting_removed(
        &self,
        text: &str,
        site: Option<&SiteLines>,
    ) -> (Processed, usize) {
        let mut out = Processed::default();
        let mut removed = 0;
        if let Some(cleaner) = self.cleaner {
            let (clean, n) = cleaner.clean_and_count_removed(text, site);
            out.clean = Some(clean);
            removed = n;
        }
        self.split_and_match(text, &mut out, None);
        (out, removed)
    }

    /// Processes one HTML page with the extractor (`url`: where the page came
    /// from). Without an extractor, the HTML is treated as text.
    pub fn html(&self, html: &str, url: Option<&str>) -> Processed {
        let Some(extractor) = self.extractor else {
            return self.text(html, None);
        };
        let (mut article, page_text, decisions) = extractor.article_and_decisions(html, url);
        let clean = std::mem::take(&mut article.text);
        let mut out = Processed::default();
        // Where each removed line stood: before the next kept line of the page
        // (the headline comes first in the article, whatever its place on the page).
        let mut kept_at = vec![clean.len(); decisions.len()];
        let mut pos = 0;
        let title = decisions.iter().position(|d| d.kept && d.reason == "title");
        let order = title
            .into_iter()
            .chain((0..decisions.len()).filter(|&i| Some(i) != title && decisions[i].kept));
        for i in order {
            let d = &decisions[i];
            let line = page_text.get(d.start..d.end).unwrap_or("");
            if let Some(k) = clean.get(pos..).and_then(|rest| rest.find(line)) {
                kept_at[i] = pos + k;
                pos += k + line.len();
            }
        }
        let mut next_kept = clean.len();
        let mut at = vec![clean.len(); decisions.len()];
        for i in (0..decisions.len()).rev() {
            if decisions[i].kept {
                next_kept = kept_at[i];
            }
            at[i] = next_kept;
        }
        let mut floor = 0;
        for (d, &a) in decisions.iter().zip(&at) {
            if d.kept {
                continue;
            }
            floor = a.max(floor);
            out.removed.push(RemovedLine {
                line: d.line,
                start: d.start,
                end: d.end,
                reason: d.reason,
                score: d.score,
                at: floor,
            });
        }
        let language = article.language.clone();
        out.clean = Some(clean);
        out.page_text = Some(page_text);
        out.article = Some(article);
        self.split_and_match(html, &mut out, language.as_deref());
        out
    }

    /// Splits and matches the clean text of `out` (`input` when nothing was
    /// cleaned).
    ///
    /// `language` is the document's declared language (an HTML page's `<html
    /// lang>` or `content-language`, as [`Article::language`]): when the
    /// splitter has no fixed language of its own (universal or auto-detecting)
    /// and the tag names a language it knows, the page is split by that
    /// language's rules. A splitter built for one language keeps it.
    fn split_and_match(&self, input: &str, out: &mut Processed, language: Option<&str>) {
        let clean = out.clean.as_deref().unwrap_or(input);
        if let Some(splitter) = self.splitter {
            let declared = language.and_then(Language::from_tag);
            match (splitter.language(), declared) {
                (LanguageMode::Universal | LanguageMode::Auto, Some(lang)) => {
                    splitter.spans_with_into(clean, LanguageMode::Fixed(lang), &mut out.sentences)
                }
                _ => splitter.spans_into(clean, &mut out.sentences),
            }
        }
        if let Some(matcher) = self.matcher {
            let found = matcher.find(clean);
            let sentences = &out.sentences;
            let mut j = 0;
            out.mentions = found
                .into_iter()
                .map(|m| {
                    // Matches come by start, sentences are sorted and disjoint.
                    while j < sentences.len() && sentences[j].1 <= m.start {
                        j += 1;
                    }
                    let sentence = (j < sentences.len() && sentences[j].0 <= m.start).then_some(j);
                    Mention {
                        start: m.start,
                        end: m.end,
                        name: m.name,
                        entity: m.entity,
                        sentence,
                    }
                })
                .collect();
        }
    }

    /// Processes many documents on `threads`, preserving order: HTML when the
    /// pipeline has an extractor, else text (without corpus mode).
    pub fn many<T: AsRef<str> + Sync>(&self, inputs: &[T], threads: Threads) -> Vec<Processed> {
        map_parallel(inputs, threads, |t| {
            if self.reads_html() {
                self.html(t.as_ref(), None)
            } else {
                self.text(t.as_ref(), None)
            }
        })
    }
}

/// The removed lines of a page of text, from the cleaner's explanation of it
/// (`ex`, see [`Cleaner::clean_and_explain`]) and the length of its clean text:
/// the non-blank lines that were not kept, each with where it stood in the
/// clean text (the kept lines, with their line ends, before it).
pub(crate) fn removed_lines(text: &str, clean_len: usize, ex: &Explanation) -> Vec<RemovedLine> {
    let mut removed = Vec::new();
    // The explanation is read by column (building each LineDecision costs more).
    let mut at = 0;
    let mut start = 0;
    for i in 0..ex.len() {
        let next = if i + 1 < ex.len() {
            ex.start(i + 1)
        } else {
            text.len()
        };
        if ex.kept(i) {
            at += next.saturating_sub(start);
        } else {
            let (reason, end) = (ex.reason(i), ex.end(i));
            let line = text.get(start..end).unwrap_or("");
            if crate::boilerplate::reported_removed(reason == "blank", line) {
                removed.push(RemovedLine {
                    line: i,
                    start,
                    end,
                    reason,
                    score: ex.score(i),
                    at: at.min(clean_len),
                });
            }
        }
        start = next;
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{MatcherBuilder, Overlaps, Record};

    const PAGE: &str = "Home | Politics | Sport | Sign in\n\
        Harbour council approves ferry plan\n\
        The council in Faro voted on Monday to fund a new ferry to Tavira. Mayor Silva said the plan \
        would cut journeys by half.\n\n\
        Residents in Tavira welcomed the news. Silva will meet the port board in Faro next week.\n\
        Share this article\nRelated Stories\nComments (3)\n";

    fn matcher() -> EntityMatcher {
        MatcherBuilder::new()
            .build(vec![
                Record::new("faro", "LOC", ["Faro"]),
                Record::new("tavira", "LOC", ["Tavira"]),
                Record::new("silva", "PER", ["Silva", "Mayor Silva"]),
            ])
            .unwrap()
    }

    /// Clean text, sentence spans, mentions (start, end, sentence).
    type Staged = (String, Vec<Span>, Vec<(usize, usize, Option<usize>)>);

    /// The stages one after the other, as the Python layers used to run them.
    fn by_stages(
        c: Option<&Cleaner>,
        s: Option<&SentenceSplitter>,
        m: Option<&EntityMatcher>,
        text: &str,
    ) -> Staged {
        let clean = c.map_or(text.to_string(), |c| c.clean(text));
        let spans = s.map_or(Vec::new(), |s| s.spans(&clean));
        let found = m.map_or(Vec::new(), |m| m.find(&clean));
        let mentions = found
            .iter()
            .map(|x| {
                let j = spans.iter().position(|&(a, b)| a <= x.start && x.start < b);
                (x.start, x.end, j)
            })
            .collect();
        (clean, spans, mentions)
    }

    #[test]
    fn one_pass_equals_the_stages() {
        let (c, s, m) = (Cleaner::new(), SentenceSplitter::new(), matcher());
        let texts = [
            PAGE,
            "",
            "\n\n",
            "Faro. Tavira.",
            "Silva\n\nin Faro",
            "São Paulo: Silva — in Faro. “Tavira”?\r\nMore\r\n",
        ];
        for cfg in 0..8 {
            let (cc, ss, mm) = (cfg & 1 != 0, cfg & 2 != 0, cfg & 4 != 0);
            let mut p = Pipeline::new();
            if cc {
                p = p.cleaner(&c);
            }
            if ss {
                p = p.splitter(&s);
            }
            if mm {
                p = p.matcher(&m);
            }
            for t in texts {
                let doc = p.text(t, None);
                let (clean, spans, mentions) =
                    by_stages(cc.then_some(&c), ss.then_some(&s), mm.then_some(&m), t);
                assert_eq!(doc.clean_text(t), clean, "{cfg} {t:?}");
                assert_eq!(doc.sentences, spans);
                let got: Vec<_> = doc
                    .mentions
                    .iter()
                    .map(|x| (x.start, x.end, x.sentence))
                    .collect();
                assert_eq!(got, mentions);
            }
        }
    }

    #[test]
    fn removed_lines_and_where_they_stood() {
        let c = Cleaner::new();
        let doc = Pipeline::new().cleaner(&c).text(PAGE, None);
        let clean = doc.clean.as_deref().unwrap();
        let removed: Vec<&str> = doc.removed.iter().map(|r| &PAGE[r.start..r.end]).collect();
        assert_eq!(
            removed,
            [
                "Home | Politics | Sport | Sign in",
                "Share this article",
                "Related Stories",
                "Comments (3)"
            ]
        );
        assert_eq!(doc.removed[0].at, 0);
        assert_eq!(doc.removed[3].at, clean.len());
        let explained = c.explain(PAGE);
        for r in &doc.removed {
            assert_eq!(explained.reason(r.line), r.reason);
        }
    }

    #[test]
    fn counting_removed_lines_equals_listing_them() {
        let (c, s, m) = (Cleaner::new(), SentenceSplitter::new(), matcher());
        let p = Pipeline::new().cleaner(&c).splitter(&s).matcher(&m);
        let texts = [
            PAGE,
            "",
            "\n\n",
            "Home\n\u{1c}\u{1f}\n\u{a0}\nShare this\r\nFaro. Tavira.\r\n",
            "Sign in\u{2028}Silva in Faro said so on Monday, officials said.\u{85}Share\n",
        ];
        for t in texts {
            let full = p.text(t, None);
            let (counted, n) = p.text_counting_removed(t, None);
            assert_eq!(n, full.removed.len(), "{t:?}");
            assert!(counted.removed.is_empty());
            assert_eq!(counted.clean, full.clean);
            assert_eq!(counted.sentences, full.sentences);
            assert_eq!(counted.mentions, full.mentions);
        }
        let (none, n) = Pipeline::new()
            .splitter(&s)
            .text_counting_removed(PAGE, None);
        assert_eq!((none.clean, n), (None, 0));
    }

    #[test]
    fn mentions_outside_sentences_and_overlaps() {
        let m = MatcherBuilder::new()
            .overlaps(Overlaps::All)
            .build(vec![
                Record::new("ny", "LOC", ["New York"]),
                Record::new("nyc", "LOC", ["New York City"]),
            ])
            .unwrap();
        let s = SentenceSplitter::new();
        let text = "New York City is big. New York is too.";
        let doc = Pipeline::new().splitter(&s).matcher(&m).text(text, None);
        let sent: Vec<_> = doc.mentions.iter().map(|x| x.sentence).collect();
        assert_eq!(sent, [Some(0), Some(0), Some(1)]);
        let none = Pipeline::new().matcher(&m).text(text, None);
        assert!(none.mentions.iter().all(|x| x.sentence.is_none()));
        assert!(none.clean.is_none() && none.removed.is_empty());
    }

    #[test]
    fn blank_is_python_blank() {
        let is_blank = |s: &str| !crate::boilerplate::reported_removed(false, s);
        assert!(is_blank("") && is_blank(" \t\u{a0}\u{3000}") && is_blank("\u{1c}\u{1f}"));
        assert!(!is_blank("a") && !is_blank("\u{200b}"));
        // the cleaner's own blank lines are never reported, whatever they hold
        assert!(!crate::boilerplate::reported_removed(true, "a"));
    }

    #[test]
    fn html_pages() {
        let html = "<html lang=\"pt\"><head><title>Ferry plan | News</title></head><body>\
            <nav><a href=/>Home</a> <a href=/w>World</a></nav>\
            <h1>Harbour council approves ferry plan</h1>\
            <p>A câmara de Faro votou na segunda-feira o financiamento de um novo ferry para Tavira, \
            disseram as autoridades.</p>\
            <p>Os moradores de Tavira receberam bem a notícia. Silva vai reunir com a administração \
            do porto em Faro.</p>\
            <aside><h2>Related stories</h2><ul><li><a href=/a>Floods hit the south</a></li></ul></aside>\
            </body></html>";
        let (x, s, m) = (Extractor::new(), SentenceSplitter::new(), matcher());
        let p = Pipeline::new().extractor(&x).splitter(&s).matcher(&m);
        let doc = p.html(html, Some("https://example.com/a"));
        let article = x.article(html, Some("https://example.com/a"));
        let clean = doc.clean.as_deref().unwrap();
        assert_eq!(clean, article.text);
        let a = doc.article.as_ref().unwrap();
        assert_eq!(a.title, article.title);
        assert_eq!(a.language.as_deref(), Some("pt"));
        assert!(a.text.is_empty());
        let pt = LanguageMode::Fixed(Language::from_tag("pt").unwrap());
        assert_eq!(doc.sentences, s.spans_with(clean, pt));
        // a splitter built for one language keeps it
        let de =
            SentenceSplitter::with_language(LanguageMode::Fixed(Language::from_tag("de").unwrap()));
        let doc_de = Pipeline::new().extractor(&x).splitter(&de).html(html, None);
        assert_eq!(doc_de.sentences, de.spans(doc_de.clean.as_deref().unwrap()));
        assert_eq!(doc.mentions.len(), m.find(clean).len());
        let page = doc.page_text.as_deref().unwrap();
        assert_eq!(page, x.page_text(html));
        let explained = x.explain(html);
        let removed: Vec<_> = explained.iter().filter(|d| !d.kept).collect();
        assert_eq!(removed.len(), doc.removed.len());
        let mut last = 0;
        for (r, d) in doc.removed.iter().zip(removed) {
            assert_eq!((r.start, r.end, r.reason), (d.start, d.end, d.reason));
            assert!(r.at >= last && r.at <= clean.len());
            last = r.at;
        }
        // nothing is lost on hostile input
        for junk in ["", "<<<>>>", "\u{0}", &"<div>".repeat(10_000)] {
            let d = p.html(junk, None);
            assert!(d.clean.is_some());
        }
    }

    #[test]
    fn many_keeps_order() {
        let (c, s) = (Cleaner::new(), SentenceSplitter::new());
        let p = Pipeline::new().cleaner(&c).splitter(&s);
        let texts = vec![PAGE, "One. Two.", ""];
        let docs = p.many(&texts, Threads::Exactly(2));
        for (d, t) in docs.iter().zip(&texts) {
            assert_eq!(d, &p.text(t, None));
        }
    }
}
