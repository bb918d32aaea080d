//! Borrowing Python strings as `&str` without growing them.

use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyFloat, PyString};

use super::errors::type_error;

/// A Python `str` seen as UTF-8, kept alive while Rust (possibly on other
/// threads) reads it.
///
/// ASCII strings are borrowed in place (CPython stores them as UTF-8 already).
/// Other strings are encoded to a temporary `bytes`: asking CPython for their
/// UTF-8 directly would cache a UTF-8 copy inside the user's str for its whole
/// lifetime, growing every article of a DataFrame.
pub(crate) enum PyText {
    Ascii(PyBackedStr),
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
        let ascii = py
            .get_type::<PyString>()
            .call_method1(pyo3::intern!(py, "isascii"), (s,))?
            .is_truthy()?;
        if ascii {
            Ok(PyText::Ascii(PyBackedStr::try_from(s.clone())?))
        } else {
            Ok(PyText::Encoded(PyBackedBytes::from(s.encode_utf8()?)))
        }
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            PyText::Ascii(s) => s,
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
            PyText::Encoded(_) => false,
            PyText::Arrow(a) => a.is_ascii(),
            PyText::Owned(s) => s.is_ascii(),
        }
    }
}

/// Extracts one text argument, or a `TypeError` naming what came instead.
pub(crate) fn text_arg(obj: &Bound<'_, PyAny>, func: &str) -> PyResult<PyText> {
    match obj.cast::<PyString>() {
        Ok(s) => PyText::new(s),
        Err(_) => Err(type_error(
            obj.py(),
            &format!("{func}() expects text as a str"),
            obj,
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
