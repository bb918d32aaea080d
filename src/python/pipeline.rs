//! Bindings for [`crate::pipeline`]: `Pipeline.process` and `Pipeline.to_frames`
//! in one pass per document.
//!
//! Both functions take the stages (newsprep's own classes or None), run the
//! core pipeline on the batch driver (GIL released, rayon, chunks with
//! Ctrl-C checks and progress between them) and convert offsets to code
//! points on the workers. `_pipeline_documents` gives one small `_DocParts`
//! per document, from which the Python `Document` builds its lists only when
//! they are read; `_pipeline_columns` gives the three tables as columns
//! (little-endian int64 buffers and Arrow large-string buffers), with one
//! Python object per document (its clean text) and none per sentence or
//! mention.

use std::sync::{Arc, OnceLock};

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyDict, PyList, PyString, PyTuple};

use super::batch::{extract_items, extract_texts, run, run_texts, threads_arg, Item};
use super::boilerplate::PyCleaner;
use super::entities::PyEntityMatcher;
use super::html::{article_to_py, html_items, url_list, PyExtractor};
use super::sentences::PySentenceSplitter;
use super::text::PyText;
use crate::article::Article;
use crate::boilerplate::Explanation;
use crate::entities::EntityMatcher;
use crate::offsets::CharOffsets;
use crate::pipeline::{Pipeline, Processed};

/// One document: the core result plus its offsets in code points.
struct CharDoc {
    p: Processed,
    /// Sentence spans, code points of the clean text.
    sentences: Vec<(usize, usize)>,
    /// start, end, sentence (-1: none).
    mentions: Vec<(usize, usize, i64)>,
    /// How many lines were removed (`p.removed` is empty when only this was asked for).
    n_removed: usize,
    /// The cleaner's explanation of page text, from which the removed lines are listed
    /// when they are read (see `Pipeline::text_explained`); `None` when `p.removed`
    /// lists them (HTML) or none were asked for.
    explanation: Option<Explanation>,
}

/// Converts the sentence and mention offsets of `p` to code points. The removed
/// lines are left in bytes: `Pipeline.process` converts them when they are read
/// ([`PyDocParts::removed`]), as their conversion walks the whole input (the
/// removed lines lie all over it). `n_removed`: how many lines were removed, when
/// `p.removed` was left empty (see `Pipeline::text_counting_removed`).
fn to_chars(
    p: Processed,
    n_removed: Option<usize>,
    explanation: Option<Explanation>,
    input: &PyText,
) -> CharDoc {
    let n_removed = n_removed.unwrap_or(p.removed.len());
    let input_str = input.as_str();
    let clean = p.clean_text(input_str);
    let clean_ascii = if p.clean.is_some() {
        clean.is_ascii()
    } else {
        input.is_ascii()
    };
    // One forward pass over the clean text for sentences and mentions together: each mention is
    // converted where it starts, between its sentence's start and end.
    let mut map = CharOffsets::with_ascii(clean, clean_ascii);
    let mut sentences = Vec::with_capacity(p.sentences.len());
    let mut mentions = Vec::with_capacity(p.mentions.len());
    let mut found = p.mentions.iter().peekable();
    let mut mention = |map: &mut CharOffsets<'_>, m: &crate::pipeline::Mention| {
        let (s, e) = map.span(m.start, m.end);
        mentions.push((s, e, m.sentence.map_or(-1, |j| j as i64)));
    };
    for &(s, e) in &p.sentences {
        while let Some(m) = found.next_if(|m| m.start < s) {
            mention(&mut map, m);
        }
        let cs = map.char_offset(s);
        while let Some(m) = found.next_if(|m| m.start < e) {
            mention(&mut map, m);
        }
        sentences.push((cs, map.char_offset(e)));
    }
    for m in found {
        mention(&mut map, m);
    }
    CharDoc {
        p,
        sentences,
        mentions,
        n_removed,
        explanation,
    }
}

