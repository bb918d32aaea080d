//! Bindings for [`crate::html`].

use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString, PyTuple};

use super::batch::{
    extract_items, run, run_objects, threads_arg, Item, WrongKind, DETACH_MIN_BYTES,
};
use super::errors::{to_py, type_error};
use super::options::option_args;
use super::text::{is_missing, str_list, PyText};
use crate::article::Article;
use crate::html::{charset, default_extractor, Extractor as Core, ExtractorConfig};
use crate::offsets::CharOffsets;

option_args! {
    keep_title_arg: flag("keep_title") -> bool,
    include_comments_arg: flag("include_comments") -> bool,
    include_tables_arg: flag("include_tables") -> bool,
    include_captions_arg: flag("include_captions") -> bool,
    url_arg: opt_string("url") -> Option<String>,
    disableable_arg: flag("disableable") -> bool,
}

/// An HTML argument: a str as it is, bytes decoded (BOM, `<meta charset>`,
/// else UTF-8, else a guess).
fn html_arg(obj: &Bound<'_, PyAny>, func: &str) -> PyResult<PyText> {
    read_html(obj, func, || format!("{func}()"))
}

/// [`html_arg`], with `at()` naming the argument in the `FormatError` for
/// bytes that are no page (compressed, a PDF, an image: decoded they would
/// be mojibake), which says what they are.
fn read_html(obj: &Bound<'_, PyAny>, func: &str, at: impl Fn() -> String) -> PyResult<PyText> {
    if let Ok(s) = obj.cast::<PyString>() {
        return PyText::new(s);
    }
    let page = |bytes: &[u8]| -> PyResult<PyText> {
        charset::check_bytes(bytes).map_err(|e| {
            super::errors::FormatError::new_err(format!("{}: {}", at(), e.message()))
        })?;
        Ok(PyText::Owned(
            charset::decode(bytes, None).text.into_owned(),
        ))
    };
    if let Ok(b) = obj.cast::<PyBytes>() {
        return page(b.as_bytes());
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return page(&b.to_vec());
    }
    Err(type_error(
        obj.py(),
        &format!("{func}() expects HTML as a str or bytes"),
        obj,
    ))
}

/// Whether `obj` is HTML as a batch takes it: str, bytes or bytearray.
fn is_html(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyByteArray>()
}

/// Item `i` of a batch of HTML whose type was checked ([`is_html`] or missing):
/// read (bytes decoded), with the error of `htmls[i]` if that fails.
fn html_item(i: usize, obj: &Bound<'_, PyAny>) -> PyResult<Item> {
    if !is_html(obj) {
        return Ok(Item::Missing);
    }
    read_html(obj, "extract_many", || format!("htmls[{i}]"))
        .map(Item::Text)
        .map_err(|e| {
            let py = obj.py();
            if e.is_instance_of::<super::errors::FormatError>(py) {
                return e; // bytes that are no page: it names htmls[i] already
            }
            pyo3::exceptions::PyValueError::new_err(format!("htmls[{i}]: {}", e.value(py)))
        })
}

/// A batch of HTML (str, bytes or missing) whose types are checked here and whose
/// pages are read later, chunk by chunk, by [`run_objects`] with [`html_item`]. A
/// wrong type raises the same `TypeError` as [`html_items`], after the pages before it
/// were read (so an error reading one of them raises first, as there).
fn html_objects<'py>(htmls: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    let py = htmls.py();
    let iter = html_iter(htmls)?;
    let mut objs = Vec::new();
    for obj in iter {
        let obj = obj?;
        if is_html(&obj) || is_missing(&obj) {
            objs.push(obj);
            continue;
        }
        for (i, o) in objs.iter().enumerate() {
            html_item(i, o)?;
        }
        return Err(type_error(
            py,
            &format!("htmls[{}]: expected str, bytes or None", objs.len()),
            &obj,
        ));
    }
    Ok(objs)
}

