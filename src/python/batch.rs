//! The batch driver shared by every `*_many` method: borrow the strings, release
//! the GIL, run chunks on rayon, check for Ctrl-C between chunks.

use std::sync::OnceLock;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use super::errors::{to_py, type_error, type_error_fix};
use super::text::{bytes_fix, is_missing, PyText};
use crate::batch::{overlap, Pool, Threads};

/// Documents per chunk, and the byte budget that ends a chunk early.
const CHUNK_DOCS: usize = 512;
const CHUNK_BYTES: usize = 2 << 20;
/// How many chunks are read and published beyond the one being converted: the helper
/// threads never run out of work while this thread builds a chunk's results.
const LOOKAHEAD: usize = 2;

/// Single-text calls release the GIL from this many bytes of text on: below it,
/// releasing and re-acquiring costs more than other threads gain.
pub(crate) const DETACH_MIN_BYTES: usize = 16 * 1024;

/// How many texts of a batch [`WrongKind`] looks at (one warning at most).
const CHECKED_TEXTS: usize = 16;

static PID: OnceLock<u32> = OnceLock::new();

/// Remembers the process that loaded the module, to detect `fork()`.
pub(crate) fn record_pid() {
    let _ = PID.set(std::process::id());
}

/// After `fork()` rayon's global pool has no threads in the child: run sequentially.
fn forked() -> bool {
    PID.get().is_some_and(|&p| p != std::process::id())
}

/// Whether this process is a `fork()` of the one that loaded the module.
pub(crate) fn forked_process() -> bool {
    forked()
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

/// The inputs of one batch, and the Arrow buffers they may point into.
pub(crate) struct Batch {
    items: Vec<Item>,
    _arrow: Option<super::arrow::ArrowBatch>,
}

impl std::ops::Deref for Batch {
    type Target = [Item];

    fn deref(&self) -> &[Item] {
        &self.items
    }
}

/// `n_threads` of every batch method (for `from_py_with`): None, or an int of at least 1.
/// Zero and negative values are a `ConfigError` (not pyo3's `OverflowError` for a `usize`);
/// a non-int is an `InputTypeError`. Values above the core count, however large, are capped
/// by [`Threads::from_option`].
pub(crate) fn threads_arg(obj: &Bound<'_, PyAny>) -> PyResult<Option<usize>> {
    if obj.is_none() {
        return Ok(None);
    }
    let py = obj.py();
    if obj.is_instance_of::<pyo3::types::PyBool>() || !obj.is_instance_of::<pyo3::types::PyInt>() {
        return Err(type_error(py, "n_threads must be an int or None", obj));
    }
    if !obj.gt(0)? {
        return Err(super::errors::ConfigError::new_err(format!(
            "n_threads must be a positive integer or None, got {}",
            obj.repr()?
        )));
    }
    // Any positive int, however large: capped at the core count.
    Ok(Some(obj.extract::<usize>().unwrap_or(usize::MAX)))
}

/// Extracts a batch: a string column through the Arrow C stream interface (no
/// Python object per row), or any iterable of str, with None/NaN/pandas.NA as
/// missing.
pub(crate) fn extract_items(texts: &Bound<'_, PyAny>) -> PyResult<Batch> {
    if !texts.is_instance_of::<PyString>() && !texts.is_instance_of::<PyList>() {
        if let Some((arrow, texts)) = super::arrow::import_strings(texts)? {
            let items = texts
                .into_iter()
                .map(|t| t.map_or(Item::Missing, |a| Item::Text(PyText::Arrow(a))))
                .collect();
            return Ok(Batch {
                items,
                _arrow: Some(arrow),
            });
        }
    }
    Ok(Batch {
        items: extract_objects(texts)?,
        _arrow: None,
    })
}

/// The `TypeError` for a single str given as a batch.
fn single_str_error(texts: &Bound<'_, PyAny>) -> PyErr {
    type_error(
        texts.py(),
        "expected an iterable of str (a list, a pandas Series ...), not a single str; \
         use the single-text method for one text",
        texts,
    )
}

/// The `TypeError` for item `i` of a batch that is neither str nor missing.
fn not_text_error(py: Python<'_>, i: usize, obj: &Bound<'_, PyAny>) -> PyErr {
    let what = format!("texts[{i}]: expected str or None");
    type_error_fix(py, &what, obj, bytes_fix(obj))
}

fn extract_objects(texts: &Bound<'_, PyAny>) -> PyResult<Vec<Item>> {
    let py = texts.py();
    if texts.is_instance_of::<PyString>() {
        return Err(single_str_error(texts));
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
        Err(not_text_error(py, i, &obj))
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

/// Pauses Python's cyclic garbage collector while a batch builds its results,
/// and turns it back on when dropped (also on errors and Ctrl-C), if it was on.
struct GcPause<'py> {
    gc: Option<Bound<'py, PyAny>>,
}

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> PyResult<GcPause<'py>> {
        let gc = py.import("gc")?.into_any();
        if !gc.call_method0("isenabled")?.is_truthy()? {
            return Ok(GcPause { gc: None });
        }
        gc.call_method0("disable")?;
        Ok(GcPause { gc: Some(gc) })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // Re-enabling cannot fail in CPython; if it ever did, there is nothing better to do.
            let _ = gc.call_method0("enable");
        }
    }
}

