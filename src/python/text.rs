//! Borrowing Python strings as `&str` without growing them.

use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyFloat, PyString};

use super::errors::{type_error, type_error_fix};

/// A Python `str` seen as UTF-8, kept alive while Rust (possibly on other
/// threads) reads it.
///
/// ASCII strings are borrowed in place (CPython stores them as UTF-8 already).
/// Other strings are encoded to a UTF-8 copy owned here: asking CPython for
/// their UTF-8 directly would cache a UTF-8 copy inside the user's str for its
/// whole lifetime, growing every article of a DataFrame.
pub(crate) enum PyText {
    Ascii(PyBackedStr),
    /// A non-ASCII str's UTF-8, encoded here (see [`utf8_of`]).
    Utf8(String),
    /// A non-ASCII str's UTF-8 from `str.encode` (long strs, see [`utf8_of`]).
    Encoded(PyBackedBytes),
    /// A string inside an Arrow column (see [`super::arrow`]).
    Arrow(super::arrow::ArrowStr),
    /// Text made in Rust (HTML bytes decoded by the extractor).
    Owned(String),
}

impl PyText {
    /// Borrows `s`. Fails with `UnicodeEncodeError` (a `ValueError`) on lone surrogates.
    pub(crate) fn new(s: &Bound<'_, PyString>) -> PyResult<PyText> {
        let py = s.py();
        // `str.isascii(s)`, not `s.isascii()`: a str subclass may override the method, and
        // trusting it would give byte offsets for non-ASCII text (issue 12).
        // The method is looked up once (a cached `str.isascii`): a lookup per call cost
        // more than the call itself, and `find` on a short article pays it every time.
        static ISASCII: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let isascii = ISASCII.get_or_try_init(py, || {
            PyResult::Ok(
                py.get_type::<PyString>()
                    .getattr(pyo3::intern!(py, "isascii"))?
                    .unbind(),
            )
        })?;
        let ascii = isascii.bind(py).call1((s,))?.is_truthy()?;
        if ascii {
            Ok(PyText::Ascii(PyBackedStr::try_from(s.clone())?))
        } else {
            utf8_of(s)
        }
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            PyText::Ascii(s) => s,
            PyText::Utf8(s) => s,
            // SAFETY: the bytes come from `str.encode("utf-8")` in strict mode,
            // which only ever produces valid UTF-8.
            PyText::Encoded(b) => unsafe { std::str::from_utf8_unchecked(b) },
            PyText::Arrow(a) => a.as_str(),
            PyText::Owned(s) => s,
        }
    }

    /// Whether the text is pure ASCII (byte offsets are code-point offsets).
    pub(crate) fn is_ascii(&self) -> bool {
        match self {
            PyText::Ascii(_) => true,
            PyText::Utf8(_) | PyText::Encoded(_) => false,
            PyText::Arrow(a) => a.is_ascii(),
            PyText::Owned(s) => s.is_ascii(),
        }
    }
}

/// Strs longer than this many code points are encoded by `str.encode` (see [`utf8_of`]).
const UCS4_MAX: usize = 1 << 20;

/// The UTF-8 of a non-ASCII str, without caching it in the str.
///
/// The code points are copied out as UCS-4 (`PyUnicode_AsUCS4`, in the stable ABI: a
/// widening loop the C compiler vectorises) and encoded here with a fast path for
/// runs of ASCII, about a quarter of the instructions of `str.encode("utf-8")`,
/// whose per-character loop took 8.5% of `newsprep.clean` on the real pages. Strs of
/// more than [`UCS4_MAX`] code points (the UCS-4 copy is 4 bytes per code point) and
/// strs with lone surrogates (which UTF-8 cannot hold: `str.encode` raises its
/// `UnicodeEncodeError`, a `ValueError`) go through `str.encode`.
fn utf8_of(s: &Bound<'_, PyString>) -> PyResult<PyText> {
    let py = s.py();
    // SAFETY: `s` is a live str; `PyUnicode_GetLength` only reads it.
    let n = unsafe { pyo3::ffi::PyUnicode_GetLength(s.as_ptr()) };
    let n = usize::try_from(n).map_err(|_| PyErr::fetch(py))?;
    if n <= UCS4_MAX {
        let mut cps: Vec<u32> = Vec::with_capacity(n);
        // SAFETY: the buffer holds `n` code points, the length of `s`; with `copy_null = 0`
        // `PyUnicode_AsUCS4` writes exactly those (or fails, setting an exception).
        let ok = unsafe {
            pyo3::ffi::PyUnicode_AsUCS4(s.as_ptr(), cps.as_mut_ptr(), n as pyo3::ffi::Py_ssize_t, 0)
        };
        if ok.is_null() {
            return Err(PyErr::fetch(py));
        }
        // SAFETY: the `n` code points were written above.
        unsafe { cps.set_len(n) };
        if let Some(out) = crate::offsets::utf8_of_code_points(&cps) {
            return Ok(PyText::Utf8(out));
        }
    }
    Ok(PyText::Encoded(PyBackedBytes::from(s.encode_utf8()?)))
}

/// What to do instead when `obj`, given where text goes, is bytes (decode
/// them, or give HTML pages to the extractor); empty for anything else.
pub(crate) fn bytes_fix(obj: &Bound<'_, PyAny>) -> &'static str {
    if obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        "decode bytes to str first (data.decode(\"utf-8\"), or series.str.decode(\"utf-8\")); \
         HTML pages as bytes go to newsprep.extract or Extractor.extract_many, which find their encoding"
    } else {
        ""
    }
}

/// Extracts one text argument, or a `TypeError` naming what came instead.
pub(crate) fn text_arg(obj: &Bound<'_, PyAny>, func: &str) -> PyResult<PyText> {
    match obj.cast::<PyString>() {
        Ok(s) => PyText::new(s),
        Err(_) => Err(type_error_fix(
            obj.py(),
            &format!("{func}() expects text as a str"),
            obj,
            bytes_fix(obj),
        )),
    }
}

/// Whether `obj` is a missing value in a batch: None, a float NaN, pandas.NA or NaT.
pub(crate) fn is_missing(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_none() {
        return true;
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    let ty = obj.get_type();
    matches!(
        ty.name().map(|n| n.to_string()).as_deref(),
        Ok("NAType" | "NaTType")
    )
}

/// An optional iterable of str option (`stop_names`, `disable`, ...) as a Vec, with a
/// `TypeError` naming the option for a single str or a non-str item.
pub(crate) fn str_list(
    py: Python<'_>,
    obj: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Vec<String>> {
    let Some(obj) = obj else {
        return Ok(Vec::new());
    };
    if obj.is_instance_of::<PyString>() {
        return Err(type_error(
            py,
            &format!("{what} expects an iterable of str, not a single str"),
            obj,
        ));
    }
    let mut out = Vec::new();
    for item in obj
        .try_iter()
        .map_err(|_| type_error(py, &format!("{what} expects an iterable of str"), obj))?
    {
        let item = item?;
        out.push(
            item.extract::<String>()
                .map_err(|_| type_error(py, &format!("{what} items must be str"), &item))?,
        );
    }
    Ok(out)
}
