//! Reading string columns through the Arrow C stream interface
//! (`__arrow_c_stream__`: pyarrow arrays, polars Series, Arrow-backed pandas
//! Series) without creating one Python object per row.
//!
//! Only the consumer side of the C Data Interface is implemented, for the
//! three string layouts: `utf8` ("u"), `large_utf8` ("U") and `utf8_view`
//! ("vu"). Every other type returns `None` so the caller falls back to
//! iterating Python objects.
//!
//! A leaf module: it yields [`ArrowStr`]s, which [`super::text::PyText`] wraps; it
//! knows nothing of the other bindings.

use std::ffi::{c_char, c_int, c_void, CStr};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

#[repr(C)]
struct ArrowSchema {
    format: *const c_char,
    name: *const c_char,
    metadata: *const c_char,
    flags: i64,
    n_children: i64,
    children: *mut *mut ArrowSchema,
    dictionary: *mut ArrowSchema,
    release: Option<unsafe extern "C" fn(*mut ArrowSchema)>,
    private_data: *mut c_void,
}

#[repr(C)]
struct ArrowArray {
    length: i64,
    null_count: i64,
    offset: i64,
    n_buffers: i64,
    n_children: i64,
    buffers: *mut *const c_void,
    children: *mut *mut ArrowArray,
    dictionary: *mut ArrowArray,
    release: Option<unsafe extern "C" fn(*mut ArrowArray)>,
    private_data: *mut c_void,
}

#[repr(C)]
struct ArrowArrayStream {
    get_schema: Option<unsafe extern "C" fn(*mut ArrowArrayStream, *mut ArrowSchema) -> c_int>,
    get_next: Option<unsafe extern "C" fn(*mut ArrowArrayStream, *mut ArrowArray) -> c_int>,
    get_last_error: Option<unsafe extern "C" fn(*mut ArrowArrayStream) -> *const c_char>,
    release: Option<unsafe extern "C" fn(*mut ArrowArrayStream)>,
    private_data: *mut c_void,
}

impl ArrowSchema {
    fn empty() -> ArrowSchema {
        ArrowSchema {
            format: std::ptr::null(),
            name: std::ptr::null(),
            metadata: std::ptr::null(),
            flags: 0,
            n_children: 0,
            children: std::ptr::null_mut(),
            dictionary: std::ptr::null_mut(),
            release: None,
            private_data: std::ptr::null_mut(),
        }
    }
}

impl Drop for ArrowSchema {
    fn drop(&mut self) {
        if let Some(release) = self.release {
            // SAFETY: the producer's release callback, called once on the struct it filled.
            unsafe { release(self) }
        }
    }
}

/// An imported array; released (its buffers freed by the producer) on drop.
struct OwnedArray(Box<ArrowArray>);

impl Drop for OwnedArray {
    fn drop(&mut self) {
        if let Some(release) = self.0.release {
            // SAFETY: as above, once, on the struct the producer filled.
            unsafe { release(&mut *self.0) }
        }
    }
}

// SAFETY: the C Data Interface allows an imported array to be read from any
// thread; it is only released on drop, by its single owner.
unsafe impl Send for OwnedArray {}
unsafe impl Sync for OwnedArray {}

/// The arrays of one batch: keeps the Arrow buffers the batch's texts point into alive.
pub(crate) struct ArrowBatch {
    _arrays: Vec<OwnedArray>,
}

/// A string inside an Arrow buffer owned by an [`ArrowBatch`].
pub(crate) struct ArrowStr {
    ptr: *const u8,
    len: usize,
    ascii: bool,
}

// SAFETY: points into immutable Arrow buffers kept alive by the batch that
// made it; bindings keep the batch alive for as long as its items.
unsafe impl Send for ArrowStr {}
unsafe impl Sync for ArrowStr {}

impl ArrowStr {
    pub(crate) fn as_str(&self) -> &str {
        // SAFETY: checked to be UTF-8 when the batch was imported; the buffer
        // outlives `self` (see the type's docs).
        unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(self.ptr, self.len)) }
    }

    pub(crate) fn is_ascii(&self) -> bool {
        self.ascii
    }
}

#[derive(Clone, Copy)]
enum Layout {
    Utf8,
    LargeUtf8,
    View,
}

fn arrow_error(msg: impl Into<String>) -> PyErr {
    PyValueError::new_err(format!(
        "newsprep: reading the Arrow column failed: {}",
        msg.into()
    ))
}

/// Imports `obj` through `__arrow_c_stream__` when it is a string column.
/// Returns `Ok(None)` when the object has no stream or is not of a string type.
pub(crate) fn import_strings(
    obj: &Bound<'_, PyAny>,
) -> PyResult<Option<(ArrowBatch, Vec<Option<ArrowStr>>)>> {
    let py = obj.py();
    if !obj.hasattr(pyo3::intern!(py, "__arrow_c_stream__"))? {
        return Ok(None);
    }
    let capsule = obj.call_method0(pyo3::intern!(py, "__arrow_c_stream__"))?;
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| arrow_error("__arrow_c_stream__ did not return a capsule"))?;
    let raw = capsule
        .pointer_checked(Some(c"arrow_array_stream"))
        .map_err(|_| arrow_error("the capsule is not an arrow_array_stream"))?
        .as_ptr() as *mut ArrowArrayStream;
    // Move the stream out of the capsule (the protocol's rule): the capsule's
    // destructor then sees a released stream and does nothing.
    // SAFETY: the capsule holds a valid ArrowArrayStream until we take it.
    let mut stream = unsafe { std::ptr::read(raw) };
    unsafe { (*raw).release = None };
    let result = read_stream(&mut stream);
    if let Some(release) = stream.release {
        // SAFETY: we own the moved stream and release it once.
        unsafe { release(&mut stream) };
    }
    result
}