/// Splits `items` into chunks: long enough to keep every core busy, short
/// enough that Ctrl-C and the progress bar respond quickly.
fn chunks(items: &[Item]) -> Vec<(usize, usize)> {
    chunk_ranges(items.len(), |i| items[i].len())
}

/// [`chunks`] of `n` items of `size(i)` bytes each.
fn chunk_ranges(n: usize, size: impl Fn(usize) -> usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < n {
        let mut end = start;
        let mut bytes = 0;
        while end < n && end - start < CHUNK_DOCS && (bytes < CHUNK_BYTES || end == start) {
            bytes += size(end);
            end += 1;
        }
        out.push((start, end));
        start = end;
    }
    out
}

/// Appends one finished chunk to `out` (the items from index `start`: `convert`ed
/// results, None for missing), then checks for Ctrl-C and calls `progress` with the
/// number of documents in the chunk (for [`Driver::drive`]).
fn emit_chunk<'py, T, C>(
    out: &Bound<'py, PyList>,
    start: usize,
    items: &[Item],
    results: Vec<Option<T>>,
    convert: &mut C,
    progress: Option<&Bound<'py, PyAny>>,
) -> PyResult<()>
where
    C: FnMut(Python<'py>, usize, &PyText, T) -> PyResult<Bound<'py, PyAny>>,
{
    let py = out.py();
    for ((k, item), res) in items.iter().enumerate().zip(results) {
        match (item, res) {
            (Item::Text(t), Some(r)) => out.append(convert(py, start + k, t, r)?)?,
            _ => out.append(py.None())?,
        }
    }
    py.check_signals()?;
    if let Some(cb) = progress {
        cb.call1((items.len(),))?;
    }
    Ok(())
}

/// Runs `work(index, text)` over every text of `items` (missing stays missing) without the
/// GIL and in parallel, and converts each result with `convert(py, index, text,
/// result)` while holding the GIL. Computing and converting overlap: the helper threads
/// compute the next chunks while this thread turns chunk k into Python objects, and this
/// thread computes too while it waits (see [`Driver::drive`]).
/// Between chunks it checks for Ctrl-C and calls `progress` (if given) with the
/// number of documents just finished.
pub(crate) fn run<'py, T, W, C>(
    py: Python<'py>,
    items: &[Item],
    n_threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    work: W,
    convert: C,
) -> PyResult<Bound<'py, PyList>>
where
    T: Send,
    W: Fn(usize, &PyText) -> T + Sync + Send,
    C: FnMut(Python<'py>, usize, &PyText, T) -> PyResult<Bound<'py, PyAny>>,
{
    let read = |range: (usize, usize)| Ok(Chunk::Borrowed(&items[range.0..range.1]));
    let batch = Driver {
        n: items.len(),
        ranges: chunks(items),
        n_threads,
        progress,
    };
    batch.drive(py, read, work, convert)
}

/// A chunk's items for [`Driver::drive`]: a slice of a batch read up front, or read
/// for this chunk.
enum Chunk<'i> {
    Borrowed(&'i [Item]),
    Read(Vec<Item>),
}

impl std::ops::Deref for Chunk<'_> {
    type Target = [Item];

    fn deref(&self) -> &[Item] {
        match self {
            Chunk::Borrowed(items) => items,
            Chunk::Read(items) => items,
        }
    }
}

