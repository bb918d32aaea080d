//! Bindings for [`crate::entities`].

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyInt, PyList, PyString, PyTuple, PyType};

use super::batch::{extract_texts, run_texts, threads_arg, DETACH_MIN_BYTES};
use super::errors::{to_py, type_error};
use super::options::option_args;
use super::text::{is_missing, str_list, text_arg, PyText};
use crate::entities::{
    check_record_key, EntityMatcher as Core, Match as CoreMatch, MatcherBuilder, Overlaps, Record,
};
use crate::offsets::CharOffsets;
use crate::ErrorKind;

/// The Python objects shared by every match of one gazetteer name: its first
/// entity's id and label, the name as written, and every entity id with it.
struct NameInfo {
    id: Py<PyString>,
    label: Py<PyString>,
    name: Py<PyString>,
    ids: Py<PyTuple>,
}

impl NameInfo {
    fn new(py: Python<'_>, core: &Core, name: u32, entity: u32) -> PyResult<NameInfo> {
        let e = core.entity(entity);
        let ids = core
            .name_entities(name)
            .iter()
            .map(|&i| core.entity(i).id.as_str());
        Ok(NameInfo {
            id: PyString::new(py, &e.id).unbind(),
            label: PyString::new(py, &e.label).unbind(),
            name: PyString::new(py, core.name(name)).unbind(),
            ids: PyTuple::new(py, ids)?.unbind(),
        })
    }
}

/// One match of a gazetteer name in a text.
///
/// Every attribute is a Python object stored in the match, which Python reads
/// as a plain struct member (no call into Rust); the id, label, name and ids
/// objects are shared by every match of a name, and the text with the name
/// when written the same way.
#[pyclass(frozen, module = "newsprep._core", name = "Match")]
pub(crate) struct PyMatch {
    /// Code-point offset of the first character: `text[start:end]` is the match.
    #[pyo3(get)]
    start: Py<PyInt>,
    /// Code-point offset just past the match.
    #[pyo3(get)]
    end: Py<PyInt>,
    /// The matched text, as written in the text searched.
    #[pyo3(get)]
    text: Py<PyString>,
    /// The id of the (first) entity with this name.
    #[pyo3(get)]
    id: Py<PyString>,
    /// The label of that entity.
    #[pyo3(get)]
    label: Py<PyString>,
    /// The name as written in the gazetteer.
    #[pyo3(get)]
    name: Py<PyString>,
    /// Every entity id with this name (more than one when several records share it).
    #[pyo3(get)]
    ids: Py<PyTuple>,
}

#[pymethods]
impl PyMatch {
    #[new]
    #[pyo3(signature = (start, end, text, id, label, name, ids))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        start: usize,
        end: usize,
        text: Py<PyString>,
        id: Py<PyString>,
        label: Py<PyString>,
        name: Py<PyString>,
        ids: Py<PyTuple>,
    ) -> PyResult<Self> {
        Ok(PyMatch {
            start: int(py, start)?,
            end: int(py, end)?,
            text,
            id,
            label,
            name,
            ids,
        })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let r = |o: &Py<PyString>| -> PyResult<String> { Ok(o.bind(py).repr()?.to_string()) };
        Ok(format!(
            "Match(start={}, end={}, text={}, id={}, label={})",
            self.start.bind(py),
            self.end.bind(py),
            r(&self.text)?,
            r(&self.id)?,
            r(&self.label)?
        ))
    }

    fn _key<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            [
                self.start.bind(py).clone().into_any(),
                self.end.bind(py).clone().into_any(),
                self.text.bind(py).clone().into_any(),
                self.id.bind(py).clone().into_any(),
                self.label.bind(py).clone().into_any(),
                self.name.bind(py).clone().into_any(),
                self.ids.bind(py).clone().into_any(),
            ],
        )
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match other.cast::<PyMatch>() {
            Ok(o) => self._key(py)?.eq(o.get()._key(py)?),
            Err(_) => Ok(false),
        }
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self._key(py)?.hash()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        PyTuple::new(
            py,
            [slf.get_type().into_any(), slf.get()._key(py)?.into_any()],
        )
    }
}

