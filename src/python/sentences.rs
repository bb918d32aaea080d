//! Bindings for [`crate::sentences`].

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use super::batch::{extract_texts, run_texts, threads_arg, IntCache};
use super::errors::{to_py, type_error};
use super::text::{text_arg, PyText};
use crate::offsets::CharOffsets;
use crate::sentences::{
    detect_language, AbbrevClass, Language, LanguageMode, SentenceSplitter as Core, Span,
    DEFAULT_ABBREVIATIONS,
};

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
fn split_one(py: Python<'_>, core: &Core, text: &PyText, mode: LanguageMode) -> Vec<Span> {
    if text.as_str().len() >= super::batch::DETACH_MIN_BYTES {
        py.detach(|| core.spans_with(text.as_str(), mode))
    } else {
        core.spans_with(text.as_str(), mode)
    }
}

/// A `language=` option: None, "auto", or a language code / BCP 47 tag.
fn mode_arg(py: Python<'_>, language: Option<&Bound<'_, PyAny>>) -> PyResult<LanguageMode> {
    let Some(obj) = language.filter(|o| !o.is_none()) else {
        return Ok(LanguageMode::Universal);
    };
    let name: String = obj.extract().map_err(|_| {
        type_error(
            py,
            "language must be None, \"auto\" or a language code such as \"de\"",
            obj,
        )
    })?;
    LanguageMode::parse(&name).map_err(|e| to_py(py, e))
}

/// The per-call `language=`: None keeps the splitter's own mode.
fn call_mode(
    py: Python<'_>,
    core: &Core,
    language: Option<&Bound<'_, PyAny>>,
) -> PyResult<LanguageMode> {
    match language.filter(|o| !o.is_none()) {
        None => Ok(core.language()),
        some => mode_arg(py, some),
    }
}

/// The `language=` of a batch: one mode for every text, or one per text (None
/// items keep the splitter's own mode).
enum BatchModes {
    One(LanguageMode),
    Each(Vec<LanguageMode>),
}

impl BatchModes {
    fn get(&self, i: usize) -> LanguageMode {
        match self {
            BatchModes::One(m) => *m,
            BatchModes::Each(v) => v[i],
        }
    }
}

