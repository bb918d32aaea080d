//! # newsprep
//!
//! Prepare news text scraped from the web: sentence splitting, entity matching
//! and boilerplate removal. The core is plain Rust and knows nothing of Python;
//! the optional `python` feature adds the pyo3 bindings (the private `python` module).
//!
//! All offsets inside the core are UTF-8 byte offsets into the `&str` given;
//! [`offsets::CharOffsets`] converts them to code-point offsets (what Python
//! users see) in one forward pass.
#![deny(missing_docs)]

pub mod article;
pub mod batch;
pub mod boilerplate;
pub mod dates;
pub mod entities;
pub mod error;
mod hash;
pub mod html;
pub mod offsets;
pub mod pipeline;
pub mod sentences;
pub mod warc;

#[cfg(test)]
mod testing;

pub use article::Article;
pub use error::{Error, ErrorKind};

#[cfg(feature = "python")]
mod python;

/// Whether two strs are equal, in a `const` context (tables built at compile
/// time; `==` is not `const`).
pub(crate) const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