/// A Python int.
#[inline]
fn int(py: Python<'_>, v: usize) -> PyResult<Py<PyInt>> {
    Ok(v.into_pyobject(py)?.cast_into::<PyInt>()?.unbind())
}

/// A built matcher handed to the constructor by the private static
/// constructors (`_from_records`, `_from_bytes`), so that subclasses are kept
/// and the public signature has no private arguments.
#[pyclass(frozen, module = "newsprep._core", name = "_Built")]
pub(crate) struct Built {
    core: Arc<Core>,
}

/// Finds gazetteer names in text: whole words, Unicode case folding, optional
/// accent folding, code-point offsets.
#[pyclass(frozen, subclass, module = "newsprep._core", name = "EntityMatcher")]
pub(crate) struct PyEntityMatcher {
    core: Arc<Core>,
    /// The Python objects of each name already reported (by name index), so
    /// that a match costs one allocation instead of four new strings and a
    /// tuple. Allocated on the first match.
    infos: OnceLock<Box<[OnceLock<NameInfo>]>>,
}

impl PyEntityMatcher {
    /// Hook for the pipeline bindings: the core matcher.
    pub(crate) fn core(&self) -> &Arc<Core> {
        &self.core
    }

    fn with_core(core: Arc<Core>) -> Self {
        PyEntityMatcher {
            core,
            infos: OnceLock::new(),
        }
    }

    /// The shared objects of name `name` (whose first entity is `entity`).
    #[inline]
    fn info(&self, py: Python<'_>, name: u32, entity: u32) -> PyResult<&NameInfo> {
        let slots = self.infos.get_or_init(|| {
            (0..self.core.len_names())
                .map(|_| OnceLock::new())
                .collect()
        });
        let slot = &slots[name as usize];
        if let Some(info) = slot.get() {
            return Ok(info);
        }
        // Not get_or_init: building the objects runs Python code, and another
        // thread may do the same meanwhile; the first one stored wins.
        let _ = slot.set(NameInfo::new(py, &self.core, name, entity)?);
        slot.get()
            .ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("newsprep: name cache"))
    }

    /// The matches as a list of `Match` objects, filled in place (`PyList_New` of the
    /// final length, then `PyList_SetItem`): no intermediate `Vec` of matches.
    fn matches_to_py<'py>(
        &self,
        py: Python<'py>,
        text: &PyText,
        found: &[(CoreMatch, (usize, usize))],
    ) -> PyResult<Bound<'py, PyList>> {
        use pyo3::ffi;
        let t = text.as_str();
        let n = ffi::Py_ssize_t::try_from(found.len())
            .map_err(|_| pyo3::exceptions::PyOverflowError::new_err("too many matches"))?;
        // SAFETY: the GIL is held (`py`); `PyList_New` returns a new reference or NULL
        // with an exception set, which `from_owned_ptr_or_err` turns into the error.
        let list = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(n))? };
        for (i, &(m, (start, end))) in found.iter().enumerate() {
            let info = self.info(py, m.name, m.entity)?;
            let seen = &t[m.start..m.end];
            // the text as written in the gazetteer (the usual case): share the name's str
            let text = if seen == self.core.name(m.name) {
                info.name.clone_ref(py)
            } else {
                PyString::new(py, seen).unbind()
            };
            let item = Bound::new(
                py,
                PyMatch {
                    start: int(py, start)?,
                    end: int(py, end)?,
                    text,
                    id: info.id.clone_ref(py),
                    label: info.label.clone_ref(py),
                    name: info.name.clone_ref(py),
                    ids: info.ids.clone_ref(py),
                },
            )?;
            // SAFETY: `PyList_SetItem` steals the reference (`into_ptr` gives it up) and
            // only fails for an index out of range, which cannot happen: `i < n`. A list
            // left part-filled by an error above holds NULLs, which its deallocation skips.
            unsafe { ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, item.into_ptr()) };
        }
        // SAFETY: `PyList_New` made a list.
        Ok(unsafe { list.cast_into_unchecked::<PyList>() })
    }

    /// Finds and converts offsets to code points (no GIL needed).
    fn find_chars(&self, text: &PyText) -> Vec<(CoreMatch, (usize, usize))> {
        let t = text.as_str();
        let found = self.core.find(t);
        let mut map = CharOffsets::with_ascii(t, text.is_ascii());
        found
            .into_iter()
            .map(|m| (m, map.span(m.start, m.end)))
            .collect()
    }

    /// Warns (NewsprepWarning) when the matcher has no names: it would never find anything.
    fn warn_if_empty(py: Python<'_>, core: &Core, n_records: usize) -> PyResult<()> {
        if core.len_names() > 0 {
            return Ok(());
        }
        let msg = if n_records == 0 {
            "the gazetteer is empty: this EntityMatcher will never find anything".to_string()
        } else {
            // an empty names list is one way: the records may hold no name at all
            format!(
                "the {n_records} record(s) give no name to match (their names lists are empty, or \
                 stop_names or min_length dropped every name): this EntityMatcher will never find \
                 anything"
            )
        };
        super::errors::warn_user(py, &msg)
    }
}