/// The removed lines of `p` with their offsets in code points: (line, start, end
/// in the decided text, reason, score, where it stood in the clean text). `input`:
/// the text the document was made from (the decided text of page text).
fn removed_in_chars(
    p: &Processed,
    explanation: Option<&Explanation>,
    input: &str,
) -> RemovedInChars {
    let clean = p.clean_text(input);
    let listed;
    let removed = match explanation {
        Some(ex) => {
            listed = crate::pipeline::removed_lines(input, clean.len(), ex);
            &listed
        }
        None => &p.removed,
    };
    let mut at_map = CharOffsets::new(clean);
    let mut map = CharOffsets::new(p.decided_text(input));
    removed
        .iter()
        .map(|r| {
            let (s, e) = map.span(r.start, r.end);
            (r.line, s, e, r.reason, r.score, at_map.char_offset(r.at))
        })
        .collect()
}

/// The stages given from Python, borrowed for one call.
struct Stages<'py> {
    cleaner: Option<Bound<'py, PyCleaner>>,
    extractor: Option<Bound<'py, PyExtractor>>,
    splitter: Option<Bound<'py, PySentenceSplitter>>,
    matcher: Option<Bound<'py, PyEntityMatcher>>,
}

/// `pipe` with the splitter and matcher of `stages`.
fn with_later_stages<'a>(mut pipe: Pipeline<'a>, stages: &'a Stages<'_>) -> Pipeline<'a> {
    if let Some(s) = &stages.splitter {
        pipe = pipe.splitter(s.get().core());
    }
    if let Some(m) = &stages.matcher {
        pipe = pipe.matcher(m.get().core());
    }
    pipe
}

/// The pipeline of page text: `cleaner` (the batch's, see `PyCleaner::for_batch`), then
/// the splitter and matcher of `stages`.
fn text_pipeline<'a>(
    stages: &'a Stages<'_>,
    cleaner: Option<&'a crate::boilerplate::Cleaner>,
) -> Pipeline<'a> {
    let mut pipe = Pipeline::new();
    if let Some(c) = cleaner {
        pipe = pipe.cleaner(c);
    }
    with_later_stages(pipe, stages)
}