fn last_error(stream: &mut ArrowArrayStream) -> String {
    match stream.get_last_error {
        Some(f) => {
            // SAFETY: the producer returns NULL or a NUL-terminated message.
            let p = unsafe { f(stream) };
            if p.is_null() {
                "unknown error".into()
            } else {
                unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
            }
        }
        None => "unknown error".into(),
    }
}

fn read_stream(
    stream: &mut ArrowArrayStream,
) -> PyResult<Option<(ArrowBatch, Vec<Option<ArrowStr>>)>> {
    let (Some(get_schema), Some(get_next)) = (stream.get_schema, stream.get_next) else {
        return Err(arrow_error("the stream has no callbacks"));
    };
    let mut schema = ArrowSchema::empty();
    // SAFETY: a valid stream fills `schema` (or returns an error code).
    if unsafe { get_schema(stream, &mut schema) } != 0 {
        return Err(arrow_error(last_error(stream)));
    }
    if schema.format.is_null() {
        return Ok(None);
    }
    // SAFETY: the format is a NUL-terminated string owned by the schema.
    let layout = match unsafe { CStr::from_ptr(schema.format) }.to_bytes() {
        b"u" => Layout::Utf8,
        b"U" => Layout::LargeUtf8,
        b"vu" => Layout::View,
        _ => return Ok(None),
    };
    let mut arrays = Vec::new();
    let mut items = Vec::new();
    loop {
        let mut array = Box::new(ArrowArray {
            length: 0,
            null_count: 0,
            offset: 0,
            n_buffers: 0,
            n_children: 0,
            buffers: std::ptr::null_mut(),
            children: std::ptr::null_mut(),
            dictionary: std::ptr::null_mut(),
            release: None,
            private_data: std::ptr::null_mut(),
        });
        // SAFETY: a valid stream fills `array`; a released array marks the end.
        if unsafe { get_next(stream, &mut *array) } != 0 {
            return Err(arrow_error(last_error(stream)));
        }
        if array.release.is_none() {
            break;
        }
        let owned = OwnedArray(array);
        read_array(&owned.0, layout, &mut items)?;
        arrays.push(owned);
    }
    Ok(Some((ArrowBatch { _arrays: arrays }, items)))
}

fn read_array(a: &ArrowArray, layout: Layout, out: &mut Vec<Option<ArrowStr>>) -> PyResult<()> {
    let need = match layout {
        Layout::Utf8 | Layout::LargeUtf8 => 3,
        Layout::View => 2,
    };
    if a.n_buffers < need || a.buffers.is_null() || a.length < 0 || a.offset < 0 {
        return Err(arrow_error("malformed string array"));
    }
    let (len, off) = (a.length as usize, a.offset as usize);
    // SAFETY: `buffers` has `n_buffers` entries (checked above).
    let buf = |i: usize| unsafe { *a.buffers.add(i) } as *const u8;
    let validity = buf(0);
    let valid = |i: usize| {
        if validity.is_null() || a.null_count == 0 {
            return true;
        }
        let bit = off + i;
        // SAFETY: the validity bitmap covers offset + length bits.
        unsafe { (*validity.add(bit / 8) >> (bit % 8)) & 1 == 1 }
    };
    let push = |out: &mut Vec<Option<ArrowStr>>, ptr: *const u8, n: usize| -> PyResult<()> {
        // SAFETY: ptr..ptr+n lies inside a data buffer of this array (per the layout).
        let bytes = unsafe { std::slice::from_raw_parts(ptr, n) };
        let s =
            std::str::from_utf8(bytes).map_err(|e| arrow_error(format!("invalid UTF-8: {e}")))?;
        out.push(Some(ArrowStr {
            ptr,
            len: n,
            ascii: s.is_ascii(),
        }));
        Ok(())
    };
    match layout {
        Layout::Utf8 | Layout::LargeUtf8 => {
            let (offsets, data) = (buf(1), buf(2));
            if offsets.is_null() && len > 0 {
                return Err(arrow_error("missing offsets buffer"));
            }
            let at = |k: usize| -> usize {
                // SAFETY: the offsets buffer holds offset + length + 1 entries.
                unsafe {
                    match layout {
                        Layout::Utf8 => (offsets as *const i32).add(k).read_unaligned() as usize,
                        _ => (offsets as *const i64).add(k).read_unaligned() as usize,
                    }
                }
            };
            for i in 0..len {
                if !valid(i) {
                    out.push(None);
                    continue;
                }
                let (s, e) = (at(off + i), at(off + i + 1));
                if e < s {
                    return Err(arrow_error("decreasing offsets"));
                }
                let ptr = if data.is_null() {
                    [].as_ptr()
                } else {
                    unsafe { data.add(s) }
                };
                push(out, ptr, e - s)?;
            }
        }
        Layout::View => {
            let views = buf(1);
            let n_data = (a.n_buffers - 3).max(0) as usize; // validity, views, data..., sizes
            for i in 0..len {
                if !valid(i) {
                    out.push(None);
                    continue;
                }
                // SAFETY: the views buffer holds offset + length 16-byte views.
                let view = unsafe { views.add((off + i) * 16) };
                let n = unsafe { (view as *const i32).read_unaligned() } as usize;
                if n <= 12 {
                    push(out, unsafe { view.add(4) }, n)?;
                } else {
                    let index = unsafe { (view.add(8) as *const i32).read_unaligned() } as usize;
                    let start = unsafe { (view.add(12) as *const i32).read_unaligned() } as usize;
                    if index >= n_data {
                        return Err(arrow_error("string view points past the data buffers"));
                    }
                    let data = buf(2 + index);
                    push(out, unsafe { data.add(start) }, n)?;
                }
            }
        }
    }
    Ok(())
}
