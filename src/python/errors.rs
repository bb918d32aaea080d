//! Maps core errors to the exception classes defined in `newsprep._errors`.
//!
//! The classes are imported as Python types (`import_exception!`), so raising one is
//! `ConfigError::new_err(message)`: no lookup by name, and the class a call site raises is
//! checked when the crate compiles.

use pyo3::prelude::*;

use crate::error::{Error, ErrorKind};

pyo3::import_exception!(newsprep._errors, ConfigError);
pyo3::import_exception!(newsprep._errors, GazetteerError);
pyo3::import_exception!(newsprep._errors, RuleError);
pyo3::import_exception!(newsprep._errors, SerializationError);
pyo3::import_exception!(newsprep._errors, InputTypeError);
pyo3::import_exception!(newsprep._errors, FormatError);
pyo3::import_exception!(newsprep._errors, NewsprepWarning);

/// Converts a core error to the matching Python exception.
pub(crate) fn to_py(_py: Python<'_>, e: Error) -> PyErr {
    let message = e.message().to_string();
    match e.kind() {
        ErrorKind::InvalidOption => ConfigError::new_err(message),
        ErrorKind::InvalidRecord => GazetteerError::new_err(message),
        ErrorKind::InvalidRule => RuleError::new_err(message),
        ErrorKind::Deserialize => SerializationError::new_err(message),
        ErrorKind::Io => pyo3::exceptions::PyOSError::new_err(message),
        ErrorKind::Format => FormatError::new_err(message),
    }
}

/// A `TypeError` (also a `NewsprepError`) saying what was expected and what came.
pub(crate) fn type_error(py: Python<'_>, what: &str, got: &Bound<'_, PyAny>) -> PyErr {
    type_error_fix(py, what, got, "")
}

/// [`type_error`] followed by `; {fix}` (what to call instead) when `fix` is not empty.
pub(crate) fn type_error_fix(
    _py: Python<'_>,
    what: &str,
    got: &Bound<'_, PyAny>,
    fix: &str,
) -> PyErr {
    let tname = got
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string());
    let sep = if fix.is_empty() { "" } else { "; " };
    InputTypeError::new_err(format!("{what}, got {tname}{sep}{fix}"))
}

/// Warns `msg` (`NewsprepWarning`) at the user's line: the first frame outside
/// the newsprep package (a fixed stacklevel would point at the package's own
/// wrapper when a call comes through one, and the warning filters' "once per
/// location" would then hide it for every later call site).
pub(crate) fn warn_user(py: Python<'_>, msg: &str) -> PyResult<()> {
    let category = py.get_type::<NewsprepWarning>();
    let level = user_stacklevel(py).unwrap_or(2);
    PyErr::warn(py, &category, &std::ffi::CString::new(msg)?, level)
}

/// 1 + the number of newsprep frames on top of the Python stack.
fn user_stacklevel(py: Python<'_>) -> PyResult<i32> {
    let package = py.import("newsprep")?.getattr("__file__")?;
    let package: String = package.extract()?;
    let dir = std::path::Path::new(&package)
        .parent()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut frame = py.import("sys")?.call_method1("_getframe", (0,))?;
    let mut level = 1;
    while !frame.is_none() {
        let file: String = frame.getattr("f_code")?.getattr("co_filename")?.extract()?;
        if dir.is_empty() || !file.starts_with(&dir) {
            break;
        }
        level += 1;
        frame = frame.getattr("f_back")?;
    }
    Ok(level)
}
