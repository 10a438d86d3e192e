//! The one error type: building an extractor from bad data, or reading bad
//! input. Extraction itself never fails.

use std::fmt;

/// An error from building an [`Extractor`](crate::Extractor) or from
/// reading input.
///
/// Opaque on purpose: match on [`Error::kind`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A gazetteer line could not be parsed.
    #[error("{origin}:{line}: {reason}: {text:?}")]
    Gazetteer {
        /// Where the data came from (`countries.tsv`, or a user's name).
        origin: String,
        /// 1-based line number.
        line: usize,
        /// The line as written.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The input text is not usable (not UTF-8, binary).
    #[error("bad input: {reason}")]
    Input {
        /// What is wrong, with the byte offset where it was found.
        reason: String,
    },
    /// The matcher could not be built (too many patterns).
    #[error("cannot build the matcher: {0}")]
    Build(String),
}

impl Error {
    pub(crate) fn gazetteer(origin: &str, line: usize, text: &str, reason: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Gazetteer {
                origin: origin.to_string(),
                line,
                text: text.to_string(),
                reason: reason.into(),
            },
        }
    }

    pub(crate) fn input(reason: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Input { reason: reason.into() } }
    }

    pub(crate) fn build(reason: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Build(reason.into()) }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl std::error::Error for Error {}