fn gazetteer_error(_py: Python<'_>, msg: String) -> PyErr {
    super::errors::GazetteerError::new_err(msg)
}

fn config_error(_py: Python<'_>, msg: String) -> PyErr {
    super::errors::ConfigError::new_err(msg)
}

option_args! {
    min_length_arg: count("min_length") -> usize,
    case_sensitive_arg: flag("case_sensitive") -> bool,
    fold_accents_arg: flag("fold_accents") -> bool,
    whole_words_arg: flag("whole_words") -> bool,
    exact_case_acronyms_arg: flag("exact_case_acronyms") -> bool,
}

/// The `overlaps` option: a str naming an [`Overlaps`] mode, as that mode's own name.
fn overlaps_arg(obj: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let s = super::options::string(obj, "overlaps")?;
    let o: Overlaps = s.parse().map_err(|e| to_py(obj.py(), e))?;
    Ok(o.as_str())
}

/// How error messages name record `i`: by its line when `lines` maps records
/// to lines of a file (from_jsonl), else by its index.
struct Where<'a, 'py> {
    source: Option<&'a str>,
    lines: Option<&'a Bound<'py, PyList>>,
}

impl Where<'_, '_> {
    fn prefix(&self, i: usize) -> String {
        let line = self
            .lines
            .and_then(|l| l.get_item(i).ok())
            .and_then(|v| v.extract::<usize>().ok());
        match (self.source, line) {
            (Some(src), Some(line)) => format!("{src}, line {line}: "),
            (None, Some(line)) => format!("line {line}: "),
            _ => String::new(),
        }
    }

    /// Re-raises `err` (a newsprep error about record `i`) with the record's line.
    fn locate(&self, py: Python<'_>, i: usize, err: PyErr) -> PyErr {
        let prefix = self.prefix(i);
        if prefix.is_empty() {
            return err;
        }
        let value = err.value(py);
        let msg = value.str().map(|s| s.to_string()).unwrap_or_default();
        match value.get_type().call1((format!("{prefix}{msg}"),)) {
            Ok(exc) => PyErr::from_value(exc),
            Err(_) => err,
        }
    }
}

