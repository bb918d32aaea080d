//! Bindings for [`crate::warc`]: sources (a path opened in Rust, or a Python
//! binary file object read through its `read` method), the record class, the
//! record iterator and the article batches.

use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyTuple};

use super::batch::{forked_process, threads_arg, DETACH_MIN_BYTES};
use super::errors::{to_py, type_error, InputTypeError};
use super::html::PyExtractor;
use super::options::option_args;
use crate::batch::Threads;
use crate::error::Error;
use crate::html::Extractor;
use crate::warc::{ArticleReader, Counts, HttpHead, ReaderConfig, Record, Summary, WarcReader};

option_args! {
    html_only_arg: flag("html_only") -> bool,
    ok_status_only_arg: flag("ok_status_only") -> bool,
    max_record_size_arg: count("max_record_size") -> usize,
    batch_size_arg: count("batch_size") -> usize,
    batch_bytes_arg: count("batch_bytes") -> usize,
}

type BoxRead = Box<dyn Read + Send>;

/// An exception raised by a Python file object's `read`, kept to re-raise it.
type Stash = Arc<Mutex<Option<PyErr>>>;

/// `std::io::Read` over a Python binary file object (calls `read(n)` with the GIL).
struct PyFile {
    obj: Py<PyAny>,
    stash: Stash,
    /// Bytes a `read(n)` returned beyond `n` (a file object that ignores `n`), served next.
    extra: Vec<u8>,
}

impl Read for PyFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.extra.is_empty() {
            let n = self.extra.len().min(buf.len());
            buf[..n].copy_from_slice(&self.extra[..n]);
            self.extra.drain(..n);
            return Ok(n);
        }
        let extra = &mut self.extra;
        Python::attach(|py| {
            let fail = |e: PyErr| {
                if let Ok(mut s) = self.stash.lock() {
                    *s = Some(e);
                }
                io::Error::other("the file object's read() failed")
            };
            let data = self
                .obj
                .bind(py)
                .call_method1("read", (buf.len(),))
                .map_err(fail)?;
            let mut copy = |src: &[u8], buf: &mut [u8]| {
                let n = src.len().min(buf.len());
                buf[..n].copy_from_slice(&src[..n]);
                extra.extend_from_slice(&src[n..]);
                n
            };
            if let Ok(b) = data.cast::<PyBytes>() {
                return Ok(copy(b.as_bytes(), buf));
            }
            if let Ok(b) = data.cast::<PyByteArray>() {
                return Ok(copy(&b.to_vec(), buf));
            }
            if data.is_none() {
                return Ok(0);
            }
            if let Ok(v) = data.extract::<Vec<u8>>() {
                return Ok(copy(&v, buf));
            }
            Err(fail(type_error(
                py,
                "read_warc needs a binary file object (open the file with 'rb'): its read() returned",
                &data,
            )))
        })
    }
}

/// Opens a source: a path (str or os.PathLike) or a binary file object.
fn open_source(obj: &Bound<'_, PyAny>) -> PyResult<(BoxRead, Stash, String)> {
    let stash: Stash = Arc::new(Mutex::new(None));
    if let Ok(path) = obj.extract::<PathBuf>() {
        let shown = path.display().to_string();
        let f = std::fs::File::open(&path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => {
                PyFileNotFoundError::new_err(format!("no such file: {shown}"))
            }
            _ => PyOSError::new_err(format!("cannot read {shown}: {e}")),
        })?;
        if f.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(PyOSError::new_err(format!(
                "{shown} is a directory: give one archive (the CLI takes folders)"
            )));
        }
        return Ok((Box::new(f), stash, shown));
    }
    if obj.hasattr("read")? {
        let name = obj
            .getattr("name")
            .ok()
            .and_then(|n| n.extract::<String>().ok())
            .unwrap_or_else(|| "<file object>".to_string());
        let f = PyFile {
            obj: obj.clone().unbind(),
            stash: stash.clone(),
            extra: Vec::new(),
        };
        return Ok((Box::new(f), stash, name));
    }
    Err(type_error(
        obj.py(),
        "expected a WARC archive as a path, a binary file object or an fsspec URL",
        obj,
    ))
}