/// Runs the pipeline over `texts` and hands each document to `convert` (with the GIL).
/// `with_removed`: the documents keep what lists their removed lines (`Pipeline.process`);
/// else they only count them (`Pipeline.to_frames`).
#[allow(clippy::too_many_arguments)]
fn run_pipeline<'py, C>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    stages: &Stages<'py>,
    sites: Option<&Bound<'py, PyAny>>,
    urls: Option<&Bound<'py, PyAny>>,
    n_threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    with_removed: bool,
    convert: C,
) -> PyResult<Bound<'py, PyList>>
where
    C: FnMut(Python<'py>, usize, &PyText, CharDoc) -> PyResult<Bound<'py, PyAny>>,
{
    let html = stages.extractor.is_some();
    // Page text without `sites` is read chunk by chunk while the workers run (see
    // `run_texts`); HTML (str or bytes) and corpus mode (whose site statistics need
    // every text first) are read up front.
    if !html && sites.is_none() {
        let texts = extract_texts(texts)?;
        if stages.cleaner.is_some() {
            super::boilerplate::CLEANER_INPUT.check_texts(py, &texts)?;
        }
        // Without `sites` the cleaner's batch set-up reads no text.
        let cleaner = match &stages.cleaner {
            Some(c) => Some(c.get().for_batch(py, &[], None)?),
            None => None,
        };
        let pipe = text_pipeline(stages, cleaner.as_ref().map(|(c, _)| &**c));
        let work = |_: usize, t: &PyText| {
            if with_removed {
                let (p, ex) = pipe.text_explained(t.as_str(), None);
                to_chars(p, None, ex, t)
            } else {
                let (p, n) = pipe.text_counting_removed(t.as_str(), None);
                to_chars(p, Some(n), None, t)
            }
        };
        return run_texts(py, &texts, n_threads, progress, work, convert);
    }
    let (own, batch);
    let items: &[Item] = if html && texts.is_instance_of::<PyList>() {
        own = html_items(texts)?;
        &own
    } else {
        batch = extract_items(texts)?;
        &batch
    };
    let urls = if html {
        url_list(py, urls, items.len())?
    } else {
        Vec::new()
    };
    // the wrong kind of input for the first stage: page text for an extractor, markup for a cleaner
    if html {
        super::html::PAGE_TEXT.check_batch(py, items)?;
    } else if stages.cleaner.is_some() {
        super::boilerplate::CLEANER_INPUT.check_batch(py, items)?;
    }
    let mut pipe = Pipeline::new();
    let extractor = stages.extractor.as_ref().map(|x| x.get().core());
    if let Some(x) = extractor {
        pipe = pipe.extractor(x);
    }
    let cleaner = match (&stages.cleaner, html) {
        (Some(c), false) => Some(c.get().for_batch(py, items, sites)?),
        _ => None,
    };
    if let Some((c, _)) = &cleaner {
        pipe = pipe.cleaner(c);
    }
    pipe = with_later_stages(pipe, stages);
    let work = |i: usize, t: &PyText| {
        if html {
            let p = pipe.html(t.as_str(), urls.get(i).and_then(|u| u.as_deref()));
            return to_chars(p, None, None, t);
        }
        let site = cleaner.as_ref().and_then(|(_, sites)| sites.get(i));
        if with_removed {
            let (p, ex) = pipe.text_explained(t.as_str(), site);
            to_chars(p, None, ex, t)
        } else {
            let (p, n) = pipe.text_counting_removed(t.as_str(), site);
            to_chars(p, Some(n), None, t)
        }
    };
    run(py, items, n_threads, progress, work, convert)
}

/// What one document of `Pipeline.process` holds until its lists are read.
#[pyclass(frozen, module = "newsprep._core", name = "_DocParts")]
pub(crate) struct PyDocParts {
    doc: CharDoc,
    matcher: Option<Arc<EntityMatcher>>,
    /// The removed lines in code points, made when first read (see [`removed_in_chars`]).
    removed: OnceLock<RemovedInChars>,
}

/// Removed lines as (line, start, end, reason, score, where it stood), offsets in code points.
type RemovedInChars = Vec<(usize, usize, usize, &'static str, f32, usize)>;

/// The article's fields but its text (the Document's clean text, not stored twice).
fn article_dict<'py>(py: Python<'py>, a: &Article) -> PyResult<Bound<'py, PyDict>> {
    let d = article_to_py(py, a.clone())?;
    d.del_item("text")?;
    Ok(d)
}

impl PyDocParts {
    /// The removed lines in code points, listed and converted on the first call.
    fn removed_lines(&self, text: &Bound<'_, PyString>) -> PyResult<&RemovedInChars> {
        if let Some(r) = self.removed.get() {
            return Ok(r);
        }
        let doc = &self.doc;
        // Only page text is read (an HTML page's decided text is its page text, kept here).
        let input = if doc.p.page_text.is_none() && doc.p.clean.is_some() {
            Some(PyText::new(text)?)
        } else {
            None
        };
        let input = input.as_ref().map_or("", PyText::as_str);
        Ok(self
            .removed
            .get_or_init(|| removed_in_chars(&doc.p, doc.explanation.as_ref(), input)))
    }
}

#[pymethods]
impl PyDocParts {
    /// The clean text, or None when it is the input unchanged.
    fn clean_text(&self) -> Option<&str> {
        self.doc.p.clean.as_deref()
    }

    /// The page text of an HTML page (None for text input).
    fn page_text(&self) -> Option<&str> {
        self.doc.p.page_text.as_deref()
    }

