//! Bytes to text: bounded gzip decompression, binary detection and charset decoding.

use std::borrow::Cow;
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
    // The gzip trailer holds the (last member's) size mod 2^32: a good first
    // guess for the buffer, bounded so a forged trailer cannot make us
    // reserve much more than the limit or 32 times the input.
    let hint = bytes
        .len()
        .checked_sub(4)
        .and_then(|i| bytes.get(i..))
        .and_then(|t| <[u8; 4]>::try_from(t).ok())
        .map_or(0, |t| u32::from_le_bytes(t) as u64)
        .min(limit)
        .min(bytes.len() as u64 * 32);
    let mut out = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).saturating_add(1));
    // `bufread` reads the slice in place; `read::` would copy it through a
    // BufReader first.
    let decoder = flate2::bufread::MultiGzDecoder::new(bytes);
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
    // Counted in byte-wide sums over short chunks, which the compiler turns
    // into vector code: this runs over every input's first 64 KiB.
    let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b);
    let controls: usize = sample
        .chunks(255)
        .map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + u8::from(control(b)))))
        .sum();
    controls * 20 > sample.len().max(1)
}

fn memchr_nul(b: &[u8]) -> bool {
    // memchr's vector search; `<[u8]>::contains` goes a byte at a time.
    memchr::memchr(0, b).is_some()
}

/// Decode text of unknown encoding: BOM, then `declared` (an HTML charset
/// label), then UTF-8 if valid, else chardetng's guess. A declared UTF-8 that
/// does not validate falls through to the guess, since such pages are common.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> String {
    decode_cow(bytes, declared).into_owned()
}

/// [`decode`], borrowing `bytes` when they already are the text (valid
/// UTF-8 with nothing to mend, the common case): no copy of the page.
pub fn decode_cow<'a>(bytes: &'a [u8], declared: Option<&str>) -> Cow<'a, str> {
    let text = decode_raw(bytes, declared);
    let mended = match fix_mojibake(&text) {
        Cow::Owned(fixed) => Some(fixed),
        Cow::Borrowed(_) => None,
    };
    mended.map_or(text, Cow::Owned)
}

fn decode_raw<'a>(bytes: &'a [u8], declared: Option<&str>) -> Cow<'a, str> {
    if let Some((enc, len)) = bom(bytes) {
        let rest = bytes.get(len..).unwrap_or(&[]);
        return enc.decode_without_bom_handling(rest).0;
    }
    let declared = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    // A page cannot really be UTF-16 if its meta tag was readable as ASCII.
    let declared = declared.map(|e| e.output_encoding());
    if let Some(enc) = declared {
        // Multi-byte UTF-8 sequences almost never occur by chance in legacy
        // encodings, so valid non-ASCII UTF-8 wins over a stale declaration.
        let utf8_text = !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok();
        if enc != encoding_rs::UTF_8 && !utf8_text {
            return enc.decode_without_bom_handling(bytes).0;
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(None, false);
    enc.decode_without_bom_handling(bytes).0
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

/// The single byte windows-1252 (or, for its holes, Latin-1) encodes `c` as,
/// for characters at or above 0x80.
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{80}'..='\u{ff}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => return None,
    };
    Some(b)
}

/// Repair text that was UTF-8 decoded as windows-1252 somewhere upstream
/// ("donâ€™t", "cafÃ©"): runs of non-ASCII characters whose single-byte
/// encodings form valid multi-byte UTF-8 are decoded again. Text without at
/// least two tell-tale pairs is returned untouched.
pub fn fix_mojibake(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    // Ã, Â or â (as UTF-8) followed by a C1 control or a cp1252 mark; memchr
    // keeps this scan cheap on large clean texts.
    let tell_tales = memchr::memchr2_iter(0xc3, 0xc2, b)
        .filter(|&i| {
            matches!(
                (b[i], b.get(i + 1)),
                (0xc3, Some(0x83 | 0x82 | 0xa2)) | (0xc2, Some(0x80..=0x9f))
            )
        })
        .take(2)
        .count();
    if tell_tales < 2 {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii() || cp1252_byte(c).is_none() {
            out.push(c);
            i += 1;
            continue;
        }
        // A run of characters that each stand for one byte.
        let start = i;
        let mut bytes = Vec::new();
        while let Some(b) = chars
            .get(i)
            .filter(|c| !c.is_ascii())
            .and_then(|&c| cp1252_byte(c))
        {
            bytes.push(b);
            i += 1;
        }
        let mut j = 0;
        while j < bytes.len() {
            let need = match bytes[j] {
                0xc2..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf4 => 4,
                _ => 0,
            };
            let decoded = (need > 0)
                .then(|| bytes.get(j..j + need))
                .flatten()
                .and_then(|seq| std::str::from_utf8(seq).ok());
            match decoded {
                Some(d) => {
                    out.push_str(d);
                    j += need;
                }
                None => {
                    out.push(chars[start + j]);
                    j += 1;
                }
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod mojibake_tests {
    use super::*;

    #[test]
    fn double_encoded_utf8_is_repaired() {
        assert_eq!(
            fix_mojibake("The mayorâ€™s cafÃ© said â€œnoâ€\u{9d} twice."),
            "The mayor’s café said “no” twice."
        );
        assert_eq!(
            fix_mojibake(
                "\u{e2}\u{80}\u{9c}Yes,\u{e2}\u{80}\u{9d} she said \u{e2}\u{80}\u{94} twice."
            ),
            "“Yes,” she said — twice."
        );
        // Ordinary accented text is left alone.
        let fine = "Ångström, naïve café — “déjà vu” at 5 °C";
        assert_eq!(fix_mojibake(fine), fine);
    }
}
