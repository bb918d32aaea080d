//! Bindings for [`crate::boilerplate`].

use std::sync::{Arc, RwLock};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple, PyType};

use super::batch::{
    extract_items, extract_texts, run, run_texts, threads_arg, Batch, Item, WrongKind,
    DETACH_MIN_BYTES,
};
use super::errors::{to_py, type_error};
use super::options::option_args;
use super::text::{is_missing, str_list, text_arg, PyText};
use crate::boilerplate::{
    default_cleaner, Cleaner as Core, CleanerConfig, Explanation, SiteLines, SiteStats,
    DISABLEABLE_RULES, RULE_IDS,
};
use crate::offsets::CharOffsets;

option_args! {
    keep_title_arg: flag("keep_title") -> bool,
    site_min_pages_arg: int("site_min_pages") -> i64,
    site_min_share_arg: real("site_min_share") -> f64,
    site_arg: opt_string("site") -> Option<String>,
    disableable_arg: flag("disableable") -> bool,
}

/// Removes site chrome from scraped page text, line by line, saying why each line went.
#[pyclass(frozen, subclass, module = "newsprep._core", name = "Cleaner")]
pub(crate) struct PyCleaner {
    /// The core cleaner; `fit` swaps in one with site statistics.
    core: RwLock<Arc<Core>>,
}

/// One decision per line, by column, with code-point offsets (what `explain` returns
/// to the Python `Explanation`, which builds its records lazily).
#[pyclass(frozen, module = "newsprep._core", name = "_LineTable")]
pub(crate) struct PyLineTable {
    ex: Explanation,
}

impl PyLineTable {
    fn new(text: &PyText, mut ex: Explanation) -> PyLineTable {
        if !text.is_ascii() {
            let mut map = CharOffsets::with_ascii(text.as_str(), false);
            ex.map_offsets(|b| map.char_offset(b));
        }
        PyLineTable { ex }
    }
}

#[pymethods]
impl PyLineTable {
    fn __len__(&self) -> usize {
        self.ex.len()
    }

    /// Line `i` as (line, start, end, kept, reason, score), code-point offsets.
    fn row(&self, i: usize) -> PyResult<(usize, usize, usize, bool, &'static str, f32)> {
        match self.ex.get(i) {
            Some(d) => Ok((d.line, d.start, d.end, d.kept, d.reason, d.score)),
            None => Err(pyo3::exceptions::PyIndexError::new_err(
                "line index out of range",
            )),
        }
    }

    /// Numbers of the lines that are (`kept=True`) or are not kept; `blank=False`
    /// leaves out blank lines.
    #[pyo3(signature = (kept, blank = true))]
    fn select(&self, kept: bool, blank: bool) -> Vec<usize> {
        (0..self.ex.len())
            .filter(|&i| self.ex.kept(i) == kept && (blank || self.ex.reason(i) != "blank"))
            .collect()
    }

    /// Pickling: the core's saved form, read back by `_from_bytes`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let ctor = slf.get_type().getattr("_from_bytes")?;
        let data = PyBytes::new(py, &slf.get().ex.to_bytes());
        let args = PyTuple::new(py, [data])?;
        PyTuple::new(py, [ctor, args.into_any()])
    }

    /// A table from its saved form (`SerializationError` on anything else).
    #[staticmethod]
    fn _from_bytes(py: Python<'_>, data: &Bound<'_, PyBytes>) -> PyResult<PyLineTable> {
        Explanation::from_bytes(data.as_bytes())
            .map(|ex| PyLineTable { ex })
            .map_err(|e| to_py(py, e))
    }

    /// The columns: (starts, ends, kept, reasons, scores).
    #[allow(clippy::type_complexity)]
    fn columns(
        &self,
    ) -> (
        Vec<usize>,
        Vec<usize>,
        Vec<bool>,
        Vec<&'static str>,
        Vec<f32>,
    ) {
        let n = self.ex.len();
        let mut cols = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for i in 0..n {
            cols.0.push(self.ex.start(i));
            cols.1.push(self.ex.end(i));
            cols.2.push(self.ex.kept(i));
            cols.3.push(self.ex.reason(i));
            cols.4.push(self.ex.score(i));
        }
        cols
    }
}