    /// Sentence spans, code points of the clean text.
    fn sentences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, &self.doc.sentences)
    }

    /// Mentions as (start, end, id, label, sentence).
    fn mentions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        let Some(m) = &self.matcher else {
            return Ok(out);
        };
        for (&(s, e, j), x) in self.doc.mentions.iter().zip(&self.doc.p.mentions) {
            let ent = m.entity(x.entity);
            out.append((s, e, ent.id.as_str(), ent.label.as_str(), j))?;
        }
        Ok(out)
    }

    /// Removed lines as (line, start, end, reason, score), code points of the decided text.
    /// `text`: the input the document was made from (read for page text only).
    fn removed<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyList>> {
        PyList::new(
            py,
            self.removed_lines(text)?
                .iter()
                .map(|&(line, s, e, reason, score, _)| (line, s, e, reason, score)),
        )
    }

    /// Where each removed line stood, code points of the clean text (`text` as for
    /// `removed`).
    fn removed_at<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.removed_lines(text)?.iter().map(|r| r.5))
    }

    /// The article's fields but its text (HTML input), else None.
    fn article<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.doc
            .p
            .article
            .as_ref()
            .map(|a| article_dict(py, a))
            .transpose()
    }
}

/// `Pipeline.process`: one `_DocParts` per text (None for missing ones).
#[pyfunction]
#[pyo3(signature = (
    texts, *, cleaner = None, extractor = None, splitter = None, matcher = None, sites = None,
    urls = None, n_threads = None, progress = None
))]
#[allow(clippy::too_many_arguments)]
fn _pipeline_documents<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    cleaner: Option<Bound<'py, PyCleaner>>,
    extractor: Option<Bound<'py, PyExtractor>>,
    splitter: Option<Bound<'py, PySentenceSplitter>>,
    matcher: Option<Bound<'py, PyEntityMatcher>>,
    sites: Option<&Bound<'py, PyAny>>,
    urls: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let core_matcher = matcher.as_ref().map(|m| m.get().core().clone());
    let stages = Stages {
        cleaner,
        extractor,
        splitter,
        matcher,
    };
    run_pipeline(
        py,
        texts,
        &stages,
        sites,
        urls,
        n_threads,
        progress,
        true,
        |py, _, _, doc| {
            Ok(Bound::new(
                py,
                PyDocParts {
                    doc,
                    matcher: core_matcher.clone(),
                    removed: OnceLock::new(),
                },
            )?
            .into_any())
        },
    )
}

/// A byte column written straight into a Python `bytearray`, which Python
/// reads without a copy (`numpy.frombuffer`, `pyarrow.py_buffer`).
///
/// Built in a `Vec` and handed over as `bytes`, each column was copied once
/// more at the end into fresh memory: on the L3S dev pages x6 that was two
/// in three of `to_frames`' page faults (about 2,600 of 4,000 per call, the
/// sentence texts' 5.5 MB twice over). The bytearray grows geometrically
/// (`PyByteArray_Resize`, whose `realloc` moves large blocks without copying
/// them) and is cut to its length by [`ByteCol::finish`].
struct ByteCol<'py> {
    arr: Bound<'py, PyByteArray>,
    /// Bytes written.
    len: usize,
    /// The bytearray's size (what can be written) and its buffer, as of its last resize.
    cap: usize,
    buf: *mut u8,
}

impl<'py> ByteCol<'py> {
    fn new(py: Python<'py>) -> ByteCol<'py> {
        let arr = PyByteArray::new(py, &[]);
        let buf = arr.data();
        ByteCol {
            arr,
            len: 0,
            cap: 0,
            buf,
        }
    }

    fn extend(&mut self, bytes: &[u8]) -> PyResult<()> {
        let need = self.len + bytes.len();
        if need > self.cap {
            let cap = need.max(self.cap * 2).max(4096);
            self.arr.resize(cap)?;
            (self.cap, self.buf) = (cap, self.arr.data());
        }
        // SAFETY: `buf` is the buffer of the bytearray as of its last resize, which made
        // its size `cap >= need`; the bytearray was made here and is not shared with
        // Python until `finish`, so nothing else reads, resizes or exports it meanwhile,
        // and `bytes` cannot point into it.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.buf.add(self.len), bytes.len());
        }
        self.len = need;
        Ok(())
    }

    fn finish(self) -> PyResult<Bound<'py, PyByteArray>> {
        self.arr.resize(self.len)?;
        Ok(self.arr)
    }
}

/// An int64 column, little-endian.
struct Ints<'py>(ByteCol<'py>);

