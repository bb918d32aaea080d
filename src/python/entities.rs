//! Bindings for [`crate::entities`].

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

use super::batch::{extract_items, run, DETACH_MIN_BYTES};
use super::errors::{newsprep_error, to_py, type_error};
use super::text::{str_list, text_arg, PyText};
use crate::entities::{
    EntityMatcher as Core, Match as CoreMatch, MatcherBuilder, Overlaps, Record,
};
use crate::offsets::CharOffsets;

/// One match of a gazetteer name in a text.
#[pyclass(frozen, module = "newsprep._core", name = "Match")]
pub(crate) struct PyMatch {
    /// Code-point offset of the first character: `text[start:end]` is the match.
    #[pyo3(get)]
    start: usize,
    /// Code-point offset just past the match.
    #[pyo3(get)]
    end: usize,
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
    fn new(
        start: usize,
        end: usize,
        text: Py<PyString>,
        id: Py<PyString>,
        label: Py<PyString>,
        name: Py<PyString>,
        ids: Py<PyTuple>,
    ) -> Self {
        PyMatch {
            start,
            end,
            text,
            id,
            label,
            name,
            ids,
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let r = |o: &Py<PyString>| -> PyResult<String> { Ok(o.bind(py).repr()?.to_string()) };
        Ok(format!(
            "Match(start={}, end={}, text={}, id={}, label={})",
            self.start,
            self.end,
            r(&self.text)?,
            r(&self.id)?,
            r(&self.label)?
        ))
    }

    fn _key<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            [
                self.start.into_pyobject(py)?.into_any(),
                self.end.into_pyobject(py)?.into_any(),
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

/// Finds gazetteer names in text: whole words, Unicode case folding, optional
/// accent folding, code-point offsets.
#[pyclass(frozen, subclass, module = "newsprep._core", name = "EntityMatcher")]
pub(crate) struct PyEntityMatcher {
    core: Arc<Core>,
    stop_names: Vec<String>,
    exact_case_names: Vec<String>,
    /// Python objects of the (name, entity) pairs already reported, so a match
    /// costs one lookup and a few reference counts instead of four new strings
    /// and a tuple. Grows only with the pairs that actually occur.
    objects: RwLock<HashMap<(u32, u32), MatchObjects>>,
}

/// The shared Python objects of one (name, entity) pair.
struct MatchObjects {
    id: Py<PyString>,
    label: Py<PyString>,
    name: Py<PyString>,
    ids: Py<PyTuple>,
}

impl MatchObjects {
    fn new(py: Python<'_>, core: &Core, name: u32, entity: u32) -> PyResult<MatchObjects> {
        let e = core.entity(entity);
        let ids = core
            .name_entities(name)
            .iter()
            .map(|&i| core.entity(i).id.as_str());
        Ok(MatchObjects {
            id: PyString::new(py, &e.id).unbind(),
            label: PyString::new(py, &e.label).unbind(),
            name: PyString::new(py, core.name(name)).unbind(),
            ids: PyTuple::new(py, ids)?.unbind(),
        })
    }

    fn match_at(&self, py: Python<'_>, span: (usize, usize), text: &str) -> PyMatch {
        PyMatch {
            start: span.0,
            end: span.1,
            text: PyString::new(py, text).unbind(),
            id: self.id.clone_ref(py),
            label: self.label.clone_ref(py),
            name: self.name.clone_ref(py),
            ids: self.ids.clone_ref(py),
        }
    }
}

impl PyEntityMatcher {
    /// Hook for the pipeline bindings: the core matcher.
    pub(crate) fn core(&self) -> &Arc<Core> {
        &self.core
    }

    fn with_core(core: Core, stop_names: Vec<String>, exact_case_names: Vec<String>) -> Self {
        PyEntityMatcher {
            core: Arc::new(core),
            stop_names,
            exact_case_names,
            objects: RwLock::new(HashMap::new()),
        }
    }
}

fn gazetteer_error(py: Python<'_>, msg: String) -> PyErr {
    newsprep_error(py, "GazetteerError", msg)
}

/// Reads one record: a mapping with "id", optional "label" and "names" (a str or an iterable of str).
fn extract_record(py: Python<'_>, i: usize, obj: &Bound<'_, PyAny>) -> PyResult<Record> {
    let get = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        match obj.get_item(key) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyKeyError>(py) => Ok(None),
            Err(e) if e.is_instance_of::<pyo3::exceptions::PyTypeError>(py) => Err(type_error(
                py,
                &format!("record {i}: expected a mapping with keys \"id\", \"label\", \"names\""),
                obj,
            )),
            Err(e) => Err(e),
        }
    };
    let id_obj =
        get("id")?.ok_or_else(|| gazetteer_error(py, format!("record {i}: missing \"id\"")))?;
    let id: String = if let Ok(s) = id_obj.cast::<PyString>() {
        s.to_str()?.to_string()
    } else if id_obj.is_instance_of::<pyo3::types::PyInt>() {
        id_obj.str()?.to_str()?.to_string()
    } else {
        return Err(type_error(
            py,
            &format!("record {i}: \"id\" must be a str or int"),
            &id_obj,
        ));
    };
    let label: String = match get("label")? {
        None => String::new(),
        Some(l) if l.is_none() => String::new(),
        Some(l) => l.extract().map_err(|_| {
            type_error(
                py,
                &format!("record {i} (id {id:?}): \"label\" must be a str"),
                &l,
            )
        })?,
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
    Ok(Record { id, label, names })
}

impl PyEntityMatcher {
    fn match_to_py<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        m: &CoreMatch,
        span: (usize, usize),
    ) -> PyResult<Bound<'py, PyMatch>> {
        let key = (m.name, m.entity);
        let slice = &text[m.start..m.end];
        if let Some(objs) = self
            .objects
            .read()
            .ok()
            .and_then(|g| g.get(&key).map(|o| o.match_at(py, span, slice)))
        {
            return Bound::new(py, objs);
        }
        let objs = MatchObjects::new(py, &self.core, m.name, m.entity)?;
        let made = objs.match_at(py, span, slice);
        if let Ok(mut g) = self.objects.write() {
            g.entry(key).or_insert(objs);
        }
        Bound::new(py, made)
    }