fn batch_modes(
    py: Python<'_>,
    core: &Core,
    language: Option<&Bound<'_, PyAny>>,
    n: usize,
) -> PyResult<BatchModes> {
    let Some(obj) = language.filter(|o| !o.is_none()) else {
        return Ok(BatchModes::One(core.language()));
    };
    if obj.is_instance_of::<PyString>() {
        return Ok(BatchModes::One(mode_arg(py, Some(obj))?));
    }
    let iter = obj.try_iter().map_err(|_| {
        type_error(
            py,
            "language must be None, a str, or one str (or None) per text",
            obj,
        )
    })?;
    let mut modes = Vec::with_capacity(n);
    for (i, item) in iter.enumerate() {
        let item = item?;
        if item.is_none() || super::text::is_missing(&item) {
            modes.push(core.language());
            continue;
        }
        if !item.is_instance_of::<PyString>() {
            return Err(type_error(
                py,
                &format!("language[{i}]: expected str or None"),
                &item,
            ));
        }
        modes.push(mode_arg(py, Some(&item))?);
    }
    if modes.len() != n {
        return Err(super::errors::ConfigError::new_err(format!(
            "language has {} items for {n} texts: give one language per text, or one str for all",
            modes.len()
        )));
    }
    Ok(BatchModes::Each(modes))
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

fn parse_extra(
    py: Python<'_>,
    extra: Option<&Bound<'_, PyAny>>,
    mode: LanguageMode,
) -> PyResult<Core> {
    let mut builder = Core::builder();
    builder.language(mode);
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
    #[pyo3(signature = (*, language = None, extra_abbreviations = None))]
    fn new(
        py: Python<'_>,
        language: Option<&Bound<'_, PyAny>>,
        extra_abbreviations: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mode = mode_arg(py, language)?;
        let core = parse_extra(py, extra_abbreviations, mode)?;
        Ok(PySentenceSplitter { core })
    }

    /// The sentences of `text`, as str.
    ///
    /// Args:
    ///     text: the text (str).
    ///     language: this call's language (a code, a BCP 47 tag or "auto"); None: the splitter's.
    ///
    /// Returns:
    ///     A list of str: each sentence without the spaces around it.
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> splitter = newsprep.SentenceSplitter(extra_abbreviations=["Brgy"])
    ///     >>> splitter.split("Brgy. San Roque flooded. He left.")
    ///     ['Brgy. San Roque flooded.', 'He left.']
    #[pyo3(signature = (text, *, language = None))]
    fn split<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        language: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let t = text_arg(text, "split")?;
        let mode = call_mode(py, &self.core, language)?;
        let spans = split_one(py, &self.core, &t, mode);
        sentences_to_py(py, &t, &spans)
    }

    /// The sentences of `text` as `(start, end)` code-point offsets.
    ///
    /// Args:
    ///     text: the text (str).
    ///     language: this call's language (a code, a BCP 47 tag or "auto"); None: the splitter's.
    ///
    /// Returns:
    ///     A list of `(start, end)` tuples: `text[start:end]` is a sentence.
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> newsprep.SentenceSplitter().spans("Rain fell. It stopped.")
    ///     [(0, 10), (11, 22)]
    #[pyo3(signature = (text, *, language = None))]
    fn spans<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        language: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let t = text_arg(text, "spans")?;
        let mode = call_mode(py, &self.core, language)?;
        let spans = split_one(py, &self.core, &t, mode);
        spans_to_py(py, &t, &spans)
    }

    /// Batch `split` over a list or iterable; returns a list (None for missing).
    #[pyo3(signature = (texts, n_threads = None, progress = None, language = None))]
    fn _split_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
        language: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = extract_texts(texts)?;
        let modes = batch_modes(py, &self.core, language, items.len())?;
        run_texts(
            py,
            &items,
            n_threads,
            progress,
            |i, t| self.core.spans_with(t.as_str(), modes.get(i)),
            |py, _, t, spans| Ok(sentences_to_py(py, t, &spans)?.into_any()),
        )
    }

    /// Batch `spans` over a list or iterable; returns a list (None for missing).
    #[pyo3(signature = (texts, n_threads = None, progress = None, language = None))]
    fn _spans_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
        language: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = extract_texts(texts)?;
        let modes = batch_modes(py, &self.core, language, items.len())?;
        // Code-point conversion runs on the workers; only object creation needs the GIL.
        // The spans are found in a buffer of the thread's, reused from text to text, and
        // copied out once at their exact size (not grown span by span for every text).
        thread_local! {
            static SPANS: std::cell::RefCell<Vec<Span>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let work = |i: usize, t: &PyText| {
            let mut map = CharOffsets::with_ascii(t.as_str(), t.is_ascii());
            SPANS.with_borrow_mut(|spans| {
                spans.clear();
                self.core.spans_with_into(t.as_str(), modes.get(i), spans);
                let out: Vec<_> = spans.iter().map(|&(s, e)| map.span(s, e)).collect();
                if spans.capacity() > 1 << 16 {
                    *spans = Vec::new(); // a huge text's buffer is not kept for the next batch
                }
                out
            })
        };
        let mut ints = IntCache::new(py);
        run_texts(py, &items, n_threads, progress, work, |_, _, _, spans| {
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

    /// The language option this splitter was built with: None, "auto" or a code.
    #[getter]
    fn language(&self) -> Option<&'static str> {
        self.core.language().name()
    }

    /// The abbreviation list shipped with newsprep, as {abbreviation: class}.
    ///
    /// Args:
    ///     language: a code of `languages()` for that language's own list; None (or "en") for the
    ///         English list. "auto" is refused: the list depends on the text.
    ///
    /// Returns:
    ///     A new dict {abbreviation (lowercase, without the dot): class} ("title", "prefix", ...),
    ///     the form `extra_abbreviations=` takes.
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> newsprep.SentenceSplitter.default_abbreviations()["dr"]
    ///     'title'
    ///     >>> newsprep.SentenceSplitter.default_abbreviations("de")["hr"]
    ///     'title'
    #[staticmethod]
    #[pyo3(signature = (language = None))]
    fn default_abbreviations<'py>(
        py: Python<'py>,
        language: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let data = match mode_arg(py, language)? {
            LanguageMode::Fixed(l) if l != Language::English => l.data(),
            LanguageMode::Auto => {
                return Err(super::errors::ConfigError::new_err(
                    "default_abbreviations needs a language code, not \"auto\"".to_string(),
                ))
            }
            _ => DEFAULT_ABBREVIATIONS,
        };
        let d = PyDict::new(py);
        let list = crate::sentences::parse_abbreviations(data).map_err(|e| to_py(py, e))?;
        for (w, c) in list {
            d.set_item(w, c.as_str())?;
        }
        Ok(d)
    }

    /// The codes of the languages with rules, for `language=`.
    ///
    /// Returns:
    ///     ISO 639-1 codes (list of str), English first.
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> langs = newsprep.SentenceSplitter.languages()
    ///     >>> langs[:3], "ja" in langs
    ///     (['en', 'de', 'fr'], True)
    #[staticmethod]
    fn languages() -> Vec<&'static str> {
        Language::ALL.iter().map(|l| l.code()).collect()
    }

    /// The known language of a BCP 47 tag such as a page's `<html lang>`.
    ///
    /// Args:
    ///     tag: a language tag ("de-AT", "pt_BR", "EN").
    ///
    /// Returns:
    ///     The code of `languages()` the tag names (str), or None when newsprep has no rules for it.
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> newsprep.SentenceSplitter.language_for("de-AT"), newsprep.SentenceSplitter.language_for("xx")
    ///     ('de', None)
    #[staticmethod]
    fn language_for(tag: &str) -> Option<&'static str> {
        Language::from_tag(tag).map(Language::code)
    }

    /// The language `language="auto"` picks for `text` (from a sample of its start).
    ///
    /// Args:
    ///     text: the text (str).
    ///
    /// Returns:
    ///     A code of `languages()` (str), or None when it cannot tell (too short, or no language
    ///     stands out).
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> newsprep.SentenceSplitter.detect_language(
    ///     ...     "Der Bundestag hat am Montag das neue Gesetz beschlossen, sagte die Regierung.")
    ///     'de'
    ///     >>> newsprep.SentenceSplitter.detect_language("ok") is None
    ///     True
    #[staticmethod]
    fn detect_language(text: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
        let t = text_arg(text, "detect_language")?;
        Ok(detect_language(t.as_str()).map(Language::code))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let name = slf.get_type().qualname()?;
        let core = &slf.get().core;
        let mut args = Vec::new();
        if let Some(l) = core.language().name() {
            args.push(format!("language={l:?}"));
        }
        let extra = core.extra_abbreviations();
        if !extra.is_empty() {
            let items: Vec<String> = extra
                .iter()
                .map(|(w, c)| format!("{w:?}: {:?}", c.as_str()))
                .collect();
            args.push(format!("extra_abbreviations={{{}}}", items.join(", ")));
        }
        Ok(format!("{name}({})", args.join(", ")))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let kwargs = PyDict::new(py);
        kwargs.set_item("language", slf.get().core.language().name())?;
        kwargs.set_item("extra_abbreviations", slf.get().extra_abbreviations(py)?)?;
        super::reduce_to_kwargs(slf.as_any(), kwargs)
    }
}