impl<'py> Ints<'py> {
    fn new(py: Python<'py>) -> Ints<'py> {
        Ints(ByteCol::new(py))
    }

    fn push(&mut self, v: i64) -> PyResult<()> {
        self.0.extend(&v.to_le_bytes())
    }

    fn into_py(self) -> PyResult<Bound<'py, PyByteArray>> {
        self.0.finish()
    }
}

/// An Arrow large-string column: int64 offsets and UTF-8 data.
struct Strs<'py> {
    offsets: Ints<'py>,
    data: ByteCol<'py>,
}

impl<'py> Strs<'py> {
    fn new(py: Python<'py>) -> PyResult<Strs<'py>> {
        let mut offsets = Ints::new(py);
        offsets.push(0)?;
        Ok(Strs {
            offsets,
            data: ByteCol::new(py),
        })
    }

    fn push(&mut self, s: &str) -> PyResult<()> {
        self.data.extend(s.as_bytes())?;
        self.offsets.push(self.data.len as i64)
    }

    fn into_py(self) -> PyResult<Bound<'py, PyTuple>> {
        let py = self.data.arr.py();
        PyTuple::new(
            py,
            [
                self.offsets.into_py()?.into_any(),
                self.data.finish()?.into_any(),
            ],
        )
    }
}

/// The names of the Article fields given as columns (its text is the clean text).
const FIELDS: [&str; 6] = ["title", "byline", "date", "url", "site_name", "language"];

/// The per-document columns of `_pipeline_columns`.
struct Cols<'py> {
    clean_col: Bound<'py, PyList>,
    page_col: Bound<'py, PyList>,
    /// One list per Article field (HTML only).
    article_cols: Vec<Bound<'py, PyList>>,
    n_sent: Ints<'py>,
    n_ent: Ints<'py>,
    n_rem: Ints<'py>,
}

/// Adds rows for missing texts until the columns have `rows` rows.
fn pad(py: Python<'_>, rows: usize, cols: &mut Cols<'_>) -> PyResult<()> {
    while cols.clean_col.len() < rows {
        cols.clean_col.append(py.None())?;
        cols.page_col.append(py.None())?;
        for col in &cols.article_cols {
            col.append(py.None())?;
        }
        cols.n_sent.push(0)?;
        cols.n_ent.push(0)?;
        cols.n_rem.push(0)?;
    }
    Ok(())
}

