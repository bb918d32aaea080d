//! The error type returned by every fallible constructor in the core.

use std::fmt;

/// What went wrong, in broad terms. Bindings map each kind to an exception
/// class (`ConfigError`, `GazetteerError`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An option had a value outside its domain (an unknown mode name, zero
    /// threads, an abbreviation containing whitespace, ...).
    InvalidOption,
    /// A gazetteer record could not be used (empty name, a name that folds to
    /// nothing, a missing id).
    InvalidRecord,
    /// A rule or phrase id that does not exist, or a malformed rule.
    InvalidRule,
    /// Serialized state (a saved matcher, a pickled cleaner) could not be read.
    Deserialize,
    /// Reading or writing a file failed.
    Io,
    /// An input is not in the format expected (a file that is not a WARC
    /// archive).
    Format,
}

/// An error from the newsprep core: a kind plus a human-readable message that
/// says what was wrong and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// Creates an error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// Shorthand for an [`ErrorKind::InvalidOption`] error.
    pub fn option(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidOption, message)
    }

    /// The broad category of this error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io, e.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::new(ErrorKind::Deserialize, e.to_string())
    }
}

/// Result alias used across the core.
pub type Result<T> = std::result::Result<T, Error>;