/// One batch for [`Driver::drive`]: how many items, in which chunks, on how many
/// threads, with which progress callback.
struct Driver<'a, 'py> {
    n: usize,
    ranges: Vec<(usize, usize)>,
    n_threads: Option<usize>,
    progress: Option<&'a Bound<'py, PyAny>>,
}

impl<'py> Driver<'_, 'py> {
    /// The batch loop of [`run`] and [`run_texts`]: `read(range)` gives a chunk's items
    /// (borrowed when the batch was read up front, or read now, on this thread with the
    /// GIL). With more than one thread and chunk, `threads - 1` helper threads and this one
    /// compute the chunks ([`overlap`]); this thread keeps [`LOOKAHEAD`] chunks read ahead
    /// of the one it converts ([`emit_chunk`]) and computes items while it waits for it. A
    /// `read` error is raised after the chunk before it is emitted (whose own errors come
    /// first).
    fn drive<'i, T, W, C, R>(
        self,
        py: Python<'py>,
        read: R,
        work: W,
        mut convert: C,
    ) -> PyResult<Bound<'py, PyList>>
    where
        T: Send,
        W: Fn(usize, &PyText) -> T + Sync + Send,
        C: FnMut(Python<'py>, usize, &PyText, T) -> PyResult<Bound<'py, PyAny>>,
        R: Fn((usize, usize)) -> PyResult<Chunk<'i>>,
    {
        let Driver {
            n,
            ranges,
            n_threads,
            progress,
        } = self;
        let threads = Threads::from_option(n_threads).map_err(|e| to_py(py, e))?;
        let pool = Pool::new(threads, forked());
        // Millions of new tuples and lists would trigger the cyclic GC again and again
        // (a fifth of the time in a profile), and none of them can form a cycle.
        let _gc = GcPause::new(py)?;
        let out = PyList::empty(py);
        let compute = |range: (usize, usize), items: &[Item]| -> Vec<Option<T>> {
            let pairs: Vec<(usize, &Item)> = (range.0..range.1).zip(items).collect();
            pool.map(&pairs, |&(i, item)| match item {
                Item::Text(t) => Some(work(i, t)),
                Item::Missing => None,
            })
        };
        let mut emit = |range: (usize, usize), items: &[Item], results: Vec<Option<T>>| {
            emit_chunk(&out, range.0, items, results, &mut convert, progress)
        };
        if pool.is_sequential() || ranges.len() <= 1 {
            for range in ranges {
                let items = read(range)?;
                let results = py.detach(|| compute(range, &items));
                emit(range, &items, results)?;
            }
            return Ok(out);
        }
        // The workers are `threads - 1` helpers and this thread, which computes too
        // whenever it is not reading chunks or building results: a pool of `threads`
        // workers beside it would have one thread too many competing for the cores.
        let item_work = |i: usize, item: &Item| match item {
            Item::Text(t) => Some(work(i, t)),
            Item::Missing => None,
        };
        overlap(threads.count() - 1, &item_work, |ov| -> PyResult<()> {
            // Chunks read and published so far, and a read error with the chunk it stopped at.
            let mut sent = 0;
            let mut failed: Option<(usize, PyErr)> = None;
            for (k, &range) in ranges.iter().enumerate() {
                // Keep LOOKAHEAD chunks published beyond the one being built, so that
                // the helpers never run out of work while this thread builds results; an
                // error reading chunk j is raised after chunk j-1 is emitted (whose own
                // errors come first).
                while failed.is_none() && sent < ranges.len().min(k + 1 + LOOKAHEAD) {
                    match read(ranges[sent]) {
                        Ok(items) => ov.publish(ranges[sent].0, items),
                        Err(e) => failed = Some((sent, e)),
                    }
                    sent += 1;
                }
                if failed.as_ref().is_some_and(|(at, _)| *at == k) {
                    return Err(failed.take().expect("checked above").1);
                }
                let Some((items, results)) = py.detach(|| ov.take()) else {
                    break; // cannot happen: chunk k was published
                };
                emit(range, &items, results)?;
            }
            Ok(())
        })?;
        if out.len() != n {
            return Err(pyo3::exceptions::PyRuntimeError::new_err(
                "newsprep: a worker thread stopped before the batch was done",
            ));
        }
        Ok(out)
    }
}