/// Reads one record: a mapping with "id", "names" (a str or an iterable of str), and
/// optionally "label" and "case_sensitive"; other keys are checked by `check_record_key`.
fn extract_record(
    py: Python<'_>,
    i: usize,
    obj: &Bound<'_, PyAny>,
    ok_keys: &mut HashSet<String>,
) -> PyResult<Record> {
    let not_mapping = || {
        type_error(
            py,
            &format!("record {i}: expected a mapping with keys \"id\", \"label\", \"names\""),
            obj,
        )
    };
    let get = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        match obj.get_item(key) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyKeyError>(py) => Ok(None),
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) => Err(not_mapping()),
            Err(e) => Err(e),
        }
    };
    if obj.is_instance_of::<PyString>() {
        return Err(not_mapping());
    }
    let id_obj =
        get("id")?.ok_or_else(|| gazetteer_error(py, format!("record {i}: missing \"id\"")))?;
    let id: String = if let Ok(s) = id_obj.cast::<PyString>() {
        s.to_str()?.to_string()
    } else if id_obj.is_instance_of::<pyo3::types::PyInt>()
        && !id_obj.is_instance_of::<pyo3::types::PyBool>()
    {
        id_obj.str()?.to_str()?.to_string()
    } else {
        return Err(type_error(
            py,
            &format!("record {i}: \"id\" must be a str or int"),
            &id_obj,
        ));
    };
    // keys other than the four read: data of the record's own, unless they look meant for us
    // keys other than the four read: data of the record's own, unless they look meant for us
    // (the verdict for each key is remembered: records usually share their keys)
    let mut check = |key: Bound<'_, PyAny>| -> PyResult<()> {
        if let Ok(key) = key.cast::<PyString>() {
            let key = key.to_str()?;
            if !ok_keys.contains(key) {
                check_record_key(key)
                    .map_err(|msg| gazetteer_error(py, format!("record {i} (id {id:?}): {msg}")))?;
                ok_keys.insert(key.to_string());
            }
        }
        Ok(())
    };
    if let Ok(d) = obj.cast::<PyDict>() {
        for (key, _) in d.iter() {
            check(key)?;
        }
    } else if let Ok(keys) = obj.call_method0("keys") {
        for key in keys.try_iter()? {
            check(key?)?;
        }
    }
    let label: String = match get("label")? {
        None => String::new(),
        Some(l) if is_missing(&l) => String::new(),
        Some(l) => l.extract().map_err(|_| {
            type_error(
                py,
                &format!("record {i} (id {id:?}): \"label\" must be a str or None"),
                &l,
            )
        })?,
    };
    let case_sensitive = match get("case_sensitive")? {
        None => None,
        Some(v) if is_missing(&v) => None,
        Some(v) => Some(
            v.cast::<pyo3::types::PyBool>()
                .map(|b| b.is_true())
                .map_err(|_| {
                    type_error(
                py,
                &format!("record {i} (id {id:?}): \"case_sensitive\" must be true, false or None"),
                &v,
            )
                })?,
        ),
    };
    let names_obj = get("names")?
        .ok_or_else(|| gazetteer_error(py, format!("record {i} (id {id:?}): missing \"names\"")))?;
    let names: Vec<String> = if let Ok(s) = names_obj.cast::<PyString>() {
        vec![s.to_str()?.to_string()]
    } else {
        let iter = names_obj.try_iter().map_err(|_| {
            type_error(
                py,
                &format!("record {i} (id {id:?}): \"names\" must be a list of str"),
                &names_obj,
            )
        })?;
        let mut v = Vec::new();
        for n in iter {
            let n = n?;
            v.push(n.extract::<String>().map_err(|_| {
                type_error(
                    py,
                    &format!("record {i} (id {id:?}): every name must be a str"),
                    &n,
                )
            })?);
        }
        v
    };
    Ok(Record {
        id,
        label,
        names,
        case_sensitive,
    })
}

/// The matcher options of the Python API.
struct PyOptions {
    case_sensitive: bool,
    fold_accents: bool,
    whole_words: bool,
    overlaps: Overlaps,
    min_length: usize,
    stop_names: Vec<String>,
    exact_case_names: Vec<String>,
    exact_case_acronyms: bool,
}