/// Site keys of a batch, aligned with the texts (None for pages without a site).
fn extract_sites(
    py: Python<'_>,
    sites: &Bound<'_, PyAny>,
    n: usize,
) -> PyResult<Vec<Option<String>>> {
    if sites.is_instance_of::<PyString>() {
        return Err(type_error(
            py,
            "sites expects one site key per text (a list or Series), not a single str",
            sites,
        ));
    }
    let iter = sites
        .try_iter()
        .map_err(|_| type_error(py, "sites expects an iterable of str", sites))?;
    let mut out = Vec::with_capacity(n);
    for (i, s) in iter.enumerate() {
        let s = s?;
        if is_missing(&s) {
            out.push(None);
        } else if let Ok(v) = s.cast::<PyString>() {
            out.push(Some(v.to_str()?.to_string()));
        } else {
            return Err(type_error(
                py,
                &format!("sites[{i}]: expected str or None"),
                &s,
            ));
        }
    }
    Ok(out)
}

fn texts_of(items: &[Item]) -> impl ExactSizeIterator<Item = Option<&str>> {
    items.iter().map(|i| match i {
        Item::Text(t) => Some(t.as_str()),
        Item::Missing => None,
    })
}

/// The site keys of a batch and the statistics to look them up in (the fitted
/// ones, else counts over the batch: the core decides).
struct BatchSites {
    keys: Vec<Option<String>>,
    stats: Option<Arc<SiteStats>>,
}

impl BatchSites {
    fn lines(&self, i: usize) -> Option<&SiteLines> {
        let key = self.keys.get(i)?.as_deref()?;
        self.stats.as_deref()?.get(key)
    }
}

impl PyCleaner {
    fn core(&self) -> Arc<Core> {
        match self.core.read() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    fn set_core(&self, core: Core) {
        match self.core.write() {
            Ok(mut g) => *g = Arc::new(core),
            Err(p) => *p.into_inner() = Arc::new(core),
        }
    }

    fn batch_sites(
        py: Python<'_>,
        core: &Core,
        items: &[Item],
        sites: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<BatchSites> {
        let Some(sites) = sites else {
            return Ok(BatchSites {
                keys: Vec::new(),
                stats: None,
            });
        };
        let keys = extract_sites(py, sites, items.len())?;
        let refs: Vec<Option<&str>> = keys.iter().map(|k| k.as_deref()).collect();
        let stats = py
            .detach(|| {
                core.batch_site_stats(texts_of(items), &refs)
                    .map(|c| c.into_owned())
            })
            .map_err(|e| to_py(py, e))?;
        Ok(BatchSites {
            keys,
            stats: Some(Arc::new(stats)),
        })
    }
}

/// The site line counts of each text of a batch (corpus mode), for the pipeline bindings.
pub(crate) struct SiteLookup(BatchSites);

impl SiteLookup {
    /// The line counts of text `i`'s site, if it has one with counts.
    pub(crate) fn get(&self, i: usize) -> Option<&SiteLines> {
        self.0.lines(i)
    }
}

impl PyCleaner {
    /// Hook for the pipeline bindings: the core cleaner, and the site lines of
    /// each text of `items` (as `clean_many(texts, sites=...)` would use them).
    pub(crate) fn for_batch(
        &self,
        py: Python<'_>,
        items: &[Item],
        sites: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<(Arc<Core>, SiteLookup)> {
        let core = self.core();
        let sites = PyCleaner::batch_sites(py, &core, items, sites)?;
        Ok((core, SiteLookup(sites)))
    }
}

#[pymethods]
impl PyCleaner {
    #[new]
    #[pyo3(signature = (
        *, keep_title = true, extra_phrases = None, extra_terminators = None, patterns = None,
        disable = None, site_min_pages = 3, site_min_share = 0.1
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        #[pyo3(from_py_with = keep_title_arg)] keep_title: bool,
        extra_phrases: Option<&Bound<'_, PyAny>>,
        extra_terminators: Option<&Bound<'_, PyAny>>,
        patterns: Option<&Bound<'_, PyAny>>,
        disable: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = site_min_pages_arg)] site_min_pages: i64,
        #[pyo3(from_py_with = site_min_share_arg)] site_min_share: f64,
    ) -> PyResult<Self> {
        let site_min_pages = u32::try_from(site_min_pages).map_err(|_| {
            super::errors::ConfigError::new_err(format!(
                "site_min_pages must be within 2..=4294967295, got {site_min_pages}"
            ))
        })?;
        let config = CleanerConfig {
            keep_title,
            extra_phrases: str_list(py, extra_phrases, "extra_phrases")?,
            extra_terminators: str_list(py, extra_terminators, "extra_terminators")?,
            patterns: str_list(py, patterns, "patterns")?,
            disable: str_list(py, disable, "disable")?,
            site_min_pages,
            site_min_share,
        };
        let core = Core::from_config(config).map_err(|e| to_py(py, e))?;
        Ok(PyCleaner {
            core: RwLock::new(Arc::new(core)),
        })
    }

