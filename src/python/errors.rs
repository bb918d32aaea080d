//! Maps core errors to the exception classes defined in `newsprep._errors`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use crate::error::{Error, ErrorKind};

/// Raises the `newsprep._errors` class `name` with `message`.
pub(crate) fn newsprep_error(py: Python<'_>, name: &str, message: String) -> PyErr {
    let made = py
        .import("newsprep._errors")
        .and_then(|m| m.getattr(name))
        .and_then(|cls| cls.call1((message.clone(),)));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        // The package is always installed with its Python half; this is a fallback.
        Err(_) => pyo3::exceptions::PyValueError::new_err(message),
    }
}

/// Converts a core error to the matching Python exception.
pub(crate) fn to_py(py: Python<'_>, e: Error) -> PyErr {
    let name = match e.kind() {
        ErrorKind::InvalidOption => "ConfigError",
        ErrorKind::InvalidRecord => "GazetteerError",
        ErrorKind::InvalidRule => "RuleError",
        ErrorKind::Deserialize => "SerializationError",
        ErrorKind::Io => {
            return pyo3::exceptions::PyOSError::new_err(e.message().to_string());
        }
    };
    newsprep_error(py, name, e.message().to_string())
}

/// A `TypeError` (also a `NewsprepError`) saying what was expected and what came.
pub(crate) fn type_error(py: Python<'_>, what: &str, got: &Bound<'_, PyAny>) -> PyErr {
    let tname = got
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string());
    let msg = format!("{what}, got {tname}");
    let made = py
        .import("newsprep._errors")
        .and_then(|m| m.getattr("InputTypeError"))
        .and_then(|cls| cls.call1((msg.clone(),)));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(_) => PyTypeError::new_err(msg),
    }
}