/// The items of a batch of HTML: str, bytes or missing.
pub(crate) fn html_items(htmls: &Bound<'_, PyAny>) -> PyResult<Vec<Item>> {
    let py = htmls.py();
    let one = |i: usize, obj: Bound<'_, PyAny>| -> PyResult<Item> {
        if is_missing(&obj) {
            return Ok(Item::Missing);
        }
        if is_html(&obj) {
            return html_item(i, &obj);
        }
        Err(type_error(
            py,
            &format!("htmls[{i}]: expected str, bytes or None"),
            &obj,
        ))
    };
    html_iter(htmls)?
        .enumerate()
        .map(|(i, o)| one(i, o?))
        .collect()
}

/// An iterator over a batch of HTML, or the `TypeError` of a batch that is not iterable.
fn html_iter<'py>(htmls: &Bound<'py, PyAny>) -> PyResult<Bound<'py, pyo3::types::PyIterator>> {
    htmls.try_iter().map_err(|_| {
        type_error(
            htmls.py(),
            "expected an iterable of HTML (str or bytes): a list, a pandas Series ...",
            htmls,
        )
    })
}

/// Optional per-item URLs, aligned with `n` items.
pub(crate) fn url_list(
    py: Python<'_>,
    urls: Option<&Bound<'_, PyAny>>,
    n: usize,
) -> PyResult<Vec<Option<String>>> {
    let Some(urls) = urls else {
        return Ok(vec![None; n]);
    };
    if urls.is_instance_of::<PyString>() {
        return Err(type_error(
            py,
            "urls expects one URL per page (a list or Series), not a single str",
            urls,
        ));
    }
    let mut out = Vec::with_capacity(n);
    for (i, u) in urls
        .try_iter()
        .map_err(|_| type_error(py, "urls expects an iterable of str", urls))?
        .enumerate()
    {
        let u = u?;
        if is_missing(&u) {
            out.push(None);
        } else {
            out.push(Some(u.extract::<String>().map_err(|_| {
                type_error(py, &format!("urls[{i}]: expected str or None"), &u)
            })?));
        }
    }
    if out.len() != n {
        return Err(super::errors::ConfigError::new_err(format!(
            "urls has {} entries but htmls has {n}: give one URL per page",
            out.len()
        )));
    }
    warn_unusable_urls(py, &out)?;
    Ok(out)
}

/// Warns (`NewsprepWarning`) when some of a batch's URLs are not absolute
/// http(s) URLs: those pages are read without them (the single call refuses
/// such a URL with a `ConfigError`; a batch goes on and says so once).
pub(crate) fn warn_unusable_urls(py: Python<'_>, urls: &[Option<String>]) -> PyResult<()> {
    let present = urls.iter().flatten().count();
    let mut bad = urls
        .iter()
        .enumerate()
        .filter_map(|(i, u)| u.as_deref().map(|u| (i, u)))
        .filter(|(_, u)| _page_url(u).is_none());
    let Some((first, u)) = bad.next() else {
        return Ok(());
    };
    let n_bad = 1 + bad.count();
    let shown: String = u.chars().take(80).collect();
    let msg = format!(
        "urls: {n_bad} of {present} URLs are not absolute http(s) URLs and were not used \
         (the first: urls[{first}] = {shown:?}); those pages' Article.url is the address the page \
         declares, else None. Give full addresses such as \"https://example.com/news/a\", or None."
    );
    super::errors::warn_user(py, &msg)
}

/// [`url_list`] for the pipeline's Python path (custom stages): the same
/// checks and warning as the one-pass path.
#[pyfunction]
fn _url_list(py: Python<'_>, urls: &Bound<'_, PyAny>, n: usize) -> PyResult<Vec<Option<String>>> {
    url_list(py, Some(urls), n)
}

/// An [`Article`] as a dict of its fields (the Python `Article` is built from it).
pub(crate) fn article_to_py<'py>(py: Python<'py>, a: Article) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("title", a.title)?;
    d.set_item("byline", a.byline)?;
    d.set_item("date", a.date)?;
    d.set_item("text", a.text)?;
    d.set_item("url", a.url)?;
    d.set_item("site_name", a.site_name)?;
    d.set_item("language", a.language)?;
    Ok(d)
}

/// Extracts the article text from HTML pages (the core of `newsprep.Extractor`).
#[pyclass(frozen, subclass, module = "newsprep._core", name = "Extractor")]
pub(crate) struct PyExtractor {
    pub(crate) core: Core,
}