    /// Rebuilds a pickled cleaner: `cls(**config)` with its fitted site statistics.
    #[classmethod]
    fn _from_state<'py>(
        cls: &Bound<'py, PyType>,
        config: &Bound<'py, PyDict>,
        sites: Option<&Bound<'py, PyBytes>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let obj = cls.call((), Some(config))?;
        if let Some(b) = sites {
            let stats = serde_json::from_slice::<SiteStats>(b.as_bytes())
                .map_err(|e| to_py(py, e.into()))?;
            let me = obj.cast::<PyCleaner>()?.get();
            let core = (*me.core()).clone().with_site_stats(stats);
            me.set_core(core);
        }
        Ok(obj)
    }

    /// The article in `text`: the kept lines, joined with the input's own line ends.
    ///
    /// Args:
    ///     text: scraped page text (str).
    ///     site: the page's site key (e.g. its domain) for corpus mode, after `fit` (lines that
    ///         repeat across that site's pages go as "site-repeat").
    ///
    /// Returns:
    ///     The kept lines, each with its own line end (str): the lines `explain` marks kept.
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> newsprep.Cleaner().clean("Sign in\r\nRain fell in Faro on Monday. Roads closed.\r\n")
    ///     'Rain fell in Faro on Monday. Roads closed.\r\n'
    #[pyo3(signature = (text, site = None))]
    fn clean(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = site_arg)] site: Option<String>,
    ) -> PyResult<String> {
        let t = text_arg(text, "clean")?;
        let core = self.core();
        clean_one(py, &core, &t, site.as_deref())
    }

    /// The article in `text` and its parts, as a dict of the `Article` fields (title,
    /// byline, date, text, url, site_name, language); `None` where the text does not say.
    #[pyo3(signature = (text, site = None))]
    fn _article<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        #[pyo3(from_py_with = site_arg)] site: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let t = text_arg(text, "article")?;
        CLEANER_INPUT.check(py, t.as_str())?;
        let core = self.core();
        let a = py.detach(|| {
            core.article_with(t.as_str(), site.as_deref().and_then(|s| core.site_lines(s)))
        });
        super::html::article_to_py(py, a)
    }

    /// One decision per line of `text`, as a columnar table (code-point offsets).
    #[pyo3(signature = (text, site = None))]
    fn _explain(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        #[pyo3(from_py_with = site_arg)] site: Option<String>,
    ) -> PyResult<PyLineTable> {
        let t = text_arg(text, "explain")?;
        CLEANER_INPUT.check(py, t.as_str())?;
        let core = self.core();
        Ok(py.detach(|| {
            let ex =
                core.explain_with(t.as_str(), site.as_deref().and_then(|s| core.site_lines(s)));
            PyLineTable::new(&t, ex)
        }))
    }

    /// Batch `clean`; with `sites` (one key per text) lines repeated across a site's pages go too.
    #[pyo3(signature = (texts, sites = None, n_threads = None, progress = None))]
    fn _clean_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        sites: Option<&Bound<'py, PyAny>>,
        #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let core = self.core();
        let convert = |py, _, _: &PyText, s: String| Ok(PyString::new(py, &s).into_any());
        if sites.is_none() {
            // read chunk by chunk while the workers run (see `run_texts`); with `sites`
            // the site statistics need every text first
            let texts = extract_texts(texts)?;
            CLEANER_INPUT.check_texts(py, &texts)?;
            let work = |_: usize, t: &PyText| core.clean_with(t.as_str(), None);
            return run_texts(py, &texts, n_threads, progress, work, convert);
        }
        let items = page_texts(py, texts)?;
        let bs = PyCleaner::batch_sites(py, &core, &items, sites)?;
        let work = |i: usize, t: &PyText| core.clean_with(t.as_str(), bs.lines(i));
        run(py, &items, n_threads, progress, work, convert)
    }

    /// Batch `clean` and `explain` in one pass: a list of `(clean_text, table)` (None
    /// for missing texts).
    #[pyo3(signature = (texts, sites = None, n_threads = None, progress = None))]
    fn _clean_explain_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        sites: Option<&Bound<'py, PyAny>>,
        #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = page_texts(py, texts)?;
        let core = self.core();
        let bs = PyCleaner::batch_sites(py, &core, &items, sites)?;
        let work = |i: usize, t: &PyText| {
            let (clean, ex) = core.clean_and_explain(t.as_str(), bs.lines(i));
            (clean, PyLineTable::new(t, ex))
        };
        run(
            py,
            &items,
            n_threads,
            progress,
            work,
            |py, _, _, (clean, table)| {
                let table = Bound::new(py, table)?;
                Ok(
                    PyTuple::new(py, [PyString::new(py, &clean).into_any(), table.into_any()])?
                        .into_any(),
                )
            },
        )
    }

    /// Counts lines per site over `texts` (corpus mode); replaces earlier statistics.
    #[pyo3(signature = (texts, sites))]
    fn _fit(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        sites: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let items = page_texts(py, texts)?;
        let keys = extract_sites(py, sites, items.len())?;
        if keys.len() != items.len() {
            return Err(super::errors::ConfigError::new_err(format!(
                "sites has {} entries but texts has {}: give one site per text",
                keys.len(),
                items.len()
            )));
        }
        let core = self.core();
        let fitted = py.detach(|| {
            let refs = keys.iter().map(|k| k.as_deref());
            let texts = texts_of(&items)
                .zip(refs)
                .filter_map(|(t, s)| Some((t?, s?)));
            let (t, s): (Vec<&str>, Vec<&str>) = texts.unzip();
            core.fit(t, s.into_iter().map(Some))
        });
        self.set_core(fitted);
        Ok(())
    }

    /// Number of sites with fitted line statistics (0 when not fitted).
    #[getter]
    fn n_sites(&self) -> usize {
        self.core().site_stats().map_or(0, |s| s.len())
    }

    /// The configuration, as constructor keyword arguments.
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let core = self.core();
        let c = core.config();
        let d = PyDict::new(py);
        d.set_item("keep_title", c.keep_title)?;
        d.set_item("extra_phrases", c.extra_phrases.clone())?;
        d.set_item("extra_terminators", c.extra_terminators.clone())?;
        d.set_item("patterns", c.patterns.clone())?;
        d.set_item("disable", c.disable.clone())?;
        d.set_item("site_min_pages", c.site_min_pages)?;
        d.set_item("site_min_share", c.site_min_share)?;
        Ok(d)
    }

    /// Every reason a line can be given (stable rule ids), or only the ids `disable=` accepts.
    ///
    /// Args:
    ///     disableable: only the rules `Cleaner(disable=[...])` accepts (the other ids are outcomes,
    ///         not rules: article, blank, low-score, unsettled).
    ///
    /// Returns:
    ///     The rule ids (list of str), in a stable order: the reasons `explain` gives.
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> "low-score" in newsprep.Cleaner.rule_ids()
    ///     True
    ///     >>> newsprep.Cleaner.rule_ids(disableable=True)[:3]
    ///     ['title', 'phrase', 'terminator-tail']
    #[staticmethod]
    #[pyo3(signature = (*, disableable = false))]
    fn rule_ids(#[pyo3(from_py_with = disableable_arg)] disableable: bool) -> Vec<&'static str> {
        if disableable {
            DISABLEABLE_RULES.to_vec()
        } else {
            RULE_IDS.to_vec()
        }
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let core = slf.get().core();
        let c = core.config();
        let name = slf.get_type().qualname()?;
        let mut parts = vec![format!(
            "keep_title={}",
            if c.keep_title { "True" } else { "False" }
        )];
        let list = |v: &[String]| format!("{v:?}");
        if !c.extra_phrases.is_empty() {
            parts.push(format!("extra_phrases={}", list(&c.extra_phrases)));
        }
        if !c.extra_terminators.is_empty() {
            parts.push(format!("extra_terminators={}", list(&c.extra_terminators)));
        }
        if !c.patterns.is_empty() {
            parts.push(format!("patterns={}", list(&c.patterns)));
        }
        if !c.disable.is_empty() {
            parts.push(format!("disable={}", list(&c.disable)));
        }
        let defaults = CleanerConfig::default();
        if c.site_min_pages != defaults.site_min_pages
            || c.site_min_share != defaults.site_min_share
        {
            parts.push(format!(
                "site_min_pages={}, site_min_share={}",
                c.site_min_pages, c.site_min_share
            ));
        }
        let n = core.site_stats().map_or(0, |s| s.len());
        let fitted = if n > 0 {
            format!(" <fitted on {n} sites>")
        } else {
            String::new()
        };
        Ok(format!("{name}({}){fitted}", parts.join(", ")))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let me = slf.get();
        let config = me.config(py)?;
        let sites = match me.core().site_stats() {
            Some(stats) => {
                let data = serde_json::to_vec(stats).map_err(|e| to_py(py, e.into()))?;
                PyBytes::new(py, &data).into_any()
            }
            None => py.None().into_bound(py),
        };
        let ctor = slf.get_type().getattr("_from_state")?;
        let args = PyTuple::new(py, [config.into_any(), sites])?;
        PyTuple::new(py, [ctor, args.into_any()])
    }
}

