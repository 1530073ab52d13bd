//! Fuzzes the HTML path: any bytes through `ingest_bytes` as an `.html` input
//! (charset sniffing, decoding, extraction, cleaning), then `html::extract` on
//! the same bytes as text. Checks there is no panic and that every article's
//! spans are valid.
#![no_main]

use dossier_ingest::{html, ingest_bytes, IngestOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = IngestOptions {
        max_decompressed_bytes: 1 << 20,
        ..IngestOptions::default()
    };
    if let Ok(articles) = ingest_bytes("fuzz.html", data, &opts) {
        for a in &articles {
            if let Err(e) = a.check_spans() {
                panic!("invalid span: {e}");
            }
            assert!(!a.text.is_empty(), "an article with empty text");
        }
    }
    let text = String::from_utf8_lossy(data);
    let ex = html::extract(&text);
    // The extracted text is what the cleaner reads; it must be plain text.
    assert!(!ex.text.contains('\0') || text.contains('\0'));
});