impl PyOptions {
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        case_sensitive: bool,
        fold_accents: bool,
        whole_words: bool,
        overlaps: &str,
        min_length: usize,
        stop_names: Option<&Bound<'_, PyAny>>,
        exact_case_names: Option<&Bound<'_, PyAny>>,
        exact_case_acronyms: bool,
    ) -> PyResult<PyOptions> {
        Ok(PyOptions {
            case_sensitive,
            fold_accents,
            whole_words,
            overlaps: overlaps.parse().map_err(|e| to_py(py, e))?,
            min_length,
            stop_names: str_list(py, stop_names, "stop_names")?,
            exact_case_names: str_list(py, exact_case_names, "exact_case_names")?,
            exact_case_acronyms,
        })
    }

    fn builder(&self) -> MatcherBuilder {
        let mut b = MatcherBuilder::new();
        b.case_sensitive(self.case_sensitive)
            .fold_accents(self.fold_accents)
            .whole_words(self.whole_words)
            .overlaps(self.overlaps)
            .min_length(self.min_length)
            .exact_case_acronyms(self.exact_case_acronyms)
            .stop_names(self.stop_names.iter().cloned())
            .exact_case_names(self.exact_case_names.iter().cloned());
        b
    }
}

/// Builds a core matcher from an iterable of record mappings, streaming them into the
/// builder (no second copy of a large gazetteer in memory).
fn build_from_records(
    py: Python<'_>,
    records: &Bound<'_, PyAny>,
    options: &PyOptions,
    at: &Where<'_, '_>,
) -> PyResult<(Core, usize)> {
    if records.is_instance_of::<PyString>() || records.is_instance_of::<PyDict>() {
        return Err(type_error(
            py,
            "records must be an iterable of dicts {\"id\", \"label\", \"names\"}",
            records,
        ));
    }
    let iter = records.try_iter().map_err(|_| {
        type_error(
            py,
            "records must be an iterable of dicts {\"id\", \"label\", \"names\"}",
            records,
        )
    })?;
    let mut failed: Option<PyErr> = None;
    let mut count = 0usize;
    let mut ok_keys: HashSet<String> = HashSet::new();
    let stream = iter.enumerate().map_while(|(i, r)| {
        count = i + 1;
        match r.and_then(|r| extract_record(py, i, &r, &mut ok_keys)) {
            Ok(rec) => Some(rec),
            Err(e) => {
                failed = Some(at.locate(py, i, e));
                None
            }
        }
    });
    let built = options.builder().build(stream);
    if let Some(e) = failed {
        return Err(e);
    }
    match built {
        Ok(core) => Ok((core, count)),
        // The builder stops at the record it was given last.
        Err(e) if e.kind() == &ErrorKind::InvalidRecord && count > 0 => {
            Err(at.locate(py, count - 1, to_py(py, e)))
        }
        Err(e) => Err(to_py(py, e)),
    }
}