/// The inputs of a batch whose strs are read chunk by chunk while the workers run
/// (see [`run_texts`]), or, for Arrow columns, a [`Batch`] read up front.
pub(crate) enum Texts<'py> {
    /// Arrow strings (no Python object per row).
    Arrow(Batch),
    /// Every item a str or missing (checked up front, so that type errors come first).
    Objects(Vec<Bound<'py, PyAny>>),
}

impl Texts<'_> {
    /// The number of texts (missing ones included).
    pub(crate) fn len(&self) -> usize {
        match self {
            Texts::Arrow(b) => b.len(),
            Texts::Objects(v) => v.len(),
        }
    }
}

/// Like [`extract_items`], but strs are only checked here and read later, chunk by chunk,
/// by [`run_texts`]. A non-str, non-missing item raises the same `TypeError` as
/// [`extract_items`], after the strs before it were read (so a lone surrogate before it
/// raises first, as there).
pub(crate) fn extract_texts<'py>(texts: &Bound<'py, PyAny>) -> PyResult<Texts<'py>> {
    let py = texts.py();
    if texts.is_instance_of::<PyString>() {
        return Err(single_str_error(texts));
    }
    if !texts.is_instance_of::<PyList>() {
        if let Some((arrow, texts)) = super::arrow::import_strings(texts)? {
            let items = texts
                .into_iter()
                .map(|t| t.map_or(Item::Missing, |a| Item::Text(PyText::Arrow(a))))
                .collect();
            return Ok(Texts::Arrow(Batch {
                items,
                _arrow: Some(arrow),
            }));
        }
    }
    let mut objs: Vec<Bound<'py, PyAny>> = Vec::new();
    let check = |obj: Bound<'py, PyAny>, objs: &mut Vec<Bound<'py, PyAny>>| -> PyResult<()> {
        if obj.is_instance_of::<PyString>() || is_missing(&obj) {
            objs.push(obj);
            return Ok(());
        }
        // The strs before it, read as `extract_items` would (raising its first error).
        for (i, o) in objs.iter().enumerate() {
            if let Ok(s) = o.cast::<PyString>() {
                PyText::new(s).map_err(|e| item_error(py, i, &e))?;
            }
        }
        Err(not_text_error(py, objs.len(), &obj))
    };
    if let Ok(list) = texts.cast::<PyList>() {
        objs.reserve(list.len());
        for obj in list.iter() {
            check(obj, &mut objs)?;
        }
        return Ok(Texts::Objects(objs));
    }
    let iter = texts.try_iter().map_err(|_| {
        type_error(
            py,
            "expected an iterable of str (a list, a pandas Series ...)",
            texts,
        )
    })?;
    for obj in iter {
        check(obj?, &mut objs)?;
    }
    Ok(Texts::Objects(objs))
}

/// The error of `texts[i]` (a `ValueError` with the index), from the error reading it.
fn item_error(py: Python<'_>, i: usize, e: &PyErr) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(format!("texts[{i}]: {}", e.value(py)))
}

/// [`run`] for [`Texts`]: the strs of the next chunks are read (borrowed, or encoded to
/// UTF-8) while the helper threads compute the chunks before (see [`run_objects`]). Results, errors
/// and progress calls are those of [`run`] over [`extract_items`], except that a lone
/// surrogate raises once the chunks before it are done (progress called for them).
pub(crate) fn run_texts<'py, T, W, C>(
    py: Python<'py>,
    texts: &Texts<'py>,
    n_threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    work: W,
    convert: C,
) -> PyResult<Bound<'py, PyList>>
where
    T: Send,
    W: Fn(usize, &PyText) -> T + Sync + Send,
    C: FnMut(Python<'py>, usize, &PyText, T) -> PyResult<Bound<'py, PyAny>>,
{
    let objs = match texts {
        Texts::Arrow(items) => return run(py, items, n_threads, progress, work, convert),
        Texts::Objects(objs) => objs,
    };
    run_objects(py, objs, n_threads, progress, read_str, work, convert)
}

/// Item `i` of a batch of texts whose types were checked (str or missing): read
/// (borrowed, or encoded to UTF-8), with the error of item `i` if that fails.
fn read_str(i: usize, obj: &Bound<'_, PyAny>) -> PyResult<Item> {
    match obj.cast::<PyString>() {
        Ok(s) => PyText::new(s)
            .map(Item::Text)
            .map_err(|e| item_error(obj.py(), i, &e)),
        Err(_) => Ok(Item::Missing),
    }
}

/// The length of a str in code points, or of bytes or a bytearray: what a chunk's
/// size is counted in ([`run_objects`]). 0 for anything else.
fn object_len(obj: &Bound<'_, PyAny>) -> usize {
    use pyo3::types::{PyByteArray, PyBytes};
    if let Ok(s) = obj.cast::<PyString>() {
        // SAFETY: `s` is a live str; `PyUnicode_GetLength` only reads its stored length (a
        // str subclass's `__len__` is not called). -1 (cannot happen for a str) counts as 0.
        return usize::try_from(unsafe { pyo3::ffi::PyUnicode_GetLength(s.as_ptr()) }).unwrap_or(0);
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return b.as_bytes().len();
    }
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return b.len();
    }
    0
}

