//! The error type of ingestion: which input failed and why.

use std::fmt;

/// Why one input (a file, stdin, or one record of a file) could not be read.
///
/// Displays as `PATH: reason`, e.g. `reports/x.html.gz: truncated gzip stream`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {kind}")]
pub struct IngestError {
    /// The input as named to the user: a path as given, `stdin`, or `FILE#LINE`.
    pub path: String,
    pub kind: ErrorKind,
}

impl IngestError {
    pub fn new(path: impl Into<String>, kind: ErrorKind) -> IngestError {
        IngestError {
            path: path.into(),
            kind,
        }
    }
}

/// The reason part of an [`IngestError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input has no bytes, or only whitespace.
    Empty,
    /// NUL bytes or control characters: not text in any encoding we read.
    Binary,
    /// The gzip stream ends before its end-of-stream marker.
    TruncatedGzip,
    /// The gzip stream is damaged (bad header, bad checksum, bad data).
    CorruptGzip(String),
    /// Decompression would pass `limit` bytes (a gzip bomb, or just too big).
    DecompressedTooLarge { limit: u64 },
    /// The input itself is larger than `limit` bytes.
    TooLarge { limit: u64 },
    /// The operating system could not read it.
    Io(String),
    /// A JSON document or JSON Lines record does not parse.
    Json(String),
    /// A JSON record has no text, content, body, html or documents field.
    NoTextField,
    /// Nothing was left once the page's boilerplate was removed.
    NoText,
    /// A WARC file whose record structure is broken.
    Warc(String),
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Empty => f.write_str("empty input"),
            ErrorKind::Binary => f.write_str("binary file"),
            ErrorKind::TruncatedGzip => f.write_str("truncated gzip stream"),
            ErrorKind::CorruptGzip(e) => write!(f, "corrupt gzip stream ({e})"),
            ErrorKind::DecompressedTooLarge { limit } => write!(
                f,
                "gzip stream decompresses to more than {limit} bytes (gzip bomb?); refusing"
            ),
            ErrorKind::TooLarge { limit } => {
                write!(f, "input is larger than the {limit}-byte limit")
            }
            ErrorKind::Io(e) => write!(f, "cannot read ({e})"),
            ErrorKind::Json(e) => write!(f, "invalid JSON ({e})"),
            ErrorKind::NoTextField => {
                f.write_str("JSON record has no text, content, body, html or documents field")
            }
            ErrorKind::NoText => f.write_str("no article text found"),
            ErrorKind::Warc(e) => write!(f, "broken WARC file ({e})"),
        }
    }
}
