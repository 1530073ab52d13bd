//! Title and date choice on invented pages, and ordering of parallel reads.

use dossier_ingest::html::extract;
use dossier_ingest::{decode, ingest_paths, IngestOptions};

const BODY: &str = "<p>The ferry between the two harbour towns will run every twenty minutes from Monday, the operator said in a statement.</p>\
<p>Commuters had asked for more crossings for years, and the council agreed to pay for a second boat, officials said.</p>";

fn page(head: &str, body_top: &str) -> String {
    format!("<!doctype html><html><head>{head}</head><body>{body_top}<article>{BODY}</article></body></html>")
}

#[test]
fn a_masthead_h1_naming_the_site_is_not_the_title() {
    let html = page(
        "<title>Ferries Will Run Every Twenty Minutes - Quiet Harbour Weekly</title>",
        "<header><h1>Quiet Harbour Weekly</h1></header>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Ferries Will Run Every Twenty Minutes")
    );
}

#[test]
fn a_masthead_h1_equal_to_og_site_name_is_not_the_title() {
    let html = page(
        "<title>Ferries Will Run Every Twenty Minutes | Quiet Harbour Weekly</title>\
         <meta property=\"og:site_name\" content=\"Quiet Harbour Weekly\">",
        "<h1>Quiet Harbour Weekly</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Ferries Will Run Every Twenty Minutes")
    );
}

#[test]
fn an_h1_sharing_one_common_word_is_not_confirmed() {
    let html = page(
        "<title>Here Is the New Ferry Timetable for Both Towns</title>",
        "<h1>TAP RIGHT HERE</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Here Is the New Ferry Timetable for Both Towns")
    );
}

#[test]
fn an_h1_confirmed_by_the_head_title_wins() {
    let html = page(
        "<title>Ferry timetable | Quiet Harbour Weekly</title>",
        "<h1>New ferry timetable doubles the crossings</h1>",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("New ferry timetable doubles the crossings")
    );
}

#[test]
fn og_title_inside_a_site_prefixed_title_tag_is_preferred() {
    let html = page(
        "<title>Quiet Harbour Weekly: Ferries Will Run Every Twenty Minutes</title>\
         <meta property=\"og:title\" content=\"Ferries Will Run Every Twenty Minutes\">",
        "",
    );
    assert_eq!(
        extract(&html).title.as_deref(),
        Some("Ferries Will Run Every Twenty Minutes")
    );
}

#[test]
fn published_date_meta_name_is_read() {
    let html = page(
        "<title>Ferries</title><meta name=\"published-date\" content=\"2021-02-16\">",
        "",
    );
    assert_eq!(
        extract(&html).published.map(|d| d.to_string()).as_deref(),
        Some("2021-02-16")
    );
}

#[test]
fn published_metadata_beats_modified_metadata() {
    let html = page(
        "<title>Ferries</title>\
         <meta property=\"article:modified_time\" content=\"2024-06-01T10:00:00Z\">\
         <meta property=\"article:published_time\" content=\"2023-03-05T10:00:00Z\">",
        "",
    );
    assert_eq!(
        extract(&html).published.map(|d| d.to_string()).as_deref(),
        Some("2023-03-05")
    );
}

#[test]
fn parallel_reads_keep_input_order_for_articles_and_errors() {
    let dir = std::env::temp_dir().join(format!("dossier-ingest-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut want_sources = Vec::new();
    let mut want_errors = Vec::new();
    for i in 0..40 {
        let p = dir.join(format!("f{i:02}.txt"));
        if i % 7 == 3 {
            std::fs::write(&p, b"").unwrap();
            want_errors.push(format!("{}: empty input", p.display()));
        } else {
            std::fs::write(
                &p,
                format!("Report number {i} says the ferry left on time."),
            )
            .unwrap();
            want_sources.push(p.display().to_string());
        }
    }
    let paths = vec![dir.display().to_string()];
    let got = ingest_paths(&paths, &IngestOptions::default());
    let sources: Vec<&str> = got.articles.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources, want_sources);
    let ids: Vec<usize> = got.articles.iter().map(|a| a.id.0).collect();
    assert_eq!(ids, (0..want_sources.len()).collect::<Vec<_>>());
    let errors: Vec<String> = got.errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors, want_errors);
    assert_eq!(ingest_paths(&paths, &IngestOptions::default()), got);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_forged_gzip_size_trailer_does_not_reserve_the_limit() {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut e, b"a short text").unwrap();
    let mut bytes = e.finish().unwrap();
    let n = bytes.len();
    // The size field claims 4 GiB - 1; the stream itself is tiny.
    bytes[n - 4..].copy_from_slice(&u32::MAX.to_le_bytes());
    let got = decode::gunzip(&bytes, 1 << 30);
    assert!(got.is_err(), "a size mismatch is corrupt: {got:?}");
}