/// [`run`] over Python objects whose types were checked up front: each chunk's
/// objects are read with `read_one(index, object)` (on this thread, with the GIL)
/// while the workers compute the chunk before it, where reading the whole batch
/// first kept the workers idle for about a quarter of a `spans_many` call on
/// non-ASCII text, and 4% of an `extract_many` call on the dev HTML; and only one
/// chunk's UTF-8 copies are alive at a time. (Encoding on the workers instead cost
/// 15% more CPU time with 2 threads: the code points copied out on this thread, 4
/// bytes each, then cross cores.) Results, errors and progress calls are those of
/// [`run`] over the items read up front, except that an error reading an item (a
/// lone surrogate) is raised once the chunks before it are done (progress called
/// for them).
pub(crate) fn run_objects<'py, T, R, W, C>(
    py: Python<'py>,
    objs: &[Bound<'py, PyAny>],
    n_threads: Option<usize>,
    progress: Option<&Bound<'py, PyAny>>,
    read_one: R,
    work: W,
    convert: C,
) -> PyResult<Bound<'py, PyList>>
where
    T: Send,
    R: Fn(usize, &Bound<'py, PyAny>) -> PyResult<Item>,
    W: Fn(usize, &PyText) -> T + Sync + Send,
    C: FnMut(Python<'py>, usize, &PyText, T) -> PyResult<Bound<'py, PyAny>>,
{
    // Chunks by code points (a str's length is stored in it) or bytes, not UTF-8 bytes.
    let ranges = chunk_ranges(objs.len(), |i| object_len(&objs[i]));
    let read = |range: (usize, usize)| -> PyResult<Chunk<'static>> {
        objs[range.0..range.1]
            .iter()
            .enumerate()
            .map(|(k, obj)| read_one(range.0 + k, obj))
            .collect::<PyResult<Vec<Item>>>()
            .map(Chunk::Read)
    };
    let batch = Driver {
        n: objs.len(),
        ranges,
        n_threads,
        progress,
    };
    batch.drive(py, read, work, convert)
}

/// Python ints for the offsets of one batch, made once per value and then shared
/// (ints are immutable): a batch of 10,000 articles with 300,000 sentence spans
/// makes a few thousand int objects instead of 600,000, which shortens the part
/// of a batch that holds the GIL (and so how well it scales with threads).
pub(crate) struct IntCache<'py> {
    py: Python<'py>,
    ints: Vec<Option<Bound<'py, PyAny>>>,
}

impl<'py> IntCache<'py> {
    /// Values from this one on are made afresh each time (long documents only).
    const LIMIT: usize = 1 << 20;

    pub(crate) fn new(py: Python<'py>) -> IntCache<'py> {
        IntCache {
            py,
            ints: Vec::new(),
        }
    }

    /// The Python int `v`.
    pub(crate) fn get(&mut self, v: usize) -> PyResult<Bound<'py, PyAny>> {
        if v >= Self::LIMIT {
            return Ok(v.into_pyobject(self.py)?.into_any());
        }
        if v >= self.ints.len() {
            self.ints.resize(v + 1, None);
        }
        match &self.ints[v] {
            Some(i) => Ok(i.clone()),
            None => {
                let i = v.into_pyobject(self.py)?.into_any();
                self.ints[v] = Some(i.clone());
                Ok(i)
            }
        }
    }