/// The article in `text` with the default cleaner (`Cleaner()`).
///
/// Args:
///     text: scraped page text (str); its lines are what `str.splitlines()` says they are.
///
/// Returns:
///     The kept lines, each with its own line end (str; "" when nothing is article). Never raises
///     on a str; `clean(clean(x)) == clean(x)`. Markup or hard-wrapped prose warns (NewsprepWarning).
///
/// Example:
///     >>> import newsprep
///     >>> newsprep.clean("Sign in\nRain fell in Faro on Monday. Roads closed.\nComments (3)")
///     'Rain fell in Faro on Monday. Roads closed.\n'
#[pyfunction]
fn clean(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let t = text_arg(text, "clean")?;
    clean_one(py, default_cleaner(), &t, None)
}

/// `clean` of one text, with the warnings of [`CLEANER_INPUT`]: the markup
/// check first, and the hard-wrap test read off the cleaner's own walk over
/// the lines (`Cleaner::clean_checked`), which a separate walk cost 1.7% of
/// the instructions of `newsprep.clean` on the L3S pages.
fn clean_one(py: Python<'_>, core: &Core, t: &PyText, site: Option<&str>) -> PyResult<String> {
    let markup = markup_warning(t.as_str());
    if let Some(msg) = markup {
        super::errors::warn_user(py, msg)?;
    }
    let run = || core.clean_checked(t.as_str(), site.and_then(|s| core.site_lines(s)));
    let (out, wrapped) = if t.as_str().len() >= DETACH_MIN_BYTES {
        py.detach(run)
    } else {
        run()
    };
    if wrapped && markup.is_none() {
        super::errors::warn_user(py, HARD_WRAPPED)?;
    }
    Ok(out)
}

