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
    let name = path.display().to_string();
    let opts = IngestOptions::default();
    let bytes = read_file_bytes(path, &name, &opts)?;
    parse_clusters(&name, &bytes, &opts)
}

/// [`read_clusters`] on bytes already read.
pub fn parse_clusters(
    name: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<Vec<ClusterRecord>, IngestError> {
    let bytes = crate::maybe_gunzip(name, bytes, opts)?;
    let text = String::from_utf8_lossy(&bytes);
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = format!("{name}#{}", i + 1);
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| IngestError::new(&at, ErrorKind::Json(e.to_string())))?;
        let id = match v.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => (i + 1).to_string(),
        };
        let docs = v
            .get("documents")
            .and_then(|d| d.as_array())
            .ok_or_else(|| IngestError::new(&at, ErrorKind::NoTextField))?;
        let documents = docs
            .iter()
            .filter_map(|d| d.as_str().map(str::to_string))
            .collect();
        out.push(ClusterRecord { id, documents });
    }
    Ok(out)
}