/// A core error as a Python exception: a stashed exception from the file
/// object's `read` comes back as it was.
fn raise(py: Python<'_>, stash: &Stash, name: &str, e: Error) -> PyErr {
    if let Some(err) = stash.lock().ok().and_then(|mut s| s.take()) {
        return err;
    }
    let message = format!("{name}: {}", e.message());
    to_py(py, Error::new(e.kind().clone(), message))
}

fn lock<T>(m: &Mutex<T>) -> PyResult<MutexGuard<'_, T>> {
    match m.try_lock() {
        Ok(g) => Ok(g),
        Err(TryLockError::WouldBlock) => Err(PyRuntimeError::new_err(
            "this WARC reader is in use by another thread: use one reader per thread",
        )),
        Err(TryLockError::Poisoned(p)) => Ok(p.into_inner()),
    }
}

fn config(
    record_types: Option<Vec<String>>,
    html_only: bool,
    ok_status_only: bool,
    max_record_size: usize,
) -> PyResult<ReaderConfig> {
    if max_record_size == 0 {
        return Err(to_py_option(
            "max_record_size must be a positive number of bytes, got 0",
        ));
    }
    Ok(ReaderConfig {
        record_types,
        html_only,
        ok_status_only,
        max_record_bytes: max_record_size,
    })
}

fn to_py_option(message: &str) -> PyErr {
    super::errors::ConfigError::new_err(message.to_string())
}

fn record_types_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<String>>> {
    let Some(obj) = obj else {
        return Ok(None);
    };
    if let Ok(s) = obj.extract::<String>() {
        return Ok(Some(vec![s]));
    }
    obj.extract::<Vec<String>>().map(Some).map_err(|_| {
        type_error(
            obj.py(),
            "record_types expects a sequence of WARC types such as (\"response\",) or None for all",
            obj,
        )
    })
}

/// One WARC record (`newsprep.WarcRecord`).
#[pyclass(frozen, module = "newsprep._core", name = "WarcRecord")]
pub(crate) struct PyWarcRecord {
    rec: Record,
}