/// The texts of a batch the cleaner reads whole (`sites` given, `fit`,
/// `explain_many`), after the warning that markup was given where page text
/// is expected: one place for the batch paths that need every text first.
fn page_texts(py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<Batch> {
    let items = extract_items(texts)?;
    CLEANER_INPUT.check_batch(py, &items)?;
    Ok(items)
}

/// Text the cleaner does not read as it should: HTML (it reads page text, and
/// would return little or nothing of markup), and hard-wrapped prose (it
/// reads one line per block, and would remove the fragments of wrapped
/// paragraphs).
pub(crate) const CLEANER_INPUT: WrongKind = WrongKind {
    looks: |t| {
        markup_warning(t)
            .or_else(|| crate::boilerplate::looks_hard_wrapped(t).then_some(HARD_WRAPPED))
    },
};

/// The first warning of [`CLEANER_INPUT`]: HTML markup.
fn markup_warning(t: &str) -> Option<&'static str> {
    // `looks_like_html` needs a '<' (a doctype or a tag); most page text has none, and
    // one memchr over the text is ~20x cheaper than its walk over the first 4 KB (7.3M of
    // 248M instructions per pass over the L3S pages, one call per page).
    (memchr::memchr(b'<', t.as_bytes()).is_some() && crate::html::looks_like_html(t)).then_some(
        "this text looks like HTML markup: the Cleaner reads page text (one line per \
         block); use newsprep.extract(html) or newsprep.Extractor for HTML",
    )
}

/// The second warning of [`CLEANER_INPUT`]: hard-wrapped prose.
const HARD_WRAPPED: &str =
    "this text looks hard-wrapped (paragraphs broken into lines of a fixed width, \
     as in wire copy or e-mail): the Cleaner reads one line per block of a page and \
     may remove fragments of wrapped paragraphs as boilerplate; join each paragraph's \
     lines first, or skip cleaning text that has no boilerplate \
     (Pipeline(cleaner=None))";

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCleaner>()?;
    m.add_class::<PyLineTable>()?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    Ok(())
}
