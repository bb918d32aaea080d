//! Typed keyword options of the constructors (`keep_title=`, `min_length=`,
//! `batch_size=` ...): a value of the wrong type is an `InputTypeError`
//! (a `NewsprepError` and a `TypeError`) naming the option and what it
//! takes, where pyo3's own conversion raised a bare `TypeError`.
//!
//! pyo3 calls a `from_py_with` function with the value alone, so each
//! option gets a one-line function naming it ([`option_args!`]).

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

use super::errors::{type_error, ConfigError};

/// A flag: `True` or `False` (a numpy bool too); 1, "yes" or None are refused.
pub(crate) fn flag(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<bool> {
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(b.is_true());
    }
    if !obj.is_instance_of::<PyInt>() {
        // pyo3 takes numpy.bool_ for a bool, and nothing else that is not a bool
        if let Ok(b) = obj.extract::<bool>() {
            return Ok(b);
        }
    }
    Err(type_error(
        obj.py(),
        &format!("{name} expects True or False"),
        obj,
    ))
}

/// A count: an int of zero or more (not a bool); a negative or huge one is a
/// `ConfigError`.
pub(crate) fn count(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<usize> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(type_error(obj.py(), &format!("{name} must be an int"), obj));
    }
    match obj.extract::<i64>() {
        Ok(v) if v >= 0 => usize::try_from(v)
            .map_err(|_| ConfigError::new_err(format!("{name} is too large ({v})"))),
        Ok(v) => Err(ConfigError::new_err(format!(
            "{name} must be zero or more, got {v}"
        ))),
        Err(_) => Err(ConfigError::new_err(format!(
            "{name} is out of range ({})",
            obj.repr()?
        ))),
    }
}

/// An int of any sign (not a bool), range-checked by the caller.
pub(crate) fn int(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<i64> {
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(type_error(obj.py(), &format!("{name} must be an int"), obj));
    }
    match obj.extract::<i64>() {
        Ok(v) => Ok(v),
        Err(_) => Err(ConfigError::new_err(format!(
            "{name} is out of range ({})",
            obj.repr()?
        ))),
    }
}

/// A real number: an int or a float (not a bool).
pub(crate) fn real(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<f64> {
    let numeric = (obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>())
        || obj.is_instance_of::<PyFloat>();
    if !numeric {
        return Err(type_error(
            obj.py(),
            &format!("{name} must be a number"),
            obj,
        ));
    }
    obj.extract::<f64>()
}

/// A str.
pub(crate) fn string(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(s.to_str()?.to_string()),
        Err(_) => Err(type_error(obj.py(), &format!("{name} must be a str"), obj)),
    }
}

/// A str or None.
pub(crate) fn opt_string(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Option<String>> {
    if obj.is_none() {
        return Ok(None);
    }
    match obj.cast::<PyString>() {
        Ok(s) => Ok(Some(s.to_str()?.to_string())),
        Err(_) => Err(type_error(
            obj.py(),
            &format!("{name} must be a str or None"),
            obj,
        )),
    }
}

/// One `from_py_with` function per option: `option_args! { keep_title_arg:
/// flag("keep_title") -> bool, ... }`.
macro_rules! option_args {
    ($($f:ident: $kind:ident($name:literal) -> $t:ty),* $(,)?) => {
        $(
            #[doc = concat!("The `", $name, "` option (for `from_py_with`).")]
            fn $f(obj: &pyo3::Bound<'_, pyo3::PyAny>) -> pyo3::PyResult<$t> {
                super::options::$kind(obj, $name)
            }
        )*
    };
}
pub(crate) use option_args;