impl PyExtractor {
    /// Hook for the pipeline bindings: the core extractor.
    pub(crate) fn core(&self) -> &Core {
        &self.core
    }

    fn maybe_detach<T: Send>(py: Python<'_>, len: usize, f: impl FnOnce() -> T + Send) -> T {
        if len >= DETACH_MIN_BYTES {
            py.detach(f)
        } else {
            f()
        }
    }
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (
        *, keep_title = true, include_comments = false, include_tables = true,
        include_captions = false, extra_phrases = None, extra_terminators = None, disable = None
    ))]
    #[allow(clippy::too_many_arguments)] // keyword-only options, as in entities.rs
    fn new(
        py: Python<'_>,
        #[pyo3(from_py_with = keep_title_arg)] keep_title: bool,
        #[pyo3(from_py_with = include_comments_arg)] include_comments: bool,
        #[pyo3(from_py_with = include_tables_arg)] include_tables: bool,
        #[pyo3(from_py_with = include_captions_arg)] include_captions: bool,
        extra_phrases: Option<&Bound<'_, PyAny>>,
        extra_terminators: Option<&Bound<'_, PyAny>>,
        disable: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let config = ExtractorConfig {
            keep_title,
            include_comments,
            include_tables,
            include_captions,
            extra_phrases: str_list(py, extra_phrases, "extra_phrases")?,
            extra_terminators: str_list(py, extra_terminators, "extra_terminators")?,
            disable: str_list(py, disable, "disable")?,
        };
        Ok(PyExtractor {
            core: Core::from_config(config).map_err(|e| to_py(py, e))?,
        })
    }

    /// The article text of `html` (str or bytes): one block per line, headline first.
    ///
    /// Args:
    ///     html: the page; bytes are decoded by their BOM or `<meta charset>`, else as UTF-8, else a
    ///         guess (bad bytes never raise).
    ///     url: the page's address; it does not change the text (`article` uses it).
    ///
    /// Returns:
    ///     The article text (str), as `newsprep.clean` gives from page text.
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> newsprep.Extractor(keep_title=False).extract(
    ///     ...     "<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; the roads were closed.</p>")
    ///     'Rain fell in Faro on Monday; the roads were closed.\n'
    #[pyo3(signature = (html, *, url = None))]
    fn extract(
        &self,
        py: Python<'_>,
        html: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = url_arg)] url: Option<String>,
    ) -> PyResult<String> {
        let _ = url;
        let h = html_arg(html, "extract")?;
        PAGE_TEXT.check(py, h.as_str())?;
        Ok(Self::maybe_detach(py, h.as_str().len(), || {
            self.core.extract(h.as_str())
        }))
    }

    /// Every visible block of `html` on its own line: what the model reads.
    ///
    /// Args:
    ///     html: the page (str, or bytes decoded as for `extract`).
    ///
    /// Returns:
    ///     The page text (str): one line per visible block (navigation and footers included),
    ///     blocks apart by a blank line; the line numbers of `explain` count its lines.
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> page = "<nav><a href='/'>Home</a></nav><h1>Rain</h1><p>Rain fell.</p>"
    ///     >>> newsprep.Extractor().page_text(page)
    ///     'Home\n\nRain\n\nRain fell.'
    fn page_text(&self, py: Python<'_>, html: &Bound<'_, PyAny>) -> PyResult<String> {
        let h = html_arg(html, "page_text")?;
        Ok(Self::maybe_detach(py, h.as_str().len(), || {
            self.core.page_text(h.as_str())
        }))
    }

    /// The article's fields as a dict.
    #[pyo3(signature = (html, url = None))]
    fn _article<'py>(
        &self,
        py: Python<'py>,
        html: &Bound<'py, PyAny>,
        #[pyo3(from_py_with = url_arg)] url: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        // an empty url is a missing one (datasets write "" for none)
        let url = url.as_deref().filter(|u| !u.trim().is_empty());
        if let Some(u) = url.filter(|u| _page_url(u).is_none()) {
            return Err(super::errors::ConfigError::new_err(format!(
                "url must be an absolute http(s) URL such as \"https://example.com/news/a\" \
                 (the page's address), got {u:?}"
            )));
        }
        let h = html_arg(html, "article")?;
        PAGE_TEXT.check(py, h.as_str())?;
        let a = Self::maybe_detach(py, h.as_str().len(), || self.core.article(h.as_str(), url));
        article_to_py(py, a)
    }

    /// `(page_text, [(line, start, end, kept, reason, score, kind, path), ...])`,
    /// offsets in code points of the page text.
    fn _explain<'py>(
        &self,
        py: Python<'py>,
        html: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let h = html_arg(html, "explain")?;
        PAGE_TEXT.check(py, h.as_str())?;
        let (text, rows) = py.detach(|| {
            let text = self.core.page_text(h.as_str());
            (text, self.core.explain(h.as_str()))
        });
        let mut map = CharOffsets::with_ascii(&text, text.is_ascii());
        let list = PyList::empty(py);
        for d in rows {
            let (s, e) = map.span(d.start, d.end);
            list.append((
                d.line,
                s,
                e,
                d.kept,
                d.reason,
                d.score,
                d.kind.as_str(),
                d.path,
            ))?;
        }
        PyTuple::new(py, [PyString::new(py, &text).into_any(), list.into_any()])
    }

    /// Batch `extract`.
    #[pyo3(signature = (htmls, n_threads = None, progress = None))]
    fn _extract_many<'py>(
        &self,
        py: Python<'py>,
        htmls: &Bound<'py, PyAny>,
        #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let work = |_: usize, t: &PyText| self.core.extract(t.as_str());
        let convert = |py, _: usize, _: &PyText, s: String| Ok(PyString::new(py, &s).into_any());
        if htmls.is_instance_of::<PyList>() {
            // The pages are read chunk by chunk while the workers run (reading them all
            // first was 4% of a 1-thread call on the dev HTML, with no worker busy).
            let objs = html_objects(htmls)?;
            PAGE_TEXT.check_objects(py, &objs, html_item)?;
            return run_objects(py, &objs, n_threads, progress, html_item, work, convert);
        }
        let items = extract_items(htmls)?;
        PAGE_TEXT.check_batch(py, &items)?;
        run(py, &items, n_threads, progress, work, convert)
    }

    /// Batch `article`: one dict of fields per page (None for missing pages).
    #[pyo3(signature = (htmls, urls = None, n_threads = None, progress = None))]
    fn _articles_many<'py>(
        &self,
        py: Python<'py>,
        htmls: &Bound<'py, PyAny>,
        urls: Option<&Bound<'py, PyAny>>,
        #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let (own, batch);
        let items: &[Item] = if htmls.is_instance_of::<PyList>() {
            own = html_items(htmls)?;
            &own
        } else {
            batch = extract_items(htmls)?;
            &batch
        };
        let urls = url_list(py, urls, items.len())?;
        PAGE_TEXT.check_batch(py, items)?;
        run(
            py,
            items,
            n_threads,
            progress,
            |i, t: &PyText| self.core.article(t.as_str(), urls[i].as_deref()),
            |py, _, _, a| Ok(article_to_py(py, a)?.into_any()),
        )
    }

    /// Every reason `explain` can give, or only the ids `disable=` accepts.
    ///
    /// Args:
    ///     disableable: only the rules `Extractor(disable=[...])` accepts: the cleaner's disableable
    ///         rules but "site-repeat" (it never runs on one page) and "json-ld"; the other ids are
    ///         outcomes, or options such as `include_comments`.
    ///
    /// Returns:
    ///     The rule ids (list of str): the cleaner's plus "comment", "caption", "author-bio", "table"
    ///     and "json-ld".
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> "comment" in newsprep.Extractor.rule_ids()
    ///     True
    ///     >>> "json-ld" in newsprep.Extractor.rule_ids(disableable=True)
    ///     True
    #[staticmethod]
    #[pyo3(signature = (*, disableable = false))]
    fn rule_ids(#[pyo3(from_py_with = disableable_arg)] disableable: bool) -> Vec<&'static str> {
        if disableable {
            Core::disableable_rules().to_vec()
        } else {
            Core::rule_ids().to_vec()
        }
    }

    /// The configuration, as constructor keyword arguments.
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = self.core.config();
        let d = PyDict::new(py);
        d.set_item("keep_title", c.keep_title)?;
        d.set_item("include_comments", c.include_comments)?;
        d.set_item("include_tables", c.include_tables)?;
        d.set_item("include_captions", c.include_captions)?;
        d.set_item("extra_phrases", c.extra_phrases.clone())?;
        d.set_item("extra_terminators", c.extra_terminators.clone())?;
        d.set_item("disable", c.disable.clone())?;
        Ok(d)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let c = slf.get().core.config();
        let name = slf.get_type().qualname()?;
        let b = |v: bool| if v { "True" } else { "False" };
        let mut parts = vec![
            format!("keep_title={}", b(c.keep_title)),
            format!("include_comments={}", b(c.include_comments)),
            format!("include_tables={}", b(c.include_tables)),
            format!("include_captions={}", b(c.include_captions)),
        ];
        for (k, v) in [
            ("extra_phrases", &c.extra_phrases),
            ("extra_terminators", &c.extra_terminators),
            ("disable", &c.disable),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={v:?}"));
            }
        }
        Ok(format!("{name}({})", parts.join(", ")))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let kwargs = slf.get().config(slf.py())?;
        super::reduce_to_kwargs(slf.as_any(), kwargs)
    }
}

