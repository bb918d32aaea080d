//! The batch driver shared by every `*_many` method: borrow the strings, release
//! the GIL, run chunks on rayon, check for Ctrl-C between chunks.

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use super::errors::{to_py, type_error};
use super::text::{is_missing, PyText};
use crate::batch::{Pool, Threads};

/// Documents per chunk, and the byte budget that ends a chunk early: chunks are
/// long enough to keep both cores busy and short enough that Ctrl-C and the
/// progress bar respond within a fraction of a second.
const CHUNK_DOCS: usize = 2048;
const CHUNK_BYTES: usize = 8 << 20;

/// Single-text calls release the GIL from this many bytes of text on: below it,
/// releasing and re-acquiring costs more than other threads gain.
pub(crate) const DETACH_MIN_BYTES: usize = 16 * 1024;

static PID: OnceLock<u32> = OnceLock::new();

/// Remembers the process that loaded the module, to detect `fork()`.
pub(crate) fn record_pid() {
    let _ = PID.set(std::process::id());
}

/// After `fork()` rayon's global pool has no threads in the child: run sequentially.
fn forked() -> bool {
    PID.get().is_some_and(|&p| p != std::process::id())
}

/// One input of a batch.
pub(crate) enum Item {
    Text(PyText),
    Missing,
}

impl Item {
    fn len(&self) -> usize {
        match self {
            Item::Text(t) => t.as_str().len(),
            Item::Missing => 0,
        }
    }
}

/// Extracts a batch: any iterable of str, with None/NaN/pandas.NA as missing.
pub(crate) fn extract_items(texts: &Bound<'_, PyAny>) -> PyResult<Vec<Item>> {
    let py = texts.py();
    if texts.is_instance_of::<PyString>() {
        return Err(type_error(
            py,
            "expected an iterable of str (a list, a pandas Series ...), not a single str; \
             use the single-text method for one text",
            texts,
        ));
    }
    let extract_one = |i: usize, obj: Bound<'_, PyAny>| -> PyResult<Item> {
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Item::Text(PyText::new(s).map_err(|e| {
                let msg = format!("texts[{i}]: {}", e.value(py));
                pyo3::exceptions::PyValueError::new_err(msg)
            })?));
        }
        if is_missing(&obj) {
            return Ok(Item::Missing);
        }
        Err(type_error(
            py,
            &format!("texts[{i}]: expected str or None"),
            &obj,
        ))
    };
    if let Ok(list) = texts.cast::<PyList>() {
        let mut out = Vec::with_capacity(list.len());
        for (i, obj) in list.iter().enumerate() {
            out.push(extract_one(i, obj)?);
        }
        return Ok(out);
    }
    let iter = texts.try_iter().map_err(|_| {
        type_error(
            py,
            "expected an iterable of str (a list, a pandas Series ...)",
            texts,
        )
    })?;
    let mut out = Vec::new();
    for (i, obj) in iter.enumerate() {
        out.push(extract_one(i, obj?)?);
    }
    Ok(out)
}

/// Runs `work` over every text of `items` (missing stays missing), in chunks,
/// without the GIL and in parallel, then converts each result with `convert`
/// while holding the GIL. `progress` (if given) is called with the number of
/// documents finished after every chunk.
pub(crate) fn run<'py, T, W, C>(
    py: Python<'py>,
    items: &[Item],
    n_threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    work: W,
    mut convert: C,
) -> PyResult<Bound<'py, PyList>>
where
    T: Send,
    W: Fn(&PyText) -> T + Sync + Send,
    C: FnMut(Python<'py>, &PyText, T) -> PyResult<Bound<'py, PyAny>>,
{
    let threads = Threads::from_option(n_threads).map_err(|e| to_py(py, e))?;
    let pool = Pool::new(threads, forked());
    let out = PyList::empty(py);
    let mut start = 0;
    while start < items.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < items.len() && end - start < CHUNK_DOCS && (bytes < CHUNK_BYTES || end == start)
        {
            bytes += items[end].len();
            end += 1;
        }
        let chunk = &items[start..end];
        let results: Vec<Option<T>> = py.detach(|| {
            pool.map(chunk, |item| match item {
                Item::Text(t) => Some(work(t)),
                Item::Missing => None,
            })
        });
        for (item, res) in chunk.iter().zip(results) {
            match (item, res) {
                (Item::Text(t), Some(r)) => out.append(convert(py, t, r)?)?,
                _ => out.append(py.None())?,
            }
        }
        py.check_signals()?;
        if let Some(cb) = progress {
            cb.call1((end - start,))?;
        }
        start = end;
    }
    Ok(out)
}