fn pairs(v: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<(String, String)>> {
    v.extract::<Vec<(String, String)>>().map_err(|_| {
        InputTypeError::new_err(format!(
            "{what} expects a list of (name, value) pairs of str"
        ))
    })
}

#[pymethods]
impl PyWarcRecord {
    #[new]
    #[pyo3(signature = (
        *, record_type, url = None, date = None, record_id = None, content_type = None,
        status = None, reason = None, http_headers = None, payload = None, warc_headers = None,
        offset = 0
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        record_type: String,
        url: Option<String>,
        date: Option<String>,
        record_id: Option<String>,
        content_type: Option<String>,
        status: Option<u16>,
        reason: Option<String>,
        http_headers: Option<&Bound<'_, PyAny>>,
        payload: Option<Vec<u8>>,
        warc_headers: Option<&Bound<'_, PyAny>>,
        offset: u64,
    ) -> PyResult<Self> {
        let http = match (status, http_headers) {
            (None, None) => None,
            (status, headers) => Some(HttpHead {
                status: status.unwrap_or(0),
                reason: reason.unwrap_or_default(),
                headers: match headers {
                    Some(h) => pairs(h, "http_headers")?,
                    None => Vec::new(),
                },
            }),
        };
        Ok(PyWarcRecord {
            rec: Record {
                warc_type: record_type,
                target_uri: url,
                date,
                record_id,
                content_type,
                warc_headers: match warc_headers {
                    Some(h) => pairs(h, "warc_headers")?,
                    None => Vec::new(),
                },
                http,
                payload: payload.unwrap_or_default(),
                offset,
            },
        })
    }

    /// `WARC-Type`: response, request, resource, revisit ...
    #[getter]
    fn record_type(&self) -> &str {
        &self.rec.warc_type
    }

    /// `WARC-Target-URI`: the URL captured.
    #[getter]
    fn url(&self) -> Option<&str> {
        self.rec.target_uri.as_deref()
    }

    /// `WARC-Date`: when it was captured.
    #[getter]
    fn date(&self) -> Option<&str> {
        self.rec.date.as_deref()
    }

    /// `WARC-Record-ID`.
    #[getter]
    fn record_id(&self) -> Option<&str> {
        self.rec.record_id.as_deref()
    }

    /// The record's Content-Type.
    #[getter]
    fn content_type(&self) -> Option<&str> {
        self.rec.content_type.as_deref()
    }

    /// The HTTP status (None without an HTTP response).
    #[getter]
    fn status(&self) -> Option<u16> {
        self.rec.http.as_ref().map(|h| h.status)
    }

    /// The HTTP reason phrase.
    #[getter]
    fn reason(&self) -> Option<&str> {
        self.rec.http.as_ref().map(|h| h.reason.as_str())
    }

    /// The HTTP headers as (name, value) pairs, in order.
    #[getter]
    fn http_headers(&self) -> Vec<(String, String)> {
        self.rec
            .http
            .as_ref()
            .map(|h| h.headers.clone())
            .unwrap_or_default()
    }

    /// The WARC headers as (name, value) pairs, in order.
    #[getter]
    fn warc_headers(&self) -> Vec<(String, String)> {
        self.rec.warc_headers.clone()
    }

    /// The payload (HTTP body with transfer and content encodings undone).
    #[getter]
    fn payload<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.rec.payload)
    }

    /// Where the record starts in the decompressed archive.
    #[getter]
    fn offset(&self) -> u64 {
        self.rec.offset
    }

    /// The charset of the payload's Content-Type, if declared.
    #[getter]
    fn charset(&self) -> Option<&str> {
        self.rec.charset()
    }

    /// The first HTTP header `name` of the response.
    ///
    /// Args:
    ///     name: the header's name, matched case-insensitively ("content-type").
    ///
    /// Returns:
    ///     Its value (str), or None when the record has no such header (or no HTTP response).
    ///
    /// Example:
    ///     >>> import io, newsprep
    ///     >>> http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Caf\xc3\xa9</p>"
    ///     >>> warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/\r\n"
    ///     ...         b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (len(http), http))
    ///     >>> record = next(iter(newsprep.read_warc(io.BytesIO(warc))))
    ///     >>> record.http_header("content-type"), record.http_header("Location")
    ///     ('text/html; charset=utf-8', None)
    fn http_header(&self, name: &str) -> Option<&str> {
        self.rec.http.as_ref().and_then(|h| h.get(name))
    }

    /// The payload as text: decoded with the HTTP charset as the transport charset, else the
    /// page's `<meta charset>`, else UTF-8 or a guess.
    ///
    /// Returns:
    ///     The decoded payload (str; bad bytes never raise): what `Extractor.article` takes.
    ///
    /// Example:
    ///     >>> import io, newsprep
    ///     >>> http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Caf\xc3\xa9</p>"
    ///     >>> warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/\r\n"
    ///     ...         b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (len(http), http))
    ///     >>> record = next(iter(newsprep.read_warc(io.BytesIO(warc))))
    ///     >>> record.html()
    ///     '<p>Café</p>'
    fn html(&self, py: Python<'_>) -> String {
        if self.rec.payload.len() >= DETACH_MIN_BYTES {
            py.detach(|| self.rec.html().into_owned())
        } else {
            self.rec.html().into_owned()
        }
    }

    fn __repr__(&self) -> String {
        let r = &self.rec;
        let mut parts = vec![format!("record_type={:?}", r.warc_type)];
        if let Some(u) = &r.target_uri {
            parts.push(format!("url={u:?}"));
        }
        if let Some(d) = &r.date {
            parts.push(format!("date={d:?}"));
        }
        if let Some(h) = &r.http {
            parts.push(format!("status={}", h.status));
        }
        if let Some(ct) = r.payload_content_type() {
            parts.push(format!("content_type={ct:?}"));
        }
        parts.push(format!("payload=<{} bytes>", r.payload.len()));
        format!("WarcRecord({})", parts.join(", "))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyWarcRecord>()
            .is_ok_and(|o| o.get().rec == self.rec)
    }

    fn __hash__(&self) -> PyResult<isize> {
        Err(pyo3::exceptions::PyTypeError::new_err(
            "unhashable type: 'WarcRecord'",
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let r = &slf.get().rec;
        let d = PyDict::new(py);
        d.set_item("record_type", &r.warc_type)?;
        d.set_item("url", &r.target_uri)?;
        d.set_item("date", &r.date)?;
        d.set_item("record_id", &r.record_id)?;
        d.set_item("content_type", &r.content_type)?;
        if let Some(h) = &r.http {
            d.set_item("status", h.status)?;
            d.set_item("reason", &h.reason)?;
            d.set_item("http_headers", h.headers.clone())?;
        }
        d.set_item("payload", PyBytes::new(py, &r.payload))?;
        d.set_item("warc_headers", r.warc_headers.clone())?;
        d.set_item("offset", r.offset)?;
        super::reduce_to_kwargs(slf.as_any(), d)
    }
}

fn counts_dict<'py>(
    py: Python<'py>,
    records: u64,
    returned: u64,
    skipped: &[(crate::warc::SkipReason, u64)],
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("records", records)?;
    d.set_item("returned", returned)?;
    let s = PyDict::new(py);
    for (r, n) in skipped {
        s.set_item(r.as_str(), n)?;
    }
    d.set_item("skipped", s)?;
    Ok(d)
}

