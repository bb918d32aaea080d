//! Bindings for [`crate::boilerplate`].

use std::sync::{Arc, RwLock};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

use super::batch::{extract_items, run, Item, DETACH_MIN_BYTES};
use super::errors::{newsprep_error, to_py, type_error};
use super::text::{is_missing, str_list, text_arg, PyText};
use crate::boilerplate::{
    default_cleaner, Cleaner as Core, CleanerConfig, LineDecision, SiteLines, SiteStats,
    DISABLEABLE_RULES, RULE_IDS,
};
use crate::offsets::CharOffsets;

/// Removes site chrome from scraped page text, line by line, saying why each line went.
#[pyclass(frozen, subclass, module = "newsprep._core", name = "Cleaner")]
pub(crate) struct PyCleaner {
    core: Core,
    /// Corpus-mode line counts per site, set by `fit` (shared, replaced whole).
    sites: RwLock<Option<Arc<SiteStats>>>,
}

/// One explained line as a tuple: (line, start, end, kept, reason, score), code points.
fn decisions_to_py<'py>(
    py: Python<'py>,
    text: &PyText,
    decisions: &[LineDecision],
) -> PyResult<Bound<'py, PyList>> {
    let mut map = CharOffsets::with_ascii(text.as_str(), text.is_ascii());
    let list = PyList::empty(py);
    for d in decisions {
        let (s, e) = map.span(d.start, d.end);
        list.append((d.line, s, e, d.kept, d.reason, d.score))?;
    }
    Ok(list)
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
    if out.len() != n {
        return Err(newsprep_error(
            py,
            "ConfigError",
            format!(
                "sites has {} entries but texts has {n}: give one site per text",
                out.len()
            ),
        ));
    }
    Ok(out)
}

/// The site key of every text of a batch, and the line counts to look them up in.
type BatchSites = (Vec<Option<String>>, Option<Arc<SiteStats>>);

/// The fitted line counts for the site of text `i` of a batch, if any.
fn site_lines<'a>(
    keys: &[Option<String>],
    stats: &'a Option<Arc<SiteStats>>,
    i: usize,
) -> Option<&'a SiteLines> {
    let key = keys.get(i)?.as_deref()?;
    stats.as_deref()?.get(key)
}

impl PyCleaner {
    /// The site keys of a batch (one per text) and the statistics to use with them:
    /// the fitted ones, or else counts over the batch itself (corpus mode without `fit`).
    fn batch_sites(
        &self,
        py: Python<'_>,
        items: &[Item],
        sites: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<BatchSites> {
        let Some(sites) = sites else {
            return Ok((Vec::new(), None));
        };
        let keys = extract_sites(py, sites, items.len())?;
        let stats = match self.site_stats() {
            Some(s) => s,
            None => Arc::new(py.detach(|| PyCleaner::fit_items(items, &keys))),
        };
        Ok((keys, Some(stats)))
    }

    fn site_stats(&self) -> Option<Arc<SiteStats>> {
        self.sites.read().ok().and_then(|g| g.clone())
    }

    fn fit_items(items: &[Item], sites: &[Option<String>]) -> SiteStats {
        let mut stats = SiteStats::new();
        for (item, site) in items.iter().zip(sites) {
            if let (Item::Text(t), Some(s)) = (item, site) {
                stats.add(s, t.as_str());
            }
        }
        stats
    }
}

/// The site line counts of each text of a batch (corpus mode), for the pipeline bindings.
pub(crate) struct SiteLookup(BatchSites);

impl SiteLookup {
    /// The line counts of text `i`'s site, if it has one with counts.
    pub(crate) fn get(&self, i: usize) -> Option<&SiteLines> {
        site_lines(&self.0 .0, &self.0 .1, i)
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
    ) -> PyResult<(&Core, SiteLookup)> {
        Ok((&self.core, SiteLookup(self.batch_sites(py, items, sites)?)))
    }
}

#[pymethods]
impl PyCleaner {
    #[new]
    #[pyo3(signature = (
        *, keep_title = true, extra_phrases = None, extra_terminators = None, disable = None,
        site_min_pages = 3, site_min_share = 0.1, _sites = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        keep_title: bool,
        extra_phrases: Option<&Bound<'_, PyAny>>,
        extra_terminators: Option<&Bound<'_, PyAny>>,
        disable: Option<&Bound<'_, PyAny>>,
        site_min_pages: u32,
        site_min_share: f32,
        _sites: Option<&Bound<'_, PyBytes>>,
    ) -> PyResult<Self> {
        let config = CleanerConfig {
            keep_title,
            extra_phrases: str_list(py, extra_phrases, "extra_phrases")?,
            extra_terminators: str_list(py, extra_terminators, "extra_terminators")?,
            disable: str_list(py, disable, "disable")?,
            site_min_pages,
            site_min_share,
        };
        let core = Core::from_config(config).map_err(|e| to_py(py, e))?;
        let sites = match _sites {
            None => None,
            Some(b) => Some(Arc::new(
                serde_json::from_slice::<SiteStats>(b.as_bytes())
                    .map_err(|e| to_py(py, e.into()))?,
            )),
        };
        Ok(PyCleaner {
            core,
            sites: RwLock::new(sites),
        })
    }

