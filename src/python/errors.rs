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
pub(crate) fn type_error(_py: Python<'_>, what: &str, got: &Bound<'_, PyAny>) -> PyErr {
    let tname = got
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string());
    InputTypeError::new_err(format!("{what}, got {tname}"))
}