/// What a reader has counted so far and how many bytes of its source it read:
/// what stays readable after `close` drops it.
trait Counted {
    /// The counts (the record reader's `Counts`, the article reader's `Summary`).
    type Counts: Clone + Default;
    fn counted(&self) -> Self::Counts;
    fn bytes_read(&self) -> u64;
}

impl Counted for WarcReader<BoxRead> {
    type Counts = Counts;
    fn counted(&self) -> Counts {
        self.counts().clone()
    }
    fn bytes_read(&self) -> u64 {
        self.source_bytes()
    }
}

impl Counted for ArticleReader<BoxRead> {
    type Counts = Summary;
    fn counted(&self) -> Summary {
        self.summary()
    }
    fn bytes_read(&self) -> u64 {
        self.source_bytes()
    }
}

/// A reader until `close` drops it (and with it the file it reads: a file
/// opened from a path is closed then, not at garbage collection); what it had
/// counted stays readable.
struct Closable<T: Counted> {
    open: Mutex<Option<T>>,
    closed: Mutex<(T::Counts, u64)>,
}

impl<T: Counted> Closable<T> {
    fn new(reader: T) -> Self {
        Closable {
            open: Mutex::new(Some(reader)),
            closed: Mutex::new((T::Counts::default(), 0)),
        }
    }

    /// The reader, `None` once closed.
    fn reader(&self) -> PyResult<MutexGuard<'_, Option<T>>> {
        lock(&self.open)
    }

    fn counts(&self) -> PyResult<T::Counts> {
        match self.reader()?.as_ref() {
            Some(r) => Ok(r.counted()),
            None => Ok(lock(&self.closed)?.0.clone()),
        }
    }

    fn bytes_read(&self) -> PyResult<u64> {
        match self.reader()?.as_ref() {
            Some(r) => Ok(r.bytes_read()),
            None => Ok(lock(&self.closed)?.1),
        }
    }

    fn close(&self) -> PyResult<()> {
        if let Some(r) = self.reader()?.take() {
            *lock(&self.closed)? = (r.counted(), r.bytes_read());
        }
        Ok(())
    }
}

