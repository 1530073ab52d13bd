//! Cluster files of summarization benchmarks: one `{"id", "documents": [...]}` per line.

use std::path::Path;

use crate::error::{ErrorKind, IngestError};
use crate::{read_file_bytes, IngestOptions};

/// One cluster: its id and its documents' raw texts.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterRecord {
    pub id: String,
    pub documents: Vec<String>,
}

/// Read a cluster file (JSON Lines, optionally gzipped). Other fields are
/// ignored; a line that is not a cluster is an error naming `FILE#LINE`.
pub fn read_clusters(path: &Path) -> Result<Vec<ClusterRecord>, IngestError> {
    let (records, mut bad) = read_clusters_lenient(path)?;
    match bad.is_empty() {
        true => Ok(records),
        false => Err(bad.swap_remove(0)),
    }
}

/// Read a cluster file, keeping the good lines: a line that is not a cluster is
/// returned as an error naming `FILE#LINE`, and the others are still read. Only
/// a file that cannot be read at all (missing, truncated gzip...) is an `Err`.
pub fn read_clusters_lenient(
    path: &Path,
) -> Result<(Vec<ClusterRecord>, Vec<IngestError>), IngestError> {
    let name = path.display().to_string();
    let opts = IngestOptions::default();
    let bytes = read_file_bytes(path, &name, &opts)?;
    parse_clusters_lenient(&name, &bytes, &opts)
}

/// Parse cluster lines; the first bad line is the error.
pub fn parse_clusters(
    name: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<Vec<ClusterRecord>, IngestError> {
    let (records, mut bad) = parse_clusters_lenient(name, bytes, opts)?;
    match bad.is_empty() {
        true => Ok(records),
        false => Err(bad.swap_remove(0)),
    }
}

/// Parse cluster lines, collecting bad lines as errors beside the good records.
pub fn parse_clusters_lenient(
    name: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<(Vec<ClusterRecord>, Vec<IngestError>), IngestError> {
    let bytes = crate::maybe_gunzip(name, bytes, opts)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = format!("{name}#{}", i + 1);
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                bad.push(IngestError::new(&at, ErrorKind::Json(e.to_string())));
                continue;
            }
        };
        let id = match v.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => (i + 1).to_string(),
        };
        let Some(docs) = v.get("documents").and_then(|d| d.as_array()) else {
            bad.push(IngestError::new(&at, ErrorKind::NoTextField));
            continue;
        };
        let documents = docs
            .iter()
            .filter_map(|d| d.as_str().map(str::to_string))
            .collect();
        out.push(ClusterRecord { id, documents });
    }
    Ok((out, bad))
}
