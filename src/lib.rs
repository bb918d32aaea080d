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