/// The record iterator behind `newsprep.read_warc`.
#[pyclass(frozen, module = "newsprep._core", name = "_WarcReader")]
pub(crate) struct PyWarcReader {
    inner: Closable<WarcReader<BoxRead>>,
    stash: Stash,
    name: String,
}

#[pymethods]
impl PyWarcReader {
    #[new]
    #[pyo3(signature = (source, *, record_types = None, html_only = true, ok_status_only = false,
                        max_record_size = 16 << 20))]
    fn new(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        record_types: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = html_only_arg)] html_only: bool,
        #[pyo3(from_py_with = ok_status_only_arg)] ok_status_only: bool,
        #[pyo3(from_py_with = max_record_size_arg)] max_record_size: usize,
    ) -> PyResult<Self> {
        let cfg = config(
            record_types_arg(record_types)?,
            html_only,
            ok_status_only,
            max_record_size,
        )?;
        let (src, stash, name) = open_source(source)?;
        let reader = py
            .detach(|| WarcReader::new(src, cfg))
            .map_err(|e| raise(py, &stash, &name, e))?;
        Ok(PyWarcReader {
            inner: Closable::new(reader),
            stash,
            name,
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyWarcRecord>> {
        let mut guard = self.inner.reader()?;
        let Some(reader) = guard.as_mut() else {
            return Ok(None);
        };
        match py.detach(|| reader.next_record()) {
            Ok(Some(rec)) => Ok(Some(PyWarcRecord { rec })),
            Ok(None) => Ok(None),
            Err(e) => Err(raise(py, &self.stash, &self.name, e)),
        }
    }

    /// `{"records", "returned", "skipped": {reason: n}}` so far.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let c = self.inner.counts()?;
        counts_dict(py, c.records, c.returned, &c.skipped_by_reason())
    }

    /// Bytes read from the source so far (compressed for .warc.gz).
    #[getter]
    fn bytes_read(&self) -> PyResult<u64> {
        self.inner.bytes_read()
    }

    /// Stops reading and drops the source (a file opened from a path is closed now, not at garbage
    /// collection); the counts stay readable.
    fn close(&self) -> PyResult<()> {
        self.inner.close()
    }
}

/// The article batches behind `newsprep.extract_warc`.
#[pyclass(frozen, module = "newsprep._core", name = "_WarcArticles")]
pub(crate) struct PyWarcArticles {
    inner: Closable<ArticleReader<BoxRead>>,
    stash: Stash,
    name: String,
    done: Mutex<bool>,
}

fn summary_dict<'py>(py: Python<'py>, s: &Summary) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("records", s.records)?;
    d.set_item("html_records", s.html_records)?;
    d.set_item("articles", s.articles)?;
    let k = PyDict::new(py);
    for (r, n) in &s.skipped {
        k.set_item(r.as_str(), n)?;
    }
    d.set_item("skipped", k)?;
    Ok(d)
}

/// The column names of an article batch, in order.
const COLUMNS: [&str; 10] = [
    "title",
    "byline",
    "date",
    "text",
    "url",
    "site_name",
    "language",
    "warc_url",
    "warc_date",
    "record_id",
];