    fn matches_to_py<'py>(
        &self,
        py: Python<'py>,
        text: &PyText,
        found: &[(CoreMatch, (usize, usize))],
    ) -> PyResult<Bound<'py, PyList>> {
        let t = text.as_str();
        let items = found
            .iter()
            .map(|(m, span)| self.match_to_py(py, t, m, *span))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
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
}

#[pymethods]
impl PyEntityMatcher {
    #[new]
    #[pyo3(signature = (
        mapping = None, *, case_sensitive = false, fold_accents = false, whole_words = true,
        overlaps = "leftmost-longest", min_length = 1, stop_names = None, exact_case_names = None,
        _records = None, _bytes = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        mapping: Option<&Bound<'_, PyAny>>,
        case_sensitive: bool,
        fold_accents: bool,
        whole_words: bool,
        overlaps: &str,
        min_length: usize,
        stop_names: Option<&Bound<'_, PyAny>>,
        exact_case_names: Option<&Bound<'_, PyAny>>,
        _records: Option<&Bound<'_, PyAny>>,
        _bytes: Option<&Bound<'_, PyBytes>>,
    ) -> PyResult<Self> {
        let stop = str_list(py, stop_names, "stop_names")?;
        let exact = str_list(py, exact_case_names, "exact_case_names")?;
        if let Some(b) = _bytes {
            let data = b.as_bytes();
            let (core, stop, exact) = decode_state(data).map_err(|e| to_py(py, e))?;
            return Ok(PyEntityMatcher::with_core(core, stop, exact));
        }
        let overlaps: Overlaps = overlaps.parse().map_err(|e| to_py(py, e))?;
        let mut records = Vec::new();
        match (mapping, _records) {
            (Some(_), Some(_)) => {
                return Err(newsprep_error(
                    py,
                    "ConfigError",
                    "give either a {name: label} mapping or records, not both".into(),
                ))
            }
            (Some(m), None) => {
                let d = m.cast::<PyDict>().map_err(|_| {
                    type_error(py, "EntityMatcher(mapping) expects a dict {name: label}", m)
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
            (None, Some(recs)) => {
                if recs.is_instance_of::<PyString>() {
                    return Err(type_error(py, "records must be an iterable of dicts", recs));
                }
                let iter = recs
                    .try_iter()
                    .map_err(|_| type_error(py, "records must be an iterable of dicts", recs))?;
                // Records stream into the builder (holding the GIL): no second copy of a
                // large gazetteer in memory. The first bad record stops the build.
                let mut failed: Option<PyErr> = None;
                let stream = iter.enumerate().map_while(|(i, r)| {
                    match r.and_then(|r| extract_record(py, i, &r)) {
                        Ok(rec) => Some(rec),
                        Err(e) => {
                            failed = Some(e);
                            None
                        }
                    }
                });
                let built = builder(
                    case_sensitive,
                    fold_accents,
                    whole_words,
                    overlaps,
                    min_length,
                    &stop,
                    &exact,
                )
                .build(stream);
                if let Some(e) = failed {
                    return Err(e);
                }
                let core = built.map_err(|e| to_py(py, e))?;
                return Ok(PyEntityMatcher::with_core(core, stop, exact));
            }
            (None, None) => {}
        }
        let builder = builder(
            case_sensitive,
            fold_accents,
            whole_words,
            overlaps,
            min_length,
            &stop,
            &exact,
        );
        let core = py
            .detach(|| builder.build(records))
            .map_err(|e| to_py(py, e))?;
        Ok(PyEntityMatcher::with_core(core, stop, exact))
    }

    /// The matches in `text`, in order of start (code-point offsets).
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
        n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = extract_items(texts)?;
        run(
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
        n_threads: Option<usize>,
        progress: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let items = extract_items(texts)?;
        let mut cols: [Vec<u8>; 5] = Default::default();
        // One Python object per document (None); the columns grow in Rust.
        run(
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
    fn entity_ids<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.core.entities().iter().map(|e| e.id.as_str()))
    }

    /// The labels of all entities, by entity index.
    fn entity_labels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.core.entities().iter().map(|e| e.label.as_str()))
    }

    /// The name (as written in the gazetteer) with index `i`.
    fn name_at(&self, py: Python<'_>, i: usize) -> PyResult<String> {
        if i >= self.core.len_names() {
            return Err(newsprep_error(
                py,
                "ConfigError",
                format!("name index {i} out of range"),
            ));
        }
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
        d.set_item("stop_names", self.stop_names.clone())?;
        d.set_item("exact_case_names", self.exact_case_names.clone())?;
        Ok(d)
    }

    /// The matcher as bytes (compact; read back with `EntityMatcher(_bytes=...)`).
    fn _to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        let data = py.detach(|| encode_state(&self.core, &self.stop_names, &self.exact_case_names));
        PyBytes::new(py, &data)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let me = slf.get();
        let o = me.core.options();
        let name = slf.get_type().qualname()?;
        let py_bool = |b: bool| if b { "True" } else { "False" };
        Ok(format!(
            "{name}(<{} entities, {} names>, case_sensitive={}, fold_accents={}, whole_words={}, \
             overlaps={:?}, min_length={})",
            me.core.len_entities(),
            me.core.len_names(),
            py_bool(o.case_sensitive),
            py_bool(o.fold_accents),
            py_bool(o.whole_words),
            o.overlaps.as_str(),
            o.min_length,
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let kwargs = PyDict::new(py);
        kwargs.set_item("_bytes", slf.get()._to_bytes(py))?;
        super::reduce_to_kwargs(slf.as_any(), kwargs)
    }
}

/// A builder with the options of the Python constructor.
fn builder(
    case_sensitive: bool,
    fold_accents: bool,
    whole_words: bool,
    overlaps: Overlaps,
    min_length: usize,
    stop: &[String],
    exact: &[String],
) -> MatcherBuilder {
    let mut b = MatcherBuilder::new();
    b.case_sensitive(case_sensitive)
        .fold_accents(fold_accents)
        .whole_words(whole_words)
        .overlaps(overlaps)
        .min_length(min_length)
        .stop_names(stop.iter().cloned())
        .exact_case_names(exact.iter().cloned());
    b
}

const STATE_MAGIC: &[u8; 4] = b"NPEM";

/// Matcher bytes plus the hygiene lists (which the core does not keep), for pickling and saving.
fn encode_state(core: &Core, stop: &[String], exact: &[String]) -> Vec<u8> {
    let extra = serde_json::to_vec(&(stop, exact)).unwrap_or_else(|_| b"[[],[]]".to_vec());
    let mut out = Vec::new();
    out.extend_from_slice(STATE_MAGIC);
    out.extend_from_slice(&(extra.len() as u64).to_le_bytes());
    out.extend_from_slice(&extra);
    out.extend_from_slice(&core.to_bytes());
    out
}

fn decode_state(data: &[u8]) -> crate::error::Result<(Core, Vec<String>, Vec<String>)> {
    let bad = || {
        crate::Error::new(
            crate::ErrorKind::Deserialize,
            "not a saved newsprep EntityMatcher",
        )
    };
    if data.len() < 12 || &data[..4] != STATE_MAGIC {
        return Err(bad());
    }
    let n = u64::from_le_bytes(data[4..12].try_into().map_err(|_| bad())?) as usize;
    let rest = &data[12..];
    if n > rest.len() {
        return Err(bad());
    }
    let (stop, exact): (Vec<String>, Vec<String>) = serde_json::from_slice(&rest[..n])?;
    let core = Core::from_bytes(&rest[n..])?;
    Ok((core, stop, exact))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyMatch>()?;
    m.add_class::<PyEntityMatcher>()?;
    Ok(())
}