/// `Pipeline.to_frames`: the three tables as columns. Keys: `clean_text`, `page_text`
/// (lists, one item per text, None for missing texts or when unchanged), the
/// Article fields for HTML (lists), `n_sentences`, `n_entities`, `n_removed`
/// (int64 bytes per text); `s_row`, `s_sentence`, `s_start`, `s_end` (int64
/// bytes per sentence) and `s_text` ((offsets, data) of an Arrow large_string);
/// `m_row`, `m_sentence`, `m_start`, `m_end`, and `m_text`, `m_id`, `m_label`
/// as Arrow large_string buffers, per mention.
#[pyfunction]
#[pyo3(signature = (
    texts, *, cleaner = None, extractor = None, splitter = None, matcher = None, sites = None,
    urls = None, n_threads = None, progress = None
))]
#[allow(clippy::too_many_arguments)]
fn _pipeline_columns<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    cleaner: Option<Bound<'py, PyCleaner>>,
    extractor: Option<Bound<'py, PyExtractor>>,
    splitter: Option<Bound<'py, PySentenceSplitter>>,
    matcher: Option<Bound<'py, PyEntityMatcher>>,
    sites: Option<&Bound<'py, PyAny>>,
    urls: Option<&Bound<'py, PyAny>>,
    #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let core_matcher = matcher.as_ref().map(|m| m.get().core().clone());
    let html = extractor.is_some();
    let stages = Stages {
        cleaner,
        extractor,
        splitter,
        matcher,
    };
    let mut cols = Cols {
        clean_col: PyList::empty(py),
        page_col: PyList::empty(py),
        article_cols: if html {
            FIELDS.iter().map(|_| PyList::empty(py)).collect()
        } else {
            Vec::new()
        },
        n_sent: Ints::new(py),
        n_ent: Ints::new(py),
        n_rem: Ints::new(py),
    };
    let [mut s_row, mut s_idx, mut s_start, mut s_end] = [(); 4].map(|_| Ints::new(py));
    let mut s_text = Strs::new(py)?;
    let [mut m_row, mut m_sent, mut m_start, mut m_end] = [(); 4].map(|_| Ints::new(py));
    let (mut m_text, mut m_id, mut m_label) = (Strs::new(py)?, Strs::new(py)?, Strs::new(py)?);
    let out = run_pipeline(
        py,
        texts,
        &stages,
        sites,
        urls,
        n_threads,
        progress,
        false,
        |py, row, input, doc| {
            // Missing texts never reach the converter: their rows are padded in.
            pad(py, row, &mut cols)?;
            let clean = doc.p.clean_text(input.as_str());
            cols.clean_col
                .append(doc.p.clean.as_deref().map(|c| PyString::new(py, c)))?;
            cols.page_col
                .append(doc.p.page_text.as_deref().map(|c| PyString::new(py, c)))?;
            if let Some(a) = &doc.p.article {
                let vals = [
                    &a.title,
                    &a.byline,
                    &a.date,
                    &a.url,
                    &a.site_name,
                    &a.language,
                ];
                for (col, v) in cols.article_cols.iter().zip(vals) {
                    col.append(v.as_deref())?;
                }
            }
            cols.n_sent.push(doc.sentences.len() as i64)?;
            cols.n_ent.push(doc.mentions.len() as i64)?;
            cols.n_rem.push(doc.n_removed as i64)?;
            for (j, (&(s, e), &(bs, be))) in doc.sentences.iter().zip(&doc.p.sentences).enumerate()
            {
                s_row.push(row as i64)?;
                s_idx.push(j as i64)?;
                s_start.push(s as i64)?;
                s_end.push(e as i64)?;
                s_text.push(&clean[bs..be])?;
            }
            for (&(s, e, j), m) in doc.mentions.iter().zip(&doc.p.mentions) {
                m_row.push(row as i64)?;
                m_sent.push(j)?;
                m_start.push(s as i64)?;
                m_end.push(e as i64)?;
                m_text.push(&clean[m.start..m.end])?;
                if let Some(mm) = &core_matcher {
                    let ent = mm.entity(m.entity);
                    m_id.push(&ent.id)?;
                    m_label.push(&ent.label)?;
                }
            }
            Ok(py.None().into_bound(py))
        },
    )?;
    // Rows of missing texts after the last text (the converter never sees them).
    pad(py, out.len(), &mut cols)?;
    let Cols {
        clean_col,
        page_col,
        article_cols,
        n_sent,
        n_ent,
        n_rem,
        ..
    } = cols;
    let d = PyDict::new(py);
    d.set_item("clean_text", clean_col)?;
    d.set_item("page_text", page_col)?;
    for (name, col) in FIELDS.iter().zip(article_cols) {
        d.set_item(name, col)?;
    }
    d.set_item("n_sentences", n_sent.into_py()?)?;
    d.set_item("n_entities", n_ent.into_py()?)?;
    d.set_item("n_removed", n_rem.into_py()?)?;
    d.set_item("s_row", s_row.into_py()?)?;
    d.set_item("s_sentence", s_idx.into_py()?)?;
    d.set_item("s_start", s_start.into_py()?)?;
    d.set_item("s_end", s_end.into_py()?)?;
    d.set_item("s_text", s_text.into_py()?)?;
    d.set_item("m_row", m_row.into_py()?)?;
    d.set_item("m_sentence", m_sent.into_py()?)?;
    d.set_item("m_start", m_start.into_py()?)?;
    d.set_item("m_end", m_end.into_py()?)?;
    d.set_item("m_text", m_text.into_py()?)?;
    d.set_item("m_id", m_id.into_py()?)?;
    d.set_item("m_label", m_label.into_py()?)?;
    Ok(d)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDocParts>()?;
    m.add_function(wrap_pyfunction!(_pipeline_documents, m)?)?;
    m.add_function(wrap_pyfunction!(_pipeline_columns, m)?)?;
    Ok(())
}
