//! Bytes to text: bounded gzip decompression, binary detection and charset decoding.

use std::io::Read;

use encoding_rs::Encoding;

use crate::error::ErrorKind;

/// Does the input start with the gzip magic bytes?
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompress a gzip stream (several concatenated members are one stream, as in
/// `.warc.gz`), refusing to produce more than `limit` bytes so that a small
/// bomb cannot exhaust memory.
pub fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, ErrorKind> {
    let mut out = Vec::new();
    let decoder = flate2::read::MultiGzDecoder::new(bytes);
    // One byte past the limit tells "exactly at the limit" from "over it".
    let mut bounded = decoder.take(limit.saturating_add(1));
    match bounded.read_to_end(&mut out) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Err(ErrorKind::TruncatedGzip)
        }
        Err(e) => return Err(ErrorKind::CorruptGzip(e.to_string())),
    }
    if out.len() as u64 > limit {
        return Err(ErrorKind::DecompressedTooLarge { limit });
    }
    Ok(out)
}

/// The encoding named by a byte-order mark, and the BOM's length.
pub fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// Binary data: NUL bytes (outside UTF-16 with a BOM) or many control characters.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if let Some((enc, _)) = bom(bytes) {
        if enc != encoding_rs::UTF_8 {
            return false;
        }
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if memchr_nul(sample) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 20 > sample.len().max(1)
}

fn memchr_nul(b: &[u8]) -> bool {
    b.contains(&0)
}

/// Decode text of unknown encoding: BOM, then `declared` (an HTML charset
/// label), then UTF-8 if valid, else chardetng's guess. A declared UTF-8 that
/// does not validate falls through to the guess, since such pages are common.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    if let Some((enc, len)) = bom(bytes) {
        let rest = bytes.get(len..).unwrap_or(&[]);
        let (text, _) = enc.decode_without_bom_handling(rest);
        return text.into_owned();
    }
    let declared = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    // A page cannot really be UTF-16 if its meta tag was readable as ASCII.
    let declared = declared.map(|e| e.output_encoding());
    if let Some(enc) = declared {
        // Multi-byte UTF-8 sequences almost never occur by chance in legacy
        // encodings, so valid non-ASCII UTF-8 wins over a stale declaration.
        if enc != encoding_rs::UTF_8 && !(!bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()) {
            let (text, _) = enc.decode_without_bom_handling(bytes);
            return text.into_owned();
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, false);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text.into_owned()
}

/// The charset an HTML page declares in its first bytes, from
/// `<meta charset=...>` or `<meta http-equiv="Content-Type" content="...; charset=...">`.
pub fn html_declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let rest = &tag[cs + 7..];
            let rest = skip_ws(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = skip_ws(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label: Vec<u8> = rest
                    .iter()
                    .take_while(|&&b| {
                        !matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>' | b'\t' | b'\n')
                    })
                    .copied()
                    .collect();
                if !label.is_empty() {
                    return String::from_utf8(label).ok();
                }
            }
        }
        from = end;
        if from >= lower.len() {
            break;
        }
    }
    None
}

/// The charset parameter of a MIME type such as `text/html; charset=ISO-8859-1`.
pub fn mime_charset(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let pos = lower.find("charset=")?;
    let rest = lower.get(pos + 8..)?;
    let label: String = rest
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| !matches!(c, '"' | '\'' | ';' | ' '))
        .collect();
    (!label.is_empty()).then_some(label)
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn skip_ws(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_charsets() {
        assert_eq!(
            html_declared_charset(b"<html><head><META charset=\"Windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            html_declared_charset(
                b"<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
            )
            .as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(html_declared_charset(b"<meta name=x content=y>"), None);
        assert_eq!(
            mime_charset("text/html; charset=\"UTF-8\"").as_deref(),
            Some("utf-8")
        );
    }

    #[test]
    fn latin1_label_decodes_as_windows_1252() {
        // 0x93/0x94 are curly quotes in windows-1252, which WHATWG uses for "latin1".
        let text = decode(b"\x93caf\xe9\x94", Some("latin1"));
        assert_eq!(text, "\u{201c}café\u{201d}");
    }

    #[test]
    fn undeclared_non_utf8_is_guessed() {
        let text = decode(
            b"The caf\xe9 on the corner re-opened after the na\xefve plan failed.",
            None,
        );
        assert!(text.contains("café"), "{text}");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00abc"));
        assert!(!looks_binary("plain words\n".as_bytes()));
        assert!(!looks_binary(b"\xff\xfea\x00b\x00"));
    }
}
