//! WARC files: split records, keep HTML responses, parse their HTTP headers.

use crate::decode::find;

/// One HTML page found in a WARC file.
#[derive(Debug, Clone, PartialEq)]
pub struct WarcPage {
    /// 1-based record number in the file.
    pub record: usize,
    pub target_uri: Option<String>,
    pub date: Option<String>,
    /// The HTTP Content-Type header, if any.
    pub content_type: Option<String>,
    /// The HTTP body, de-chunked (still compressed if Content-Encoding says so).
    pub body: Vec<u8>,
    pub content_encoding: Option<String>,
}

/// Does this look like a WARC file?
pub fn is_warc(bytes: &[u8]) -> bool {
    bytes.starts_with(b"WARC/")
}

fn parse_headers(block: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(block)
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_ascii_lowercase(), v.trim().to_string()))
        })
        .collect()
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// End of a header block (index after the blank line), accepting CRLF or LF.
fn header_end(b: &[u8]) -> Option<usize> {
    let crlf = find(b, b"\r\n\r\n").map(|p| p + 4);
    let lf = find(b, b"\n\n").map(|p| p + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The HTML responses of a WARC file, and a note for each record that could
/// not be read. Non-HTML records (requests, metadata, images) are skipped.
pub fn pages(bytes: &[u8]) -> (Vec<WarcPage>, Vec<String>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut pos = 0;
    let mut record = 0;
    while pos < bytes.len() {
        // Skip the blank lines between records.
        while pos < bytes.len() && matches!(bytes[pos], b'\r' | b'\n') {
            pos += 1;
        }
        if pos >= bytes.len() {
            break;
        }
        let rest = &bytes[pos..];
        if !rest.starts_with(b"WARC/") {
            problems.push(format!("no WARC record header at byte {pos}"));
            break;
        }
        record += 1;
        let Some(hend) = header_end(rest) else {
            problems.push(format!("record {record}: headers never end"));
            break;
        };
        let headers = parse_headers(&rest[..hend]);
        let Some(len) = header(&headers, "content-length").and_then(|v| v.parse::<usize>().ok())
        else {
            problems.push(format!("record {record}: no Content-Length"));
            break;
        };
        let body_end = hend.saturating_add(len);
        let Some(block) = rest.get(hend..body_end) else {
            problems.push(format!("record {record}: truncated"));
            break;
        };
        pos += body_end;
        let wtype = header(&headers, "warc-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        if wtype != "response" && wtype != "resource" {
            continue;
        }
        let target =
            header(&headers, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_string());
        let date = header(&headers, "warc-date").map(str::to_string);
        let (ct, ce, body) = if wtype == "response" && block.starts_with(b"HTTP/") {
            let Some(he) = header_end(block) else {
                problems.push(format!("record {record}: HTTP headers never end"));
                continue;
            };
            let h = parse_headers(&block[..he]);
            let status_ok = String::from_utf8_lossy(&block[..he.min(40)])
                .split_whitespace()
                .nth(1)
                .is_some_and(|s| s.starts_with('2'));
            if !status_ok {
                continue;
            }
            let mut body = block[he..].to_vec();
            if header(&h, "transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
                body = dechunk(&body);
            }
            (
                header(&h, "content-type").map(str::to_string),
                header(&h, "content-encoding").map(str::to_string),
                body,
            )
        } else {
            (
                header(&headers, "content-type").map(str::to_string),
                None,
                block.to_vec(),
            )
        };
        let html_type = ct.as_deref().map(str::to_ascii_lowercase);
        let is_html = match html_type.as_deref() {
            Some(t) => t.contains("html"),
            None => {
                let head: Vec<u8> = body.iter().take(512).map(u8::to_ascii_lowercase).collect();
                find(&head, b"<html").is_some() || find(&head, b"<!doctype html").is_some()
            }
        };
        if !is_html {
            continue;
        }
        out.push(WarcPage {
            record,
            target_uri: target,
            date,
            content_type: ct,
            body,
            content_encoding: ce,
        });
    }
    (out, problems)
}

/// Undo HTTP chunked transfer coding; a broken coding keeps what was read.
fn dechunk(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(nl) = find(&b[pos..], b"\n") {
        let line = String::from_utf8_lossy(&b[pos..pos + nl]);
        let size_str = line.trim().split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_str, 16) else {
            break;
        };
        pos += nl + 1;
        if size == 0 {
            break;
        }
        let end = pos.saturating_add(size).min(b.len());
        out.extend_from_slice(&b[pos..end]);
        pos = end;
        while pos < b.len() && matches!(b[pos], b'\r' | b'\n') {
            pos += 1;
        }
        if pos >= b.len() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n"),
            b"Hello world"
        );
    }
}
