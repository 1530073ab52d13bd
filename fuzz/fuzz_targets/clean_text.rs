//! Fuzzes the text cleaner: no panic, every kept or removed line is a trimmed
//! line of the input (nothing invented, nothing lost), keep_junk removes
//! nothing, and the article built from the text has valid spans.
#![no_main]

use dossier_ingest::{article_from_text, clean, IngestOptions};
use dossier_model::ArticleId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let c = clean::clean_text(raw);
    let input: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let kept: Vec<&str> = c.text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        kept.len() + c.removed.len(),
        input.len(),
        "kept + removed lines must account for every input line"
    );
    for l in &kept {
        assert!(input.contains(l), "kept line not in the input: {l:?}");
    }
    for r in &c.removed {
        assert!(
            input.contains(&r.text.as_str()),
            "removed line not in the input: {:?}",
            r.text
        );
    }
    assert_eq!(c.text.trim(), c.text, "cleaned text is trimmed");
    assert!(
        !c.text.contains("\n\n\n"),
        "at most one blank line between paragraphs"
    );

    let keep = clean::clean_with(raw, true);
    assert!(keep.removed.is_empty(), "keep_junk removed a line");

    let a = article_from_text(ArticleId(0), "fuzz.txt", raw, &IngestOptions::default());
    if let Err(e) = a.check_spans() {
        panic!("invalid span: {e}");
    }
});