/// The article text of `html` (str or bytes) with the default extractor (`Extractor()`).
///
/// Args:
///     html: the page; bytes are decoded by their BOM or `<meta charset>`, else as UTF-8, else a
///         guess (bad bytes never raise).
///     url: the page's address; it does not change the text (see `Extractor().article` for the
///         Article's fields).
///
/// Returns:
///     The headline, then one block of the article per line (str), as `clean` gives from page text.
///
/// Example:
///     >>> import newsprep
///     >>> newsprep.extract("<nav><a href='/'>Home</a></nav><h1>Rain in Faro</h1>"
///     ...                  "<p>Rain fell in Faro on Monday; the roads into the town were closed.</p>")
///     'Rain in Faro\n\nRain fell in Faro on Monday; the roads into the town were closed.\n'
#[pyfunction]
#[pyo3(signature = (html, *, url = None))]
fn extract(
    py: Python<'_>,
    html: &Bound<'_, PyAny>,
    #[pyo3(from_py_with = url_arg)] url: Option<String>,
) -> PyResult<String> {
    let _ = url;
    let h = html_arg(html, "extract")?;
    PAGE_TEXT.check(py, h.as_str())?;
    Ok(PyExtractor::maybe_detach(py, h.as_str().len(), || {
        default_extractor().extract(h.as_str())
    }))
}

