//! pyo3 bindings: argument coercion, GIL release, byte-to-code-point offsets,
//! exceptions and pickling. No splitting, matching or cleaning logic lives here.

use pyo3::prelude::*;

mod arrow;
mod batch;
mod boilerplate;
mod entities;
mod errors;
mod html;
mod options;
mod pipeline;
mod sentences;
mod text;
mod warc;

/// Rebuilds a pickled object: `cls(**kwargs)`.
#[pyfunction]
fn _reconstruct<'py>(
    cls: &Bound<'py, PyAny>,
    kwargs: &Bound<'py, pyo3::types::PyDict>,
) -> PyResult<Bound<'py, PyAny>> {
    cls.call((), Some(kwargs))
}

/// `__reduce__` for a class rebuilt as `type(obj)(**kwargs)`: keeps subclasses and
/// keyword-only constructors picklable.
pub(crate) fn reduce_to_kwargs<'py>(
    obj: &Bound<'py, PyAny>,
    kwargs: Bound<'py, pyo3::types::PyDict>,
) -> PyResult<Bound<'py, pyo3::types::PyTuple>> {
    let py = obj.py();
    let ctor = py.import("newsprep._core")?.getattr("_reconstruct")?;
    let args = pyo3::types::PyTuple::new(py, [obj.get_type().into_any(), kwargs.into_any()])?;
    pyo3::types::PyTuple::new(py, [ctor, args.into_any()])
}

/// The compiled core of newsprep.
#[pymodule(gil_used = false)]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    batch::record_pid();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(_reconstruct, m)?)?;
    sentences::register(m)?;
    entities::register(m)?;
    boilerplate::register(m)?;
    html::register(m)?;
    pipeline::register(m)?;
    warc::register(m)?;
    Ok(())
}
