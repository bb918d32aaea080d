//! Bindings for [`crate::sentences`].

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::batch::{extract_items, run, IntCache};
use super::errors::{to_py, type_error};
use super::text::{text_arg, PyText};
use crate::offsets::CharOffsets;
use crate::sentences::{AbbrevClass, SentenceSplitter as Core, Span, DEFAULT_ABBREVIATIONS};

fn default_splitter() -> &'static Core {
    static S: OnceLock<Core> = OnceLock::new();
    S.get_or_init(Core::new)
}

fn spans_to_py<'py>(
    py: Python<'py>,
    text: &PyText,
    spans: &[Span],
) -> PyResult<Bound<'py, PyList>> {
    let mut map = CharOffsets::with_ascii(text.as_str(), text.is_ascii());
    PyList::new(py, spans.iter().map(|&(s, e)| map.span(s, e)))
}

/// Splits one text, releasing the GIL only when the text is long enough for
/// other Python threads to gain more than the release costs.
fn split_one(py: Python<'_>, core: &Core, text: &PyText) -> Vec<Span> {
    if text.as_str().len() >= super::batch::DETACH_MIN_BYTES {
        py.detach(|| core.spans(text.as_str()))
    } else {
        core.spans(text.as_str())
    }
}

fn sentences_to_py<'py>(
    py: Python<'py>,
    text: &PyText,
    spans: &[Span],
) -> PyResult<Bound<'py, PyList>> {
    let t = text.as_str();
    PyList::new(py, spans.iter().map(|&(s, e)| PyString::new(py, &t[s..e])))
}

/// Splits news text into sentences (code-point spans are available from `SentenceSplitter.spans`).
#[pyclass(frozen, subclass, module = "newsprep._core", name = "SentenceSplitter")]
pub(crate) struct PySentenceSplitter {
    core: Core,
}

fn parse_extra(py: Python<'_>, extra: Option<&Bound<'_, PyAny>>) -> PyResult<Core> {
    let mut builder = Core::builder();
    let Some(extra) = extra else {
        return builder.build().map_err(|e| to_py(py, e));
    };
    if extra.is_instance_of::<PyString>() {
        return Err(type_error(
            py,
            "extra_abbreviations expects an iterable of str (e.g. [\"Supt\", \"Gen\"]) or a dict \
             {abbreviation: class}, not a single str",
            extra,
        ));
    }
    if let Ok(d) = extra.cast::<PyDict>() {
        for (k, v) in d.iter() {
            let word: String = k
                .extract()
                .map_err(|_| type_error(py, "extra_abbreviations keys must be str", &k))?;
            let class: String = v.extract().map_err(|_| {
                type_error(
                    py,
                    "extra_abbreviations values must be class names (str)",
                    &v,
                )
            })?;
            let class: AbbrevClass = class.parse().map_err(|e| to_py(py, e))?;
            builder.abbreviation(&word, class);
        }
    } else {
        let iter = extra.try_iter().map_err(|_| {
            type_error(
                py,
                "extra_abbreviations expects an iterable of str or a dict",
                extra,
            )
        })?;
        for item in iter {
            let item = item?;
            let word: String = item
                .extract()
                .map_err(|_| type_error(py, "extra_abbreviations items must be str", &item))?;
            builder.abbreviation(&word, AbbrevClass::Ambiguous);
        }
    }
    builder.build().map_err(|e| to_py(py, e))
}

impl PySentenceSplitter {
    /// Hook for the pipeline bindings: the core splitter.
    pub(crate) fn core(&self) -> &Core {
        &self.core
    }
}

#[pymethods]
impl PySentenceSplitter {
    #[new]
    #[pyo3(signature = (*, extra_abbreviations = None))]
    fn new(py: Python<'_>, extra_abbreviations: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(PySentenceSplitter {
            core: parse_extra(py, extra_abbreviations)?,
        })
    }

    /// The sentences of `text`, as str.
    fn split<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let t = text_arg(text, "split")?;
        let spans = split_one(py, &self.core, &t);
        sentences_to_py(py, &t, &spans)
    }

    /// The sentences of `text` as `(start, end)` code-point offsets.
    fn spans<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let t = text_arg(text, "spans")?;
        let spans = split_one(py, &self.core, &t);
        spans_to_py(py, &t, &spans)
    }

    /// Batch `split` over a list or iterable; returns a list (None for missing).
    #[pyo3(signature = (texts, n_threads = None, progress = None))]
    fn _split_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = extract_items(texts)?;
        run(
            py,
            &items,
            n_threads,
            progress,
            |_, t| self.core.spans(t.as_str()),
            |py, _, t, spans| Ok(sentences_to_py(py, t, &spans)?.into_any()),
        )
    }

    /// Batch `spans` over a list or iterable; returns a list (None for missing).
    #[pyo3(signature = (texts, n_threads = None, progress = None))]
    fn _spans_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = extract_items(texts)?;
        // Code-point conversion runs on the workers; only object creation needs the GIL.
        let work = |_: usize, t: &PyText| {
            let mut map = CharOffsets::with_ascii(t.as_str(), t.is_ascii());
            let spans = self.core.spans(t.as_str());
            spans
                .into_iter()
                .map(|(s, e)| map.span(s, e))
                .collect::<Vec<_>>()
        };
        let mut ints = IntCache::new(py);
        run(py, &items, n_threads, progress, work, |_, _, _, spans| {
            Ok(ints.spans(&spans)?.into_any())
        })
    }

    /// The extra abbreviations this splitter was built with, as {abbreviation: class}.
    #[getter]
    fn extra_abbreviations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (w, c) in self.core.extra_abbreviations() {
            d.set_item(w, c.as_str())?;
        }
        Ok(d)
    }

    /// The abbreviation list shipped with newsprep, as {abbreviation: class}.
    #[staticmethod]
    fn default_abbreviations(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
        let d = PyDict::new(py);
        let list = crate::sentences::parse_abbreviations(DEFAULT_ABBREVIATIONS)
            .map_err(|e| to_py(py, e))?;
        for (w, c) in list {
            d.set_item(w, c.as_str())?;
        }
        Ok(d)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let name = slf.get_type().qualname()?;
        let extra = slf.get().core.extra_abbreviations();
        if extra.is_empty() {
            return Ok(format!("{name}()"));
        }
        let items: Vec<String> = extra
            .iter()
            .map(|(w, c)| format!("{w:?}: {:?}", c.as_str()))
            .collect();
        Ok(format!(
            "{name}(extra_abbreviations={{{}}})",
            items.join(", ")
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let kwargs = PyDict::new(py);
        kwargs.set_item("extra_abbreviations", slf.get().extra_abbreviations(py)?)?;
        super::reduce_to_kwargs(slf.as_any(), kwargs)
    }
}

/// The sentences of `text`, as str (default splitter).
#[pyfunction]
fn sentences<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let t = text_arg(text, "sentences")?;
    let spans = split_one(py, default_splitter(), &t);
    sentences_to_py(py, &t, &spans)
}

/// The sentences of `text` as `(start, end)` code-point offsets (default splitter).
#[pyfunction]
fn sentence_spans<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let t = text_arg(text, "sentence_spans")?;
    let spans = split_one(py, default_splitter(), &t);
    spans_to_py(py, &t, &spans)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySentenceSplitter>()?;
    m.add_function(wrap_pyfunction!(sentences, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_spans, m)?)?;
    Ok(())
}