    /// The spans as a list of `(start, end)` tuples.
    ///
    /// Built with the C API's `PyList_New`/`PyTuple_New` and their `SetItem`s (which
    /// steal the references given): this loop holds the GIL while the workers wait,
    /// and the generic constructors cost about three times as much per tuple.
    pub(crate) fn spans(&mut self, spans: &[(usize, usize)]) -> PyResult<Bound<'py, PyList>> {
        use pyo3::ffi;
        let py = self.py;
        let n = ffi::Py_ssize_t::try_from(spans.len())
            .map_err(|_| pyo3::exceptions::PyOverflowError::new_err("too many spans"))?;
        // SAFETY: the GIL is held (`py`); `PyList_New` returns a new reference or NULL
        // with an exception set, which `from_owned_ptr_or_err` turns into the error.
        let list = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyList_New(n))? };
        for (i, &(s, e)) in spans.iter().enumerate() {
            let (s, e) = (self.get(s)?, self.get(e)?);
            // SAFETY: as above for `PyTuple_New`. `PyTuple_SetItem` and `PyList_SetItem`
            // steal the references passed (`into_ptr` gives them up) and only fail for
            // an index out of range, which cannot happen here: the tuple has two slots
            // and `i < n`. A list left part-filled by an error above holds NULLs,
            // which its deallocation skips.
            unsafe {
                let t = Bound::from_owned_ptr_or_err(py, ffi::PyTuple_New(2))?;
                ffi::PyTuple_SetItem(t.as_ptr(), 0, s.into_ptr());
                ffi::PyTuple_SetItem(t.as_ptr(), 1, e.into_ptr());
                ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, t.into_ptr());
            }
        }
        // SAFETY: `PyList_New` made a list.
        Ok(unsafe { list.cast_into_unchecked::<PyList>() })
    }
}

/// Kinds of text an entry point does not read ("HTML given to the cleaner"):
/// how to recognise them and what the warning says for each.
pub(crate) struct WrongKind {
    /// Whether a text is of that kind: the warning to give (naming what to
    /// do instead), or `None`.
    pub looks: fn(&str) -> Option<&'static str>,
}

impl WrongKind {
    /// Warns (`NewsprepWarning`, at the caller's line) when `text` is of this kind.
    pub(crate) fn check(&self, py: Python<'_>, text: &str) -> PyResult<()> {
        match (self.looks)(text) {
            Some(msg) => super::errors::warn_user(py, msg),
            None => Ok(()),
        }
    }

    /// [`WrongKind::check_batch`] for [`Texts`]: see [`WrongKind::check_objects`].
    pub(crate) fn check_texts(&self, py: Python<'_>, texts: &Texts<'_>) -> PyResult<()> {
        match texts {
            Texts::Arrow(items) => self.check_batch(py, items),
            Texts::Objects(objs) => self.check_objects(py, objs, read_str),
        }
    }

    /// [`WrongKind::check_batch`] for a batch read later by [`run_objects`]: its first
    /// [`CHECKED_TEXTS`] objects are read here with the same `read_one` (and read again
    /// there) until one is of this kind, raising `read_one`'s error for one of them.
    pub(crate) fn check_objects<'py, R>(
        &self,
        py: Python<'py>,
        objs: &[Bound<'py, PyAny>],
        read_one: R,
    ) -> PyResult<()>
    where
        R: Fn(usize, &Bound<'py, PyAny>) -> PyResult<Item>,
    {
        for (i, obj) in objs.iter().take(CHECKED_TEXTS).enumerate() {
            if let Item::Text(t) = read_one(i, obj)? {
                if let Some(msg) = (self.looks)(t.as_str()) {
                    return super::errors::warn_user(py, msg);
                }
            }
        }
        Ok(())
    }

    /// [`WrongKind::check`] on the first [`CHECKED_TEXTS`] texts of a batch (one warning at most).
    pub(crate) fn check_batch(&self, py: Python<'_>, items: &[Item]) -> PyResult<()> {
        let first = items
            .iter()
            .take(CHECKED_TEXTS)
            .find_map(|item| match item {
                Item::Text(t) => (self.looks)(t.as_str()),
                _ => None,
            });
        match first {
            Some(msg) => super::errors::warn_user(py, msg),
            None => Ok(()),
        }
    }
}
