//! Evaluation metrics whose figures match the project's reference Python scorers: ROUGE as
//! Google's rouge-score 0.1.2 computes it (`rouge_eval.py`), WCXB's word-bag F1 (`wcxb_f1.py`)
//! and B-cubed clustering scores (`bcubed.py`).

pub mod bcubed;
pub mod porter;
pub mod pycompat;
mod pyword_table;
pub mod rouge;
pub mod wcxb;

use std::path::{Path, PathBuf};

/// Why an evaluation input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: invalid JSON: {source}", loc(.path, *.line))]
    Json {
        path: PathBuf,
        /// 1-based; 0 when the whole file is one JSON document.
        line: usize,
        #[source]
        source: serde_json::Error,
    },
    #[error("{}: {why}", loc(.path, *.line))]
    Field {
        path: PathBuf,
        /// 1-based; 0 when the whole file is one JSON document.
        line: usize,
        why: String,
    },
    #[error("{path}: no {what}")]
    Empty { path: PathBuf, what: &'static str },
}

/// `path:line`, or just `path` for a whole-document error (line 0).
fn loc(path: &Path, line: usize) -> String {
    if line == 0 {
        path.display().to_string()
    } else {
        format!("{}:{line}", path.display())
    }
}

pub(crate) fn read_to_string(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Non-blank lines of a JSON Lines file, parsed, with their 1-based line numbers.
pub(crate) fn read_jsonl(path: &Path) -> Result<Vec<(usize, serde_json::Value)>, EvalError> {
    let raw = read_to_string(path)?;
    parse_jsonl(path, &raw)
}

pub(crate) fn parse_jsonl(
    path: &Path,
    raw: &str,
) -> Result<Vec<(usize, serde_json::Value)>, EvalError> {
    let mut out = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v = serde_json::from_str(line).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            line: i + 1,
            source,
        })?;
        out.push((i + 1, v));
    }
    Ok(out)
}

/// The string field `key` of a JSON object, or an error naming the file and line.
pub(crate) fn string_field(
    path: &Path,
    line: usize,
    v: &serde_json::Value,
    key: &str,
) -> Result<String, EvalError> {
    match v.get(key) {
        Some(serde_json::Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(EvalError::Field {
            path: path.to_path_buf(),
            line,
            why: format!("field `{key}` is not a string"),
        }),
        None => Err(EvalError::Field {
            path: path.to_path_buf(),
            line,
            why: format!("missing field `{key}`"),
        }),
    }
}
