//! HTML in, article out (work in progress).

pub mod charset;
pub mod meta;