/// Page text given to the extractor: it reads markup, and would run lines that no
/// tag separates together into one; a news feed, whose items it would make
/// one article of; and a redirect or a frameset page, whose article is on
/// other pages.
pub(crate) const PAGE_TEXT: WrongKind = WrongKind {
    looks: |t| {
        if crate::html::looks_like_feed(t) {
            return Some(
                "this looks like a news feed (RSS or Atom), not an article page: its items are \
                 links to articles, and the extractor would make one article of their titles \
                 and summaries; extract each item's linked page instead",
            );
        }
        if crate::html::looks_like_redirect(t) {
            return Some(
                "this page is a redirect (a meta refresh to another URL): the article is on the \
                 page it points to, not in this one; fetch and extract that page instead",
            );
        }
        if crate::html::looks_like_frameset(t) {
            return Some(
                "this page is a frameset: what it shows is in the pages its <frame> elements \
                 load (their src URLs), not in its own markup; fetch and extract those instead",
            );
        }
        crate::html::looks_like_page_text(t).then_some(
            "this text looks like page text, not HTML: the Extractor reads markup and joins \
             lines that no tag separates; use newsprep.clean(text) or Cleaner().article(text) \
             for page text",
        )
    },
};

/// The URL the extractor takes `url` for as a page's address: an absolute
/// http(s) URL (trimmed), else `None`. One rule for the single call (which
/// refuses the others), the batch paths and the CLI (which skip and report
/// them).
#[pyfunction]
fn _page_url(url: &str) -> Option<String> {
    crate::html::meta::resolve_url(None, url)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyExtractor>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(_page_url, m)?)?;
    m.add_function(wrap_pyfunction!(_url_list, m)?)?;
    Ok(())
}