#[pymethods]
impl PyEntityMatcher {
    #[new]
    #[pyo3(signature = (
        mapping = None, *, case_sensitive = false, fold_accents = false, whole_words = true,
        overlaps = "leftmost-longest", min_length = 1, stop_names = None, exact_case_names = None,
        exact_case_acronyms = true
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        mapping: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = case_sensitive_arg)] case_sensitive: bool,
        #[pyo3(from_py_with = fold_accents_arg)] fold_accents: bool,
        #[pyo3(from_py_with = whole_words_arg)] whole_words: bool,
        #[pyo3(from_py_with = overlaps_arg)] overlaps: &'static str,
        #[pyo3(from_py_with = min_length_arg)] min_length: usize,
        stop_names: Option<&Bound<'_, PyAny>>,
        exact_case_names: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = exact_case_acronyms_arg)] exact_case_acronyms: bool,
    ) -> PyResult<Self> {
        if let Some(built) = mapping.and_then(|m| m.cast::<Built>().ok()) {
            return Ok(PyEntityMatcher::with_core(built.get().core.clone()));
        }
        let options = PyOptions::new(
            py,
            case_sensitive,
            fold_accents,
            whole_words,
            overlaps,
            min_length,
            stop_names,
            exact_case_names,
            exact_case_acronyms,
        )?;
        let mut records = Vec::new();
        if let Some(m) = mapping {
            let d = m.cast::<PyDict>().map_err(|_| {
                super::errors::type_error_fix(
                    py,
                    "EntityMatcher(mapping) expects a dict {name: label}",
                    m,
                    "for records with id, label and names (or a DataFrame of them) use \
                     EntityMatcher.from_records(records), for a list of names \
                     EntityMatcher(dict.fromkeys(names, \"LABEL\"))",
                )
            })?;
            for (k, v) in d.iter() {
                let name: String = k
                    .extract()
                    .map_err(|_| type_error(py, "mapping keys (names) must be str", &k))?;
                let label: String = v.extract().map_err(|_| {
                    type_error(
                        py,
                        &format!("mapping value for {name:?} (a label) must be a str"),
                        &v,
                    )
                })?;
                records.push(Record::new(name.clone(), label, [name]));
            }
        }
        let n_records = records.len();
        let builder = options.builder();
        let core = py
            .detach(|| builder.build(records))
            .map_err(|e| to_py(py, e))?;
        Self::warn_if_empty(py, &core, n_records)?;
        Ok(PyEntityMatcher::with_core(Arc::new(core)))
    }

    /// Builds a matcher of class `cls` from records (see `EntityMatcher.from_records`);
    /// `lines` (optional) gives the line of each record for error messages.
    #[classmethod]
    #[pyo3(signature = (
        records, *, case_sensitive = false, fold_accents = false, whole_words = true,
        overlaps = "leftmost-longest", min_length = 1, stop_names = None, exact_case_names = None,
        exact_case_acronyms = true, source = None, lines = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn _from_records<'py>(
        cls: &Bound<'py, PyType>,
        records: &Bound<'py, PyAny>,
        #[pyo3(from_py_with = case_sensitive_arg)] case_sensitive: bool,
        #[pyo3(from_py_with = fold_accents_arg)] fold_accents: bool,
        #[pyo3(from_py_with = whole_words_arg)] whole_words: bool,
        #[pyo3(from_py_with = overlaps_arg)] overlaps: &'static str,
        #[pyo3(from_py_with = min_length_arg)] min_length: usize,
        stop_names: Option<&Bound<'py, PyAny>>,
        exact_case_names: Option<&Bound<'py, PyAny>>,
        #[pyo3(from_py_with = exact_case_acronyms_arg)] exact_case_acronyms: bool,
        source: Option<&str>,
        lines: Option<&Bound<'py, PyList>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let options = PyOptions::new(
            py,
            case_sensitive,
            fold_accents,
            whole_words,
            overlaps,
            min_length,
            stop_names,
            exact_case_names,
            exact_case_acronyms,
        )?;
        let at = Where { source, lines };
        let (core, n_records) = build_from_records(py, records, &options, &at)?;
        Self::warn_if_empty(py, &core, n_records)?;
        let built = Built {
            core: Arc::new(core),
        };
        cls.call1((built,))
    }

    /// Reads a matcher of class `cls` from the bytes of `_to_bytes` (or a saved file).
    #[classmethod]
    fn _from_bytes<'py>(
        cls: &Bound<'py, PyType>,
        data: &Bound<'py, PyBytes>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let bytes = data.as_bytes();
        let core = py
            .detach(|| Core::from_bytes(bytes))
            .map_err(|e| to_py(py, e))?;
        let built = Built {
            core: Arc::new(core),
        };
        cls.call1((built,))
    }

    /// The matches in `text`, in order of start (code-point offsets).
    ///
    /// Args:
    ///     text: the text (str).
    ///
    /// Returns:
    ///     A list of Match (start, end, text, id, label; `ids` when records share the name), with
    ///     `text[m.start:m.end] == m.text`.
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> m = newsprep.EntityMatcher({"Faro": "LOC", "WHO": "ORG"})
    ///     >>> [(x.text, x.label) for x in m.find("The WHO, who met in Faro.")]
    ///     [('WHO', 'ORG'), ('Faro', 'LOC')]
    fn find<'py>(&self, py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let t = text_arg(text, "find")?;
        let found = if t.as_str().len() >= DETACH_MIN_BYTES {
            py.detach(|| self.find_chars(&t))
        } else {
            self.find_chars(&t)
        };
        self.matches_to_py(py, &t, &found)
    }

    /// Batch `find` over a list or iterable; returns a list (None for missing).
    #[pyo3(signature = (texts, n_threads = None, progress = None))]
    fn _find_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = extract_texts(texts)?;
        run_texts(
            py,
            &items,
            n_threads,
            progress,
            |_, t| self.find_chars(t),
            |py, _, t, found| Ok(self.matches_to_py(py, t, &found)?.into_any()),
        )
    }

    /// Columnar batch result: a dict of little-endian int64 buffers "doc",
    /// "start", "end" (code points), "entity" and "name" (indexes), one entry
    /// per match, documents in input order; missing texts have no matches.
    #[pyo3(signature = (texts, n_threads = None, progress = None))]
    fn _find_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let items = extract_texts(texts)?;
        let mut cols: [Vec<u8>; 5] = Default::default();
        // One Python object per document (None); the columns grow in Rust.
        run_texts(
            py,
            &items,
            n_threads,
            progress,
            |_, t| self.find_chars(t),
            |py, doc, _, found| {
                for (m, (s, e)) in found {
                    let row = [
                        doc as i64,
                        s as i64,
                        e as i64,
                        i64::from(m.entity),
                        i64::from(m.name),
                    ];
                    for (col, v) in cols.iter_mut().zip(row) {
                        col.extend_from_slice(&v.to_le_bytes());
                    }
                }
                Ok(py.None().into_bound(py))
            },
        )?;
        let out = PyDict::new(py);
        for (key, col) in ["doc", "start", "end", "entity", "name"]
            .iter()
            .zip(cols.iter())
        {
            out.set_item(key, PyBytes::new(py, col))?;
        }
        Ok(out)
    }

    /// The ids of all entities, by entity index.
    ///
    /// Returns:
    ///     A list of str: item `i` is the id of entity `i` (what the `entity` column
    ///     of `find_columns` indexes).
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> newsprep.EntityMatcher({"Silva": "PER", "Faro": "LOC"}).entity_ids()
    ///     ['Silva', 'Faro']
    fn entity_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.core.entities().iter().map(|e| e.id.as_str()))
    }

    /// The labels of all entities, by entity index.
    ///
    /// Returns:
    ///     A list of str: item `i` is the label of entity `i` (what the `entity` column
    ///     of `find_columns` indexes).
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> newsprep.EntityMatcher({"Silva": "PER", "Faro": "LOC"}).entity_labels()
    ///     ['PER', 'LOC']
    fn entity_labels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.core.entities().iter().map(|e| e.label.as_str()))
    }

    /// The name (as written in the gazetteer) with index `i`.
    ///
    /// Args:
    ///     i: a name index, such as an item of the `name` column of `find_columns` (0 to the number of
    ///         names less one; ConfigError otherwise).
    ///
    /// Returns:
    ///     The name (str).
    ///
    /// Example:
    ///     >>> import newsprep
    ///     >>> records = [{"id": "Q1", "label": "PER", "names": ["Ana Silva", "Silva"]}]
    ///     >>> m = newsprep.EntityMatcher.from_records(records)
    ///     >>> cols = m.find_columns(["Silva spoke."])
    ///     >>> m.name_at(int(cols["name"][0])), m.entity_ids()[int(cols["entity"][0])]
    ///     ('Silva', 'Q1')
    fn name_at(&self, py: Python<'_>, i: &Bound<'_, PyAny>) -> PyResult<String> {
        let n = self.core.len_names();
        let i = super::options::count(i, "name index")
            .ok()
            .filter(|&i| i < n)
            .ok_or_else(|| {
                config_error(
                    py,
                    format!("name index {i} out of range (0 to {})", n.saturating_sub(1)),
                )
            })?;
        Ok(self.core.name(i as u32).to_string())
    }

    /// Number of entities.
    #[getter]
    fn n_entities(&self) -> usize {
        self.core.len_entities()
    }

    /// Number of distinct names (after folding).
    #[getter]
    fn n_names(&self) -> usize {
        self.core.len_names()
    }

    /// Number of names that match only as written (exact case).
    #[getter]
    fn n_exact_case(&self) -> usize {
        (0..self.core.len_names() as u32)
            .filter(|&i| self.core.name_policy(i) == crate::entities::CasePolicy::Exact)
            .count()
    }

    /// The options the matcher was built with, as a dict.
    #[getter]
    fn options<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let o = self.core.options();
        let d = PyDict::new(py);
        d.set_item("case_sensitive", o.case_sensitive)?;
        d.set_item("fold_accents", o.fold_accents)?;
        d.set_item("whole_words", o.whole_words)?;
        d.set_item("overlaps", o.overlaps.as_str())?;
        d.set_item("min_length", o.min_length)?;
        d.set_item("stop_names", o.stop_names.clone())?;
        d.set_item("exact_case_names", o.exact_case_names.clone())?;
        d.set_item("exact_case_acronyms", o.exact_case_acronyms)?;
        Ok(d)
    }

    /// The matcher as bytes: the core's saved form (`EntityMatcher::to_bytes` in Rust).
    fn _to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let data = py.detach(|| self.core.to_bytes());
        PyBytes::new(py, &data)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        let me = slf.get();
        let o = me.core.options();
        let name = slf.get_type().qualname()?;
        let py_bool = |b: bool| if b { "True" } else { "False" };
        let list = |v: &[String]| -> PyResult<String> {
            if v.len() <= 6 {
                Ok(PyList::new(py, v)?.repr()?.to_string())
            } else {
                let head = PyList::new(py, &v[..3])?.repr()?.to_string();
                Ok(format!(
                    "{}, ... <{} names>]",
                    &head[..head.len() - 1],
                    v.len()
                ))
            }
        };
        // every option that changes results; the lists only when not empty
        let mut lists = String::new();
        for (key, v) in [
            ("stop_names", &o.stop_names),
            ("exact_case_names", &o.exact_case_names),
        ] {
            if !v.is_empty() {
                lists.push_str(&format!(", {key}={}", list(v)?));
            }
        }
        Ok(format!(
            "{name}(<{} entities, {} names, {} exact-case>, case_sensitive={}, fold_accents={}, \
             whole_words={}, overlaps={:?}, min_length={}, exact_case_acronyms={}{lists})",
            me.core.len_entities(),
            me.core.len_names(),
            me.n_exact_case(),
            py_bool(o.case_sensitive),
            py_bool(o.fold_accents),
            py_bool(o.whole_words),
            o.overlaps.as_str(),
            o.min_length,
            py_bool(o.exact_case_acronyms),
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let ctor = slf.get_type().getattr("_from_bytes")?;
        let args = PyTuple::new(py, [slf.get()._to_bytes(py)])?;
        PyTuple::new(py, [ctor, args.into_any()])
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyMatch>()?;
    m.add_class::<Built>()?;
    m.add_class::<PyEntityMatcher>()?;
    Ok(())
}