    /// The article in `text`: the kept lines, joined with the input's own line ends.
    #[pyo3(signature = (text, site = None))]
    fn clean(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        site: Option<&str>,
    ) -> PyResult<String> {
        let t = text_arg(text, "clean")?;
        let stats = self.site_stats();
        let lines = site.and_then(|s| stats.as_deref().and_then(|st| st.get(s)));
        let run = || self.core.clean_with(t.as_str(), lines);
        Ok(if t.as_str().len() >= DETACH_MIN_BYTES {
            py.detach(run)
        } else {
            run()
        })
    }

    /// One tuple per line of `text`: (line, start, end, kept, reason, score), code-point offsets.
    #[pyo3(signature = (text, site = None))]
    fn _explain<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        site: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let t = text_arg(text, "explain")?;
        let stats = self.site_stats();
        let lines = site.and_then(|s| stats.as_deref().and_then(|st| st.get(s)));
        let decisions = py.detach(|| self.core.explain_with(t.as_str(), lines));
        decisions_to_py(py, &t, &decisions)
    }

    /// Batch `clean`; with `sites` (one key per text) lines repeated across a site's pages go too.
    #[pyo3(signature = (texts, sites = None, n_threads = None, progress = None))]
    fn _clean_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        sites: Option<&Bound<'py, PyAny>>,
        n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = extract_items(texts)?;
        let (keys, stats) = self.batch_sites(py, &items, sites)?;
        let work = |i: usize, t: &PyText| {
            self.core
                .clean_with(t.as_str(), site_lines(&keys, &stats, i))
        };
        run(py, &items, n_threads, progress, work, |py, _, _, s| {
            Ok(PyString::new(py, &s).into_any())
        })
    }

    /// Batch `clean` and `explain` in one pass: a list of `(clean_text, [(line, start,
    /// end, kept, reason, score), ...])` (None for missing texts).
    #[pyo3(signature = (texts, sites = None, n_threads = None, progress = None))]
    fn _clean_explain_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        sites: Option<&Bound<'py, PyAny>>,
        n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = extract_items(texts)?;
        let (keys, stats) = self.batch_sites(py, &items, sites)?;
        let work = |i: usize, t: &PyText| {
            self.core
                .clean_and_explain(t.as_str(), site_lines(&keys, &stats, i))
        };
        run(
            py,
            &items,
            n_threads,
            progress,
            work,
            |py, _, t, (clean, decisions)| {
                let d = decisions_to_py(py, t, &decisions)?;
                Ok(
                    PyTuple::new(py, [PyString::new(py, &clean).into_any(), d.into_any()])?
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
        let items = extract_items(texts)?;
        let keys = extract_sites(py, sites, items.len())?;
        let stats = py.detach(|| PyCleaner::fit_items(&items, &keys));
        match self.sites.write() {
            Ok(mut g) => *g = Some(Arc::new(stats)),
            Err(_) => {
                return Err(pyo3::exceptions::PyRuntimeError::new_err(
                    "newsprep: the cleaner's site statistics are unusable after a crash in another thread",
                ))
            }
        }
        Ok(())
    }

    /// Number of sites with fitted line statistics (0 when not fitted).
    #[getter]
    fn n_sites(&self) -> usize {
        self.site_stats().map_or(0, |s| s.len())
    }

    /// The configuration, as constructor keyword arguments.
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = self.core.config();
        let d = PyDict::new(py);
        d.set_item("keep_title", c.keep_title)?;
        d.set_item("extra_phrases", c.extra_phrases.clone())?;
        d.set_item("extra_terminators", c.extra_terminators.clone())?;
        d.set_item("disable", c.disable.clone())?;
        d.set_item("site_min_pages", c.site_min_pages)?;
        d.set_item("site_min_share", c.site_min_share)?;
        Ok(d)
    }

    /// Every reason a line can be given (stable rule ids); with `disableable=True`, only
    /// the ids `disable=` accepts (the others are outcomes, not rules: article, blank, low-score).
    #[staticmethod]
    #[pyo3(signature = (*, disableable = false))]
    fn rule_ids(disableable: bool) -> Vec<&'static str> {
        if disableable {
            DISABLEABLE_RULES.to_vec()
        } else {
            RULE_IDS.to_vec()
        }
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let me = slf.get();
        let c = me.core.config();
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
        let n = me.n_sites();
        let fitted = if n > 0 {
            format!(" <fitted on {n} sites>")
        } else {
            String::new()
        };
        Ok(format!("{name}({}){fitted}", parts.join(", ")))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let kwargs = slf.get().config(py)?;
        if let Some(stats) = slf.get().site_stats() {
            let data = serde_json::to_vec(&*stats).map_err(|e| to_py(py, e.into()))?;
            kwargs.set_item("_sites", PyBytes::new(py, &data))?;
        }
        super::reduce_to_kwargs(slf.as_any(), kwargs)
    }
}

/// The article in `text` with the default cleaner.
#[pyfunction]
fn clean(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let t = text_arg(text, "clean")?;
    Ok(if t.as_str().len() >= DETACH_MIN_BYTES {
        py.detach(|| default_cleaner().clean(t.as_str()))
    } else {
        default_cleaner().clean(t.as_str())
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCleaner>()?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    Ok(())
}