#[pymethods]
impl PyWarcArticles {
    #[new]
    #[pyo3(signature = (source, *, extractor = None, batch_size = 1000, batch_bytes = 32 << 20,
                        n_threads = None, record_types = None, html_only = true,
                        ok_status_only = true, max_record_size = 16 << 20))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        extractor: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = batch_size_arg)] batch_size: usize,
        #[pyo3(from_py_with = batch_bytes_arg)] batch_bytes: usize,
        #[pyo3(from_py_with = threads_arg)] n_threads: Option<usize>,
        record_types: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = html_only_arg)] html_only: bool,
        #[pyo3(from_py_with = ok_status_only_arg)] ok_status_only: bool,
        #[pyo3(from_py_with = max_record_size_arg)] max_record_size: usize,
    ) -> PyResult<Self> {
        if batch_size == 0 {
            return Err(to_py_option("batch_size must be a positive integer, got 0"));
        }
        let threads = Threads::from_option(n_threads).map_err(|e| to_py(py, e))?;
        let x: Extractor = match extractor {
            None => crate::html::default_extractor().clone(),
            Some(e) => match e.cast::<PyExtractor>() {
                Ok(p) => p.get().core.clone(),
                Err(_) => {
                    return Err(type_error(
                        py,
                        "extractor expects a newsprep.Extractor or None",
                        e,
                    ))
                }
            },
        };
        let types = record_types_arg(record_types)?;
        let cfg = config(types, html_only, ok_status_only, max_record_size)?;
        let (src, stash, name) = open_source(source)?;
        let reader = py
            .detach(|| WarcReader::new(src, cfg))
            .map_err(|e| raise(py, &stash, &name, e))?;
        let ar = ArticleReader::new(
            reader,
            x,
            batch_size,
            batch_bytes,
            threads,
            forked_process(),
        );
        Ok(PyWarcArticles {
            inner: Closable::new(ar),
            stash,
            name,
            done: Mutex::new(false),
        })
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next batch as `{column: list}`, or None at the end.
    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let mut guard = self.inner.reader()?;
        if *lock(&self.done)? {
            return Ok(None);
        }
        let Some(ar) = guard.as_mut() else {
            return Ok(None);
        };
        // Read (GIL released), check for Ctrl-C, then extract in parallel (reading the next
        // batch meanwhile); batches without any article are not returned.
        let rows = loop {
            let records = match py.detach(|| ar.read_batch()) {
                Ok(r) => r,
                Err(e) => {
                    *lock(&self.done)? = true;
                    return Err(raise(py, &self.stash, &self.name, e));
                }
            };
            if records.is_empty() {
                *lock(&self.done)? = true;
                return Ok(None);
            }
            py.check_signals()?;
            let rows = py.detach(|| ar.extract(&records));
            if !rows.is_empty() {
                break rows;
            }
        };
        let cols: Vec<Bound<'py, PyList>> = COLUMNS.iter().map(|_| PyList::empty(py)).collect();
        for row in rows {
            let a = row.article;
            cols[0].append(a.title)?;
            cols[1].append(a.byline)?;
            cols[2].append(a.date)?;
            cols[3].append(a.text)?;
            cols[4].append(a.url)?;
            cols[5].append(a.site_name)?;
            cols[6].append(a.language)?;
            cols[7].append(row.warc_url)?;
            cols[8].append(row.warc_date)?;
            cols[9].append(row.record_id)?;
        }
        let d = PyDict::new(py);
        for (name, col) in COLUMNS.iter().zip(cols) {
            d.set_item(name, col)?;
        }
        Ok(Some(d))
    }

    /// The counts so far: `{"records", "html_records", "articles", "skipped": {reason: n}}`.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        summary_dict(py, &self.inner.counts()?)
    }

    /// Bytes read from the source so far (compressed for .warc.gz).
    #[getter]
    fn bytes_read(&self) -> PyResult<u64> {
        self.inner.bytes_read()
    }

    /// Stops reading and drops the source (a file opened from a path is closed now, not at garbage
    /// collection); the summary stays readable.
    fn close(&self) -> PyResult<()> {
        self.inner.close()?;
        *lock(&self.done)? = true;
        Ok(())
    }

    /// The column names of a batch.
    #[classattr]
    fn columns() -> Vec<&'static str> {
        COLUMNS.to_vec()
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyWarcRecord>()?;
    m.add_class::<PyWarcReader>()?;
    m.add_class::<PyWarcArticles>()?;
    Ok(())
}