/// The sentences of `text`, as str (default splitter, `SentenceSplitter()`).
///
/// Args:
///     text: the text (str).
///     language: a language code or BCP 47 tag (`SentenceSplitter.languages()`) for its own
///         abbreviations and rules, "auto" to identify it, or None for every language's shared rules.
///
/// Returns:
///     A list of str: each sentence without the spaces around it.
///
/// Example:
///     >>> import newsprep
///     >>> newsprep.sentences("Mr. Silva arrived at 9 a.m. in the U.S. He left.")
///     ['Mr. Silva arrived at 9 a.m. in the U.S.', 'He left.']
#[pyfunction]
#[pyo3(signature = (text, *, language = None))]
fn sentences<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    language: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let t = text_arg(text, "sentences")?;
    let mode = mode_arg(py, language)?;
    let spans = split_one(py, default_splitter(), &t, mode);
    sentences_to_py(py, &t, &spans)
}

/// The sentences of `text` as `(start, end)` code-point offsets (default splitter).
///
/// Args:
///     text: the text (str).
///     language: as for `sentences`.
///
/// Returns:
///     A list of `(start, end)` tuples: `text[start:end]` is a sentence.
///
/// Example:
///     >>> import newsprep
///     >>> newsprep.sentence_spans("Rain fell. It stopped.")
///     [(0, 10), (11, 22)]
#[pyfunction]
#[pyo3(signature = (text, *, language = None))]
fn sentence_spans<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    language: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let t = text_arg(text, "sentence_spans")?;
    let mode = mode_arg(py, language)?;
    let spans = split_one(py, default_splitter(), &t, mode);
    spans_to_py(py, &t, &spans)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PySentenceSplitter>()?;
    m.add_function(wrap_pyfunction!(sentences, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_spans, m)?)?;
    Ok(())
}
